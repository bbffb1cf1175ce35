/// Edits a font's glyph-substitution table (OpenType `GSUB`) so that languages other than the
/// ones we lay text out in lose their localized forms (`locl`).
///
/// Why: Noto Sans CJK maps thousands of shared characters to Japanese, Korean and traditional
/// shapes under those languages. A subset keeps every glyph any language can reach, so those
/// alternates would almost double the subset (and what cairo copies per face per PDF). Text is
/// laid out as simplified Chinese (`configurePangoContext`); Pango gives Latin, Cyrillic and
/// Greek runs their script's default language, which uses the font's default language system.
/// So the default systems and `ZHS ` keep `locl` exactly as the font has it — the digits Noto
/// draws in Latin runs come from there — and the others lose it. Edited in place: the feature
/// list of a language system is shortened, nothing moves.
enum LanguageForms {
    /// Language systems whose localized forms are kept, besides each script's default.
    static let keptLanguages: Set<String> = ["ZHS "]

    /// Removes `locl` from every language system of `gsub` except the defaults and
    /// `keptLanguages`. Returns how many language systems changed, or nil when the table is
    /// not a GSUB table this code understands (then it is left untouched).
    @discardableResult
    static func dropLocalizedForms(inGSUB gsub: UnsafeMutableRawBufferPointer) -> Int? {
        var table = Table(gsub)
        guard let major = table.u16(0), major == 1,
              let scriptList = table.u16(4).map(Int.init), let featureList = table.u16(6).map(Int.init),
              let featureCount = table.u16(featureList).map(Int.init),
              let scriptCount = table.u16(scriptList).map(Int.init)
        else { return nil }
        // Feature indices whose tag is `locl`.
        var localized = Set<Int>()
        for i in 0..<featureCount {
            guard let tag = table.tag(featureList + 2 + 6 * i) else { return nil }
            if tag == "locl" { localized.insert(i) }
        }
        guard !localized.isEmpty else { return 0 }
        // Every language system to edit is found and bounds-checked before the first edit, so a
        // damaged table is left exactly as it was.
        var targets: [Int] = []
        for s in 0..<scriptCount {
            guard let scriptOffset = table.u16(scriptList + 2 + 6 * s + 4).map(Int.init) else { return nil }
            let script = scriptList + scriptOffset
            guard let langSysCount = table.u16(script + 2).map(Int.init) else { return nil }
            for l in 0..<langSysCount {
                let record = script + 4 + 6 * l
                guard let tag = table.tag(record), let offset = table.u16(record + 4).map(Int.init) else { return nil }
                guard !keptLanguages.contains(tag) else { continue }
                guard table.isLangSys(at: script + offset) else { return nil }
                targets.append(script + offset)
            }
        }
        return targets.reduce(0) { $0 + (table.removeFeatures(localized, fromLangSysAt: $1) ? 1 : 0) }
    }

    /// Big-endian reads and writes with bounds checks over a table's bytes.
    struct Table {
        let bytes: UnsafeMutableRawBufferPointer
        init(_ bytes: UnsafeMutableRawBufferPointer) { self.bytes = bytes }

        func u16(_ at: Int) -> UInt16? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            return UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
        }

        func tag(_ at: Int) -> String? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return String(decoding: bytes[at..<at + 4], as: UTF8.self)
        }

        mutating func set(_ at: Int, _ v: UInt16) {
            bytes[at] = UInt8(v >> 8)
            bytes[at + 1] = UInt8(v & 0xFF)
        }

        /// LangSys: lookupOrder, requiredFeatureIndex, featureIndexCount, featureIndices[].
        func isLangSys(at: Int) -> Bool {
            guard let count = u16(at + 4).map(Int.init) else { return false }
            return at + 6 + 2 * count <= bytes.count
        }

        /// Removes `drop` from the language system at `at` (checked with `isLangSys`), keeping
        /// the order of the rest. Returns whether anything was removed.
        mutating func removeFeatures(_ drop: Set<Int>, fromLangSysAt at: Int) -> Bool {
            guard isLangSys(at: at), let required = u16(at + 2), let count = u16(at + 4).map(Int.init) else { return false }
            var removed = false
            if required != 0xFFFF, drop.contains(Int(required)) {
                set(at + 2, 0xFFFF)
                removed = true
            }
            var kept = 0
            for i in 0..<count {
                guard let index = u16(at + 6 + 2 * i) else { return removed }
                if drop.contains(Int(index)) { removed = true; continue }
                set(at + 6 + 2 * kept, index)
                kept += 1
            }
            set(at + 4, UInt16(kept))
            return removed
        }
    }
}
