import Canvas
import Foundation
import Testing
import TestSupport

/// The small CJK faces made once per machine (Canvas `FontSubsets`) must be invisible in the
/// output except for speed and size: the same pixels, the same searchable text, and characters
/// outside the subset still drawn by the full face.
@Suite struct FontSubsetTests {
    let bin = Tools.reportgenBinary()

    /// A chart whose labels mix everyday characters with two outside GB 2312 (镕, 喆).
    func chartData(rare: Bool = true) throws -> String {
        let dir = Tools.temporaryFolder()
        let csv = dir + "/data.csv"
        let rows = rare ? "天网工程,80000000\n朱镕基纪念馆,7650000\n吉喆文化礼堂,3000000\n"
                        : "天网工程,80000000\n安居富民,76500000\n文化礼堂,3000000\n"
        try ("项目,资金\n" + rows).write(toFile: csv, atomically: true, encoding: .utf8)
        return csv
    }

    func render(_ csv: String, _ env: [String: String], _ stem: String,
                title: String = "援疆资金（镕、喆不在 GB 2312 中）") throws -> (png: Data, pdf: String, run: ToolRun) {
        let png = stem + ".png", pdf = stem + ".pdf"
        let r = try Tools.run(bin, ["chart", csv, "--kind", "bar", "--horizontal", "--value-kind", "money",
                                    "--title", title, "-o", png, "-o", pdf], environment: env)
        return (FileManager.default.contents(atPath: png) ?? Data(), pdf, r)
    }

