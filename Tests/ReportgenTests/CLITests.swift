import Foundation
import Testing
import TestSupport

/// End-to-end: runs the built binary as a user or cron would.
@Suite struct CLITests {
    let bin = Tools.reportgenBinary()
    let seeds = GoldenImage.packageRoot().appendingPathComponent("seeds").path

    @Test func versionAndHelp() throws {
        let v = try Tools.run(bin, ["--version"])
        #expect(v.status == 0 && v.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let h = try Tools.run(bin, ["--help"])
        #expect(h.status == 0 && h.stdout.contains("build"))
    }

    @Test func buildWritesFilesAndAManifestThatMatchesThem() throws {
        let out = Tools.temporaryFolder() + "/out"
        let r = try Tools.run(bin, ["build", "--seeds", seeds, "--out", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try #require(FileManager.default.contents(atPath: out + "/manifest.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count >= 2)
        for f in files {
            let path = try #require(f["path"] as? String)
            let attrs = try FileManager.default.attributesOfItem(atPath: out + "/" + path)
            #expect((attrs[.size] as? Int) == f["bytes"] as? Int, "\(path) size matches the manifest")
        }
    }

    @Test func buildWritesTheFourSeedChartsInThreeFormats() throws {
        let out = Tools.temporaryFolder() + "/out"
        #expect(try Tools.run(bin, ["build", "--seeds", seeds, "--out", out, "--quiet"]).status == 0)
        let m = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: out + "/manifest.json"))) as? [String: Any]
        let files = (m?["files"] as? [[String: Any]]) ?? []
        let charts = files.filter { $0["kind"] as? String == "chart" }
        #expect(charts.count >= 12)
        #expect(files.filter { $0["kind"] as? String == "timeline" }.count == 6, "two seed timelines in three formats")
        #expect(files.contains { $0["path"] as? String == "facts.json" })
        #expect(Set(charts.compactMap { $0["format"] as? String }) == ["png", "pdf", "svg"])
        #expect(files.contains { $0["kind"] as? String == "data" && ($0["path"] as? String)?.hasSuffix(".csv") == true })
        let pdftotext = try #require(Tools.which("pdftotext"))
        let text = try Tools.run(pdftotext, [out + "/aksu-2015-funding.pdf", "-"]).stdout
        #expect(text.contains("天网工程") && text.contains("8,000") && text.contains("万元"))
    }

    /// The compiled briefing: five formats in the manifest as `briefing`, at least four A4 pages,
    /// fonts embedded, Chinese text searchable in reading order, every heading bookmarked.
    @Test func buildCompilesTheBriefing() throws {
        let out = Tools.temporaryFolder() + "/out"
        #expect(try Tools.run(bin, ["build", "--seeds", seeds, "--out", out, "--quiet"]).status == 0)
        let m = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: out + "/manifest.json"))) as? [String: Any]
        let files = (m?["files"] as? [[String: Any]]) ?? []
        let briefing = files.filter { $0["kind"] as? String == "briefing" }
        #expect(Set(briefing.compactMap { $0["format"] as? String }) == ["pdf", "html", "md", "pptx", "docx"])
        let pdf = out + "/briefing.pdf"
        let info = try Tools.run(try #require(Tools.which("pdfinfo")), [pdf]).stdout
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        #expect(pages >= 4 && info.contains("A4") && info.contains("Title:           援疆工作简报"), "\(info)")
        #expect(info.contains("Tagged:          yes"), "structure tags: headings, paragraphs, figures, tables")
        let fonts = try Tools.run(try #require(Tools.which("pdffonts")), [pdf]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes yes yes ") })
        let text = try Tools.run(try #require(Tools.which("pdftotext")), [pdf, "-"]).stdout
        #expect(text.contains("8000万元") && text.contains("资料来源"))
        let outline = PDFOutline.titles(pdf)
        let spec = try String(contentsOfFile: seeds + "/briefing.yaml", encoding: .utf8)
        let headings = spec.split(separator: "\n").compactMap { l -> String? in
            let t = l.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("- heading: ") ? String(t.dropFirst("- heading: ".count)) : nil
        }
        #expect(headings.count >= 6)
        var last = text.range(of: "资料来源")?.upperBound ?? text.startIndex  // the end of the contents list
        for h in headings {
            #expect(outline.contains(h), "bookmark for \(h)")
            // Body headings appear in spec order after the contents page.
            if let r = text.range(of: "\n" + h + "\n", range: last..<text.endIndex) ?? text.range(of: h, range: last..<text.endIndex) {
                last = r.upperBound
            } else { Issue.record("\(h) is missing or out of order in the PDF text") }
        }
        for f in briefing.compactMap({ $0["path"] as? String }) { #expect(FileManager.default.fileExists(atPath: out + "/" + f)) }
        let md = try String(contentsOfFile: out + "/briefing.md", encoding: .utf8)
        for f in files.compactMap({ $0["path"] as? String }).filter({ $0.hasPrefix("briefing-fig") }) { #expect(md.contains("](\(f))")) }
    }

    @Test func chartCommandRendersACSVInEveryFormatAsked() throws {
        let dir = Tools.temporaryFolder()
        try "项目,资金\n天网工程,80000000\n安居富民工程,76500000\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        let r = try Tools.run(bin, ["chart", dir + "/d.csv", "--kind", "bar", "--horizontal", "--title", "资金",
                                    "-o", dir + "/x.png", "-o", dir + "/x.pdf", "-o", dir + "/x.svg"])
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["x.png", "x.pdf", "x.svg"] { #expect(FileManager.default.fileExists(atPath: dir + "/" + f)) }
        let bad = try Tools.run(bin, ["chart", dir + "/d.csv", "-o", dir + "/x.gif"])
        #expect(bad.status == 2 && bad.stderr.contains("x.gif"))
        try "项目,资金\n甲,-1\n".write(toFile: dir + "/neg.csv", atomically: true, encoding: .utf8)
        let neg = try Tools.run(bin, ["chart", dir + "/neg.csv", "--kind", "donut", "-o", dir + "/n.png"])
        #expect(neg.status == 1 && neg.stderr.contains("甲") && neg.stderr.contains("negative"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/n.png"))
    }

    @Test func timelineCommandRendersACSVOfEvents() throws {
        let dir = Tools.temporaryFolder()
        try "date,precision,label,lane\n2015-01,,培训基地设立,电商\n2015-09-10,,商城上线,电商\n2015-10,month-late,工程竣工,民生\n"
            .write(toFile: dir + "/e.csv", atomically: true, encoding: .utf8)
        let r = try Tools.run(bin, ["timeline", dir + "/e.csv", "-o", dir + "/t.png", "-o", dir + "/t.pdf", "--orientation", "vertical"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try Tools.run(try #require(Tools.which("pdftotext")), [dir + "/t.pdf", "-"]).stdout
        #expect(text.contains("商城上线") && text.contains("2015年10月底"))
        try "date,label\n2015-13,坏日期\n".write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try Tools.run(bin, ["timeline", dir + "/bad.csv", "-o", dir + "/b.png"])
        #expect(bad.status == 1 && bad.stderr.contains("bad.csv:2") && bad.stderr.contains("2015-13"))
    }

    @Test func buildIsReproducibleWithSourceDateEpoch() throws {
        let a = Tools.temporaryFolder() + "/out", b = Tools.temporaryFolder() + "/out"
        let env = ["SOURCE_DATE_EPOCH": "1454284800"]
        #expect(try Tools.run(bin, ["build", "--seeds", seeds, "--out", a, "--quiet"], environment: env).status == 0)
        #expect(try Tools.run(bin, ["build", "--seeds", seeds, "--out", b, "--quiet"], environment: env).status == 0)
        let ma = FileManager.default.contents(atPath: a + "/manifest.json")
        #expect(ma != nil && ma == FileManager.default.contents(atPath: b + "/manifest.json"), "every file's sha256 is the same")
    }

    @Test func anUnwritableOutputFailsWithThePathAndExitCode1() throws {
        let r = try Tools.run(bin, ["build", "--seeds", seeds, "--out", "/proc/reportgen-out"])
        #expect(r.status == 1 && !r.crashed)
        #expect(r.stderr.contains("/proc/reportgen-out"), "\(r.stderr)")
    }

    @Test func missingSeedsFolderIsAClearError() throws {
        let r = try Tools.run(bin, ["build", "--seeds", "/nonexistent-seeds", "--out", Tools.temporaryFolder()])
        #expect(r.status == 1 && r.stderr.contains("/nonexistent-seeds"))
    }

    @Test func badUsageExitsWith2() throws {
        let r = try Tools.run(bin, ["build", "--no-such-flag"])
        #expect(r.status == 2 && !r.stderr.isEmpty)
    }

    /// With a fontconfig setup that lists no fonts at all, fontconfig substitutes nothing useful:
    /// the tool must say so, naming the family and the fix, instead of drawing boxes silently.
    @Test func noCJKFontGivesAWarningThatNamesTheFamilyAndTheFix() throws {
        let dir = Tools.temporaryFolder()
        let conf = dir + "/fonts.conf"
        try "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>\(dir)/cache</cachedir></fontconfig>\n"
            .write(toFile: conf, atomically: true, encoding: .utf8)
        let r = try Tools.run(bin, ["fonts"], environment: ["FONTCONFIG_FILE": conf])
        #expect(r.status == 1 && !r.crashed)
        #expect(r.stdout.contains("Noto Sans CJK SC") && r.stdout.contains("fonts-noto-cjk"), "\(r.stdout)")
        let out = dir + "/out"
        let b = try Tools.run(bin, ["build", "--seeds", seeds, "--out", out], environment: ["FONTCONFIG_FILE": conf])
        #expect(b.stderr.contains("fonts-noto-cjk"), "the build log warns too: \(b.stderr)")
    }
}
