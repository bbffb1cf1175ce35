import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// What a build leaves in its output folder, checked on a one-chart report.
@Suite struct BuildOutputTests {
    @Test func manifestListsEveryFileWithItsHash() throws {
        let dir = Tools.temporaryFolder()
        try "项目,资金\n天网工程,80000000\n安居富民工程,76500000\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        try "name: funds\ndata: d.csv\nkind: bar\nformats: [png]\n".write(toFile: dir + "/c.yaml", atomically: true, encoding: .utf8)
        let inputs = ReportBuild.Inputs(briefing: nil, sources: [], charts: [try ChartFile.load(dir + "/c.yaml")], timelines: [])
        _ = try ReportBuild.run(inputs, options: BuildOptions(out: dir + "/out"))
        let data = try #require(FileManager.default.contents(atPath: dir + "/out/manifest.json"))
        let m = try JSONDecoder().decode(Manifest.self, from: data)
        #expect(m.files.map(\.path) == ["funds.csv", "funds.png"])
        let csv = try #require(FileManager.default.attributesOfItem(atPath: dir + "/out/funds.csv")[.size] as? Int)
        #expect(m.files[0].bytes == csv && m.files[0].format == "csv" && m.files[0].kind == "data" && m.files[0].inputs.contains(dir + "/c.yaml"))
        let sha = try #require(Tools.which("sha256sum"))
        let expected = try Tools.run(sha, [dir + "/out/funds.png"]).stdout.split(separator: " ").first.map(String.init)
        #expect(m.files[1].sha256 == expected)
    }

    @Test func anOutputPathThatIsAFileIsAClearError() throws {
        let dir = Tools.temporaryFolder()
        let file = dir + "/out"
        _ = FileManager.default.createFile(atPath: file, contents: Data([0]))
        let inputs = ReportBuild.Inputs(briefing: nil, sources: [], charts: [], timelines: [])
        #expect { try ReportBuild.run(inputs, options: BuildOptions(out: file)) } throws: { e in
            "\(e)".contains(file) && "\(e)".contains("is a file")
        }
    }

    @Test func invalidUTF8NamesTheFileAndByteOffset() throws {
        let dir = Tools.temporaryFolder()
        let path = dir + "/bad.txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data(Array("援疆ab".utf8) + [0xFF, 0x41]))
        #expect { try SourceText.read(path) } throws: { e in
            "\(e)".contains(path) && "\(e)".contains("byte 8")
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF] + Array("资金".utf8)))
        #expect(try SourceText.read(path).text == "资金", "a UTF-8 BOM is dropped")
    }

    @Test func sourceDateEpochIsReadFromTheEnvironment() {
        #expect(sourceDateEpoch(["SOURCE_DATE_EPOCH": "1450000000"]) == Date(timeIntervalSince1970: 1_450_000_000))
        #expect(sourceDateEpoch(["SOURCE_DATE_EPOCH": "soon"]) == nil)
        #expect(sourceDateEpoch([:]) == nil)
    }

    /// A figure does not show the day, so a rebuild on another day redraws only the briefing
    /// (which prints the date); a fact chart is redone when an article it reads changes.
    @Test func aNewDayRedrawsOnlyTheBriefingAndAChangedArticleRedrawsItsFactChart() throws {
        let dir = Tools.temporaryFolder("days")
        try FileManager.default.createDirectory(atPath: dir + "/charts", withIntermediateDirectories: true)
        try "时间：2024-01-02\n简讯\n某县安排帮扶资金1200万元，修建道路；另安排帮扶资金300万元，用于培训。\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try "name: c\ndata:\n  facts: {type: money}\n  group: fact\nkind: bar\nvalueKind: money\nformats: [png]\n".write(toFile: dir + "/charts/c.yaml", atomically: true, encoding: .utf8)
        try "title: t\nvalues:\n  s: {chart: c, sum: true}\nsections:\n  - heading: h\n    text: 合计{{s}}。\nformats: [md]\n".write(toFile: dir + "/r.yaml", atomically: true, encoding: .utf8)
        let inputs = try ReportBuild.inputs(spec: dir + "/r.yaml")
        let day = Date(timeIntervalSince1970: 1_700_000_000)
        let first = try ReportBuild.run(inputs, options: BuildOptions(out: dir + "/out"), now: day)
        #expect(first.rebuilt.contains("chart:c"))
        let next = try ReportBuild.run(inputs, options: BuildOptions(out: dir + "/out"), now: day.addingTimeInterval(86_400))
        if sourceDateEpoch() == nil {
            #expect(next.rebuilt == ["briefing:briefing"], "\(next.rebuilt)")
        } else {
            #expect(next.rebuilt.isEmpty, "the epoch pins the date: \(next.rebuilt)")
        }
        try "时间：2024-01-02\n简讯\n某县安排帮扶资金1500万元，修建道路；另安排帮扶资金300万元，用于培训。\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        let changed = try ReportBuild.run(inputs, options: BuildOptions(out: dir + "/out"), now: day.addingTimeInterval(86_400))
        #expect(Set(changed.rebuilt).isSuperset(of: ["chart:c", "facts", "briefing:briefing"]), "\(changed.rebuilt)")
        let csv = try String(contentsOfFile: dir + "/out/c.csv", encoding: .utf8)
        #expect(csv.contains("1500万元") && !csv.contains("1200万元"))
    }
}
