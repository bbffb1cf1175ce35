import Charts
import Document
import Extraction
import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// The briefing spec: parsing with every problem reported, values resolved from charts,
/// timelines and facts with their sources, and templates whose numbers follow the data.
@Suite struct BriefingTests {
    let root = GoldenImage.packageRoot()

    /// The seed library: charts, timelines and the facts of the seed articles.
    func seedLibrary() throws -> BriefingJob.Library {
        let seeds = root.appendingPathComponent("seeds").path
        let docs = try ["000_ff3f57a7c254049f.txt", "001_e5ff6977e7e2d249.txt", "002_daa3cccee4fb68d4.txt"]
            .map { try Extractor().extract(file: seeds + "/" + $0) }
        return try BriefingJob.Library(charts: ChartJob.chartFiles(in: seeds + "/charts"),
                                       timelines: TimelineJob.files(in: seeds + "/timelines"), facts: FactBase(documents: docs))
    }

    @Test func aSpecWithFiveMistakesReportsAllFiveWithTheirLines() throws {
        let yaml = """
        title: 简报
        tilte: 重复
        values:
          a: {chart: c, rows: 天网工程}
          b: {value: 12}
        keyFigures:
          - {value: nope, label: 不存在}
        sections:
          - heading: 摘要
            level: 7
        formats: [pdf, odt]
        """
        do {
            _ = try BriefingFile.parse(yaml, path: "b.yaml")
            Issue.record("expected errors")
        } catch {
            guard case .many(let all) = error else { Issue.record("one error only: \(error)"); return }
            let text = error.description
            #expect(all.count >= 5, "\(text)")
            #expect(text.contains("b.yaml:2:1: field \"tilte\"") && text.contains("did you mean \"title\""), "line and column")
            #expect(text.contains("b.yaml:4") && text.contains("rows"))
            #expect(text.contains("b.yaml:5") && text.contains("note"))
            #expect(text.contains("b.yaml:7") && text.contains("nope"))
            #expect(text.contains("b.yaml:10") && text.contains("level"))
            #expect(text.contains("odt"))
        }
    }

    @Test func chartSumsAndRowsCarryTheirSentences() throws {
        let lib = try seedLibrary()
        let file = try BriefingFile.parse("""
        title: t
        values:
          total: {chart: aksu-2015-funding, sum: true}
          tianwang: {chart: aksu-2015-funding, row: 天网工程}
          n: {chart: aksu-2015-funding, count: true}
        sections:
          - heading: 摘要
            text: 共{{n}}，合计{{total}}，其中天网工程{{tianwang|亿元}}。
        """, path: "t.yaml")
        let doc = try BriefingJob.compile(file, library: lib)
        guard case .paragraph(let runs) = doc.blocks[1] else { Issue.record("no paragraph"); return }
        // The numbers the seed chart had when they were typed into a CSV by hand.
        let csv = try DataTable.load(root.appendingPathComponent("Tests/PipelineTests/Fixtures/seed-csv/data/aksu-2015-aid.csv").path)
        let sum = try csv.rows.indices.compactMap { try csv.number(row: $0, column: 1) }.reduce(0, +)
        let text = runs.map(\.text).joined()
        #expect(text == "共\(csv.rows.count)项，合计\(ResolvedValue.trimmed(sum / 1e8))亿元，其中天网工程0.8亿元。")
        let tianwang = try #require(runs.first { $0.text == "0.8亿元" })
        let note = doc.sources[tianwang.citations[0] - 1]
        #expect(note.sentence.contains("8000万元") && note.start != nil)
        // A sum cites every row: one entry per sentence, listing each row's span read in it.
        let sumCites = try #require(runs.first { $0.text.hasSuffix("亿元") && $0.text != "0.8亿元" }?.citations)
        let spans = sumCites.map { 1 + doc.sources[$0 - 1].moreSpans.count }.reduce(0, +)
        #expect(spans == csv.rows.count, "a sum cites every row")
        #expect(Set(sumCites.map { doc.sources[$0 - 1].sentence }).count == sumCites.count, "each sentence is listed once")
    }