    func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }

    /// Everyday text is drawn from the subset alone: the very same pixels, a smaller PDF.
    @Test func subsetsDrawTheSamePixels() throws {
        let csv = try chartData(rare: false)
        let dir = Tools.temporaryFolder()
        let cache = dir + "/cache"
        // Digits in a Han run and in a Latin run, a dash and quotes between Han characters and an
        // ff ligature: glyphs Noto picks by language (locl), which the subset keeps only for ours.
        let title = "2015年杭州援疆资金 8000万元——“天网工程”，见 seeds/000_ff.txt v2.0"
        let on = try render(csv, ["REPORTGEN_FONT_CACHE": cache], dir + "/on", title: title)
        let off = try render(csv, ["REPORTGEN_FONT_SUBSETS": "off"], dir + "/off", title: title)
        #expect(on.run.status == 0 && off.run.status == 0, "\(on.run.stderr)\(off.run.stderr)")
        let made = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        #expect(made.filter { $0.hasSuffix(".otf") }.count >= 2, "Regular and Bold subsets were made: \(made)")
        #expect(!on.png.isEmpty && on.png == off.png, "the PNG is byte-identical with and without subsets")
        #expect(size(on.pdf) > 0 && size(on.pdf) < size(off.pdf), "embedding from the small face makes a smaller PDF")
        let pdftotext = try #require(Tools.which("pdftotext"))
        #expect(try Tools.run(pdftotext, [on.pdf, "-"]).stdout.contains("2015年杭州援疆资金"))

        // Second run: the cached subsets are used as they are.
        let again = try render(csv, ["REPORTGEN_FONT_CACHE": cache], dir + "/again", title: title)
        #expect(again.run.status == 0 && again.png == on.png && size(again.pdf) == size(on.pdf))
    }

    /// A character outside the subset falls through to the full face: drawn, searchable, embedded,
    /// and a line mixing both faces sits exactly where it sits in the full face (the subset keeps
    /// the BASE table; without it such a line came out a pixel lower).
    @Test func charactersOutsideTheSubsetComeFromTheFullFace() throws {
        let csv = try chartData()
        let dir = Tools.temporaryFolder()
        let on = try render(csv, ["REPORTGEN_FONT_CACHE": dir + "/cache"], dir + "/on")
        #expect(on.run.status == 0, "\(on.run.stderr)")
        let off = try render(csv, ["REPORTGEN_FONT_SUBSETS": "off"], dir + "/off")
        #expect(!on.png.isEmpty && on.png == off.png, "mixed lines draw the same pixels as the full face")
        #expect(!on.run.stderr.contains("boxes"), "every character has a glyph: \(on.run.stderr)")
        let pdftotext = try #require(Tools.which("pdftotext"))
        let text = try Tools.run(pdftotext, [on.pdf, "-"]).stdout
        #expect(text.contains("朱镕基纪念馆") && text.contains("吉喆文化礼堂") && text.contains("镕、喆"), "\(text)")
        let fonts = try Tools.run(try #require(Tools.which("pdffonts")), [on.pdf]).stdout
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for line in rows {
            #expect(line.contains("NotoSansCJKsc-"), "only Noto Sans CJK SC faces: \(line)")
            #expect(line.split(separator: " ").filter { $0 == "yes" }.count == 3, "embedded, subset, with a ToUnicode map: \(line)")
        }
    }

    /// Copies made for an older font file or subset version are removed when new ones are made;
    /// other files in the folder are not touched.
    @Test func supersededCopiesAreRemoved() throws {
        let dir = Tools.temporaryFolder()
        let cache = dir + "/cache"
        let env = ["REPORTGEN_FONT_CACHE": cache]
        #expect(try Tools.run(bin, ["fonts"], environment: env).status == 0)
        let made = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".otf") }.sorted()
        #expect(made.count == 4, "an everyday and a complete copy of each weight: \(made)")
        let everyday = try #require(made.first { $0.contains("-everyday-") })
        let stem = try #require(everyday.range(of: "everyday-")).lowerBound
        let stale = everyday[..<stem] + "0123abcd.otf"            // named as version 3 named them
        for name in [String(stale), "someone-elses.otf"] {
            try Data("old".utf8).write(to: URL(fileURLWithPath: cache + "/" + name))
        }
        try FileManager.default.removeItem(atPath: cache + "/" + everyday)  // so one copy is made again
        let again = try Tools.run(bin, ["fonts"], environment: env)
        #expect(again.status == 0 && again.stdout.contains("made in"), "\(again.stdout)")
        let now = try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
        #expect(!now.contains(String(stale)) && now.contains("someone-elses.otf") && now.contains(everyday), "\(now)")
    }

    /// Every glyph of the PDF is the glyph of the PNG. cairo 1.16's font subsetter can leave out
    /// a subroutine a glyph calls: 如 embedded from the system face comes out blank in poppler
    /// (31 of these 8x8 blocks differ). The copies have no subroutines, the rare 镕 and 喆 included.
    @Test func pdfGlyphsAreThePNGGlyphs() throws {
        let dir = Tools.temporaryFolder()
        let csv = dir + "/data.csv"
        try "项目,资金\n正因如此,80000000\n朱镕基纪念馆,7650000\n吉喆文化礼堂,3000000\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let png = dir + "/c.png", pdf = dir + "/c.pdf"
        let r = try Tools.run(bin, ["chart", csv, "--kind", "bar", "--horizontal", "--value-kind", "money", "--title", "资金",
                                    "--size", "360x240@600", "-o", png, "-o", pdf],
                              environment: ["REPORTGEN_FONT_CACHE": dir + "/cache"])
        #expect(r.status == 0, "\(r.stderr)")
        let pdftoppm = try #require(Tools.which("pdftoppm"))
        #expect(try Tools.run(pdftoppm, ["-r", "600", "-png", "-singlefile", pdf, dir + "/poppler"]).status == 0)
        let ours = try RasterImage(png: [UInt8](try Data(contentsOf: URL(fileURLWithPath: png))))
        let theirs = try RasterImage(png: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/poppler.png"))))
        try #require(ours.width == theirs.width && ours.height == theirs.height)
        #expect(Self.blocksDiffering(ours, theirs) <= 2, "a glyph is missing or damaged in the PDF")
    }

    /// 8x8 blocks whose mean grey differs by more than 60 levels (anti-aliasing differences
    /// between cairo and poppler stay below that; a missing glyph does not).
    static func blocksDiffering(_ a: RasterImage, _ b: RasterImage) -> Int {
        let w = a.width / 8, h = a.height / 8
        var sums = [Double](repeating: 0, count: w * h)
        for y in 0..<(h * 8) {
            for x in 0..<(w * 8) {
                let i = (y * a.width + x) * 4
                let grey = { (p: [UInt8]) in (Double(p[i]) + Double(p[i + 1]) + Double(p[i + 2])) / 3 }
                sums[(y / 8) * w + x / 8] += (grey(a.rgba) - grey(b.rgba)) / 64
            }
        }
        return sums.filter { abs($0) > 60 }.count
    }

    /// Text is laid out as simplified Chinese whatever the user's locale: the Japanese and
    /// traditional forms of 直, 骨 and the full-width dash never appear, with or without subsets.
    @Test func glyphFormsDoNotDependOnTheLocale() throws {
        let csv = try chartData(rare: false)
        let dir = Tools.temporaryFolder()
        let title = "直骨角——“天网工程”2019—2020年"
        let plain = try render(csv, ["REPORTGEN_FONT_CACHE": dir + "/cache"], dir + "/plain", title: title)
        #expect(plain.run.status == 0, "\(plain.run.stderr)")
        for (name, locale) in [("ja", "ja_JP.UTF-8"), ("tw", "zh_TW.UTF-8")] {
            let lang = String(locale.prefix(5))
            let env = ["LANG": locale, "LC_ALL": locale, "LANGUAGE": lang, "PANGO_LANGUAGE": lang]
            let sub = try render(csv, env.merging(["REPORTGEN_FONT_CACHE": dir + "/cache"]) { $1 }, dir + "/" + name, title: title)
            let full = try render(csv, env.merging(["REPORTGEN_FONT_SUBSETS": "off"]) { $1 }, dir + "/full-" + name, title: title)
            #expect(sub.png == plain.png && full.png == plain.png, "same glyphs under \(locale)")
        }
    }

    /// A cache folder that cannot be made gives way to a private folder in the temporary
    /// directory; cached files that are not fonts leave the system faces in use: same pixels,
    /// no failure.
    @Test func aBrokenCacheFallsBackToTheFullFaces() throws {
        let csv = try chartData()
        let dir = Tools.temporaryFolder()
        let reference = try render(csv, ["REPORTGEN_FONT_SUBSETS": "off"], dir + "/ref")
        #expect(reference.run.status == 0)

        let blocker = dir + "/a-file"
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
        let noFolder = try render(csv, ["REPORTGEN_FONT_CACHE": blocker + "/fonts"], dir + "/nofolder")
        #expect(noFolder.run.status == 0 && noFolder.png == reference.png, "\(noFolder.run.stderr)")
        let moved = try Tools.run(bin, ["fonts"], environment: ["REPORTGEN_FONT_CACHE": blocker + "/fonts"])
        #expect(moved.stdout.contains("using the temporary directory") && moved.stdout.contains("reportgen-fonts-"),
                "an unwritable cache folder gives way to a private temporary one: \(moved.stdout)")

        let cache = dir + "/cache"
        #expect(try render(csv, ["REPORTGEN_FONT_CACHE": cache], dir + "/first").run.status == 0)
        // One weight damaged: the other must not stand in for it (regular text drawn bold).
        let regular = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).sorted().last { $0.hasSuffix(".otf") })
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: cache + "/" + regular))
        let half = try render(csv, ["REPORTGEN_FONT_CACHE": cache], dir + "/half")
        #expect(half.run.status == 0 && half.png == reference.png, "\(half.run.stderr)")
        for name in try FileManager.default.contentsOfDirectory(atPath: cache) where name.hasSuffix(".otf") {
            try Data("garbage, not an OpenType font".utf8).write(to: URL(fileURLWithPath: cache + "/" + name))
        }
        let garbage = try render(csv, ["REPORTGEN_FONT_CACHE": cache], dir + "/garbage")
        #expect(garbage.run.status == 0 && garbage.png == reference.png, "\(garbage.run.stderr)")
        let fonts = try Tools.run(try #require(Tools.which("pdffonts")), [garbage.pdf]).stdout
        #expect(fonts.contains("NotoSansCJKsc-Regular"))

        // Damaged copies are found by their checksum, reported and made again (the builds above
        // already remade these; damage them once more for `reportgen fonts` to see).
        for name in try FileManager.default.contentsOfDirectory(atPath: cache) where name.hasSuffix(".otf") {
            try Data("garbage, not an OpenType font".utf8).write(to: URL(fileURLWithPath: cache + "/" + name))
        }
        let status = try Tools.run(bin, ["fonts"], environment: ["REPORTGEN_FONT_CACHE": cache])
        #expect(status.status == 0 && status.stdout.contains("damaged") && status.stdout.contains("font copy:"), "\(status.stdout)")
    }
}
