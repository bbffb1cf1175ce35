import Charts
import Extraction
import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// The seed charts are drawn from extracted facts. Until they were, their numbers were typed into
/// CSVs by hand (kept under Fixtures/seed-csv as the record of what the report showed); the facts
/// must give the same categories and the same numbers, row by row.
@Suite struct SeedFactsTests {
    let root = GoldenImage.packageRoot()

    @Test func seedChartsFromFactsGiveTheNumbersOfTheHandTypedCSVs() throws {
        let fixtures = root.appendingPathComponent("Tests/PipelineTests/Fixtures/seed-csv").path
        let charts = try ChartJob.chartFiles(in: root.appendingPathComponent("seeds/charts").path)
        var compared = 0
        for before in try ChartJob.chartFiles(in: fixtures + "/charts") {
            let chart = try #require(charts.first { $0.name == before.name }, "a seed chart for \(before.name)")
            #expect(chart.facts != nil && before.facts == nil, "\(chart.name) is drawn from facts")
            let data = try chart.standaloneData(articles: try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("seeds").path)
                .filter { $0.hasSuffix(".txt") }.map { root.appendingPathComponent("seeds/" + $0).path })
            let old = try DataTable.load(before.dataPath)
            let cats = old.rows.map { $0[0] }
            #expect(data.categories == cats, "\(chart.name): \(data.categories) vs \(cats)")
            #expect(data.series.count == old.seriesColumns.count, "\(chart.name): series")
            for (k, col) in old.seriesColumns.enumerated() where k < data.series.count {
                for r in old.rows.indices where r < data.series[k].values.count {
                    let expected = try old.number(row: r, column: col)
                    let got = data.series[k].values[r]
                    // A month the old CSV left without a new milestone carries the running total.
                    #expect(got == expected, "\(chart.name) \(cats[r]) \(old.header[col]): \(String(describing: got)) vs \(String(describing: expected))")
                    compared += 1
                }
            }
        }
        #expect(compared >= 20)
    }

    @Test func theWebAndPDFCopiesMergeIntoOneFactList() throws {
        let docs = try ["000_ff3f57a7c254049f.txt", "001_e5ff6977e7e2d249.txt", "002_daa3cccee4fb68d4.txt"].map {
            try Extractor().extract(file: root.appendingPathComponent("seeds/" + $0).path)
        }
        let (facts, copies) = FactMerger.merge(docs)
        #expect(copies == [["000_ff3f57a7c254049f.txt", "001_e5ff6977e7e2d249.txt"]])
        let money = facts.filter { $0.kind == .money && $0.sources.contains { $0.file.hasPrefix("000") } }
        #expect(!money.isEmpty && money.allSatisfy { Set($0.sources.map(\.file)).count == 2 }, "each amount cites both copies")
        #expect(!facts.contains { f in f.sources.contains { $0.file.hasPrefix("002") } && f.sources.contains { $0.file.hasPrefix("000") } })
    }
}