    @Test func factsArePickedExactlyOnceOrTheErrorListsTheCandidates() throws {
        let lib = try seedLibrary()
        let one = try BriefingFile.parse("""
        title: t
        values:
          projects: {fact: {doc: 002_daa3cccee4fb68d4.txt, type: count, unit: 个, subject: 援疆项目}}
          sales: {fact: {doc: 002_daa3cccee4fb68d4.txt, type: money, subject: 十城百店}}
        sections: [{heading: h, text: "{{projects}} {{sales}}"}]
        """, path: "t.yaml")
        let doc = try BriefingJob.compile(one, library: lib)
        guard case .paragraph(let runs) = doc.blocks[1] else { Issue.record("no paragraph"); return }
        #expect(runs.map(\.text).joined() == "21个 超2500万元", "the approximation 超 is kept")
        let many = try BriefingFile.parse("""
        title: t
        values:
          x: {fact: {doc: 002_daa3cccee4fb68d4.txt, type: count, unit: 名}}
        sections: [{heading: h, text: "{{x}}"}]
        """, path: "m.yaml")
        #expect(throws: BuildError.self) { try BriefingJob.compile(many, library: lib) }
        do { _ = try BriefingJob.compile(many, library: lib) } catch {
            #expect(error.description.contains("m.yaml:3") && error.description.contains("facts match") && error.description.contains("subject"))
        }
    }

    @Test func unknownNamesInTextAreErrorsThatNameThem() throws {
        let file = try BriefingFile.parse("""
        title: t
        values:
          total: {value: 5, kind: money, note: 用户核对的数}
        sections:
          - heading: h
            text: |
              第一行{{total}}
              第二行{{totl}}与{{total|美元}}
              第三行{{未闭合
        """, path: "u.yaml")
        do {
            _ = try BriefingJob.compile(file, library: BriefingJob.Library())
            Issue.record("expected errors")
        } catch {
            let d = error.description
            #expect(d.contains("u.yaml:8") && d.contains("\"totl\"") && d.contains("did you mean \"total\""), "\(d)")
            #expect(d.contains("美元"))
            #expect(d.contains("u.yaml:9") && d.contains("}}"))
        }
    }

    @Test func typedInNumbersAreMarkedAsTheUsers() throws {
        let file = try BriefingFile.parse("""
        title: t
        values:
          fixed: {value: 20000000, kind: money, note: 余杭区核对后的累计数}
        sections: [{heading: h, text: "{{fixed}}"}]
        """, path: "f.yaml")
        let doc = try BriefingJob.compile(file, library: BriefingJob.Library())
        #expect(doc.sources.first?.file.contains("用户录入") == true && doc.sources.first?.sentence == "余杭区核对后的累计数")
    }

    @Test(arguments: [
        (80_000_000.0, ResolvedValue.Kind.money, "元", nil as String?, "8000万元"),
        (280_270_000, .money, "元", nil, "2.8027亿元"),
        (900_000, .money, "元", "多", "90多万元"),
        (25_000_000, .money, "元", "超", "超2500万元"),
        (21, .count, "个", nil, "21个"),
        (690_000, .count, "人次", nil, "69万人次"),
        (12_680, .count, "笔", nil, "12680笔"),
        (5_000, .money, "元", nil, "5000元"),
    ])
    func proseNumbersReadAsChineseReportsWriteThem(_ v: Double, _ k: ResolvedValue.Kind, _ unit: String, _ approx: String?, _ expected: String) {
        #expect(ResolvedValue(value: v, kind: k, unit: unit, approx: approx, sources: []).prose() == expected)
    }

    /// The seed briefing's numbers come from the data: change a CSV value and the text follows.
    @Test func theSeedBriefingsNumbersFollowTheData() throws {
        var lib = try seedLibrary()
        let file = try BriefingFile.load(root.appendingPathComponent("seeds/briefing.yaml").path)
        let before = try BriefingJob.compile(file, library: lib)
        #expect(before.keyFigures.count == 4 && before.sources.count > 10)
        for b in before.blocks { if case .paragraph(let runs) = b { #expect(!runs.isEmpty) } }
        var c = try #require(lib.charts["aksu-2015-funding"])
        let sum = c.spec.series[0].values.compactMap { $0 }.reduce(0, +)
        c.spec.series[0].values[0] = (c.spec.series[0].values[0] ?? 0) + 10_000_000
        lib.charts["aksu-2015-funding"] = c
        let after = try BriefingJob.compile(file, library: lib)
        #expect(before.keyFigures[0].value == ResolvedValue.trimmed(sum / 1e8) + "亿元")
        #expect(after.keyFigures[0].value == ResolvedValue.trimmed((sum + 10_000_000) / 1e8) + "亿元")
    }
}
