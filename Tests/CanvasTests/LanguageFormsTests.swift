@testable import Canvas
import Testing

/// The GSUB edit behind the font subsets: `locl` leaves every language system but the script
/// defaults and simplified Chinese, nothing else changes, and a damaged table is left alone.
@Suite struct LanguageFormsTests {
    /// A GSUB 1.0 table with one script ("hani": default + ZHS + JAN language systems) and three
    /// features (0 kern, 1 locl, 2 locl), each language system listing all three.
    static func table() -> [UInt8] {
        var b: [UInt8] = []
        func u16(_ v: Int) { b += [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func tag(_ t: String) { b += Array(t.utf8) }
        u16(1); u16(0); u16(10); u16(0); u16(0)        // header; feature list offset patched below
        // ScriptList at 10: one record -> Script at 10 + 8.
        u16(1); tag("hani"); u16(8)
        // Script at 18: default LangSys at +16, two records.
        u16(16); u16(2); tag("ZHS "); u16(28); tag("JAN "); u16(40)
        for required in [0xFFFF, 0xFFFF, 1] {         // default, ZHS, JAN (JAN requires locl 1)
            u16(0); u16(required); u16(3); u16(0); u16(1); u16(2)
        }
        let featureList = b.count
        b[6] = UInt8(featureList >> 8); b[7] = UInt8(featureList & 0xFF)
        u16(3); tag("kern"); u16(0); tag("locl"); u16(0); tag("locl"); u16(0)
        return b
    }

    /// Feature indices (and the required one) of the language system at `at`.
    static func features(_ b: [UInt8], at: Int) -> (required: Int, list: [Int]) {
        func u16(_ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
        return (u16(at + 2), (0..<u16(at + 4)).map { u16(at + 6 + 2 * $0) })
    }

    @Test func onlyOtherLanguagesLoseLocalizedForms() {
        var b = Self.table()
        let (defaultAt, zhsAt, janAt) = (18 + 16, 18 + 28, 18 + 40)
        let changed = b.withUnsafeMutableBytes { LanguageForms.dropLocalizedForms(inGSUB: $0) }
        #expect(changed == 1)
        #expect(Self.features(b, at: defaultAt).list == [0, 1, 2])
        #expect(Self.features(b, at: zhsAt).list == [0, 1, 2])
        #expect(Self.features(b, at: janAt).list == [0], "JAN keeps kern only")
        #expect(Self.features(b, at: janAt).required == 0xFFFF, "a required locl goes too")
        let again = b.withUnsafeMutableBytes { LanguageForms.dropLocalizedForms(inGSUB: $0) }
        #expect(again == 0, "a second pass finds nothing left to drop")
    }

    @Test func aDamagedTableIsLeftAlone() {
        let whole = Self.table()
        for cut in [3, 12, 30, 50, whole.count - 3] {
            var b = Array(whole.prefix(cut))
            let before = b
            let r = b.withUnsafeMutableBytes { LanguageForms.dropLocalizedForms(inGSUB: $0) }
            #expect(r == nil && b == before, "a table cut at \(cut) bytes is not edited")
        }
        var wrongVersion = whole
        wrongVersion[1] = 2
        #expect(wrongVersion.withUnsafeMutableBytes { LanguageForms.dropLocalizedForms(inGSUB: $0) } == nil)
    }
}
