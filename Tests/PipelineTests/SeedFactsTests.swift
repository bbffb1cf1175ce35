import Extraction
import Foundation
import Pipeline
import Testing
import TestSupport

/// The seed charts' numbers must be facts the extractor reads at the cited places: the CSVs under
/// seeds/data are a hand-kept view of the facts, and this keeps them honest.
@Suite struct SeedFactsTests {
    let root = GoldenImage.packageRoot()

    @Test func everySeedChartValueIsAnExtractedFactAtItsCitedSpan() throws {
        var byFile: [String: DocumentFacts] = [:]
        for f in try ChartJob.chartFiles(in: root.appendingPathComponent("seeds/charts").path) {
            let t = try DataTable.load(f.dataPath)
            guard let fileCol = t.header.firstIndex(of: "file") else { continue }
            for r in t.rows.indices {
                let file = t.rows[r][fileCol]
                guard !file.isEmpty, let start = Int(t.cell(row: r, named: "start") ?? ""), let end = Int(t.cell(row: r, named: "end") ?? "") else { continue }
                let path = root.appendingPathComponent(file).path
                let facts = try byFile[path] ?? Extractor().extract(file: path)
                byFile[path] = facts
                let overlaps = { (p: Provenance) in p.start < end && start < p.end }
                let values = try t.seriesColumns.compactMap { try t.number(row: r, column: $0) }
                if f.spec.kind == .area || f.spec.kind == .line {
                    // A month of the milestone series: a date fact for that month at the cited span.
                    let month = t.rows[r][0]
                    #expect(facts.dates.contains { $0.resolved.hasPrefix(month) && overlaps($0.source) }, "\(f.name): \(month) at \(start)")
                } else {
                    for v in values {
                        #expect(facts.money.contains { abs($0.valueYuan - v) < 0.5 && overlaps($0.source) },
                                "\(f.name) row \(r + 2): \(v) 元 is not read at \(file):\(start)")
                    }
                }
            }
        }
        #expect(byFile.count >= 2)
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
