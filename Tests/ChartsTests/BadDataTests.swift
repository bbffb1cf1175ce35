import Canvas
import Charts
import Testing
import TestSupport

/// Every kind of bad data gets a defined answer: an error naming series and field, or a drawing
/// whose behaviour is documented (gaps for missing values, empty bars for all-zero data).
@Suite struct BadDataTests {
    let m = PangoMeasurer()

    func spec(_ kind: ChartKind, _ values: [Double?], cats: [String]? = nil) -> ChartSpec {
        ChartSpec(kind: kind, categories: cats ?? values.indices.map { "类\($0)" }, series: [Series(name: "资金", values: values)])
    }

    @Test func nanAndInfinityNameSeriesAndCategory() {
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect { try Chart.layout(spec(.bar, [1, bad]), measurer: m) } throws: { e in
                let d = "\(e)"
                return d.contains("资金") && d.contains("类1")
            }
        }
    }

    @Test func emptyDataIsAnError() {
        #expect(throws: ChartError.noData(chart: "bar chart")) { try Chart.layout(spec(.bar, [], cats: []), measurer: m) }
        #expect(throws: ChartError.self) { try Chart.layout(ChartSpec(kind: .line, categories: ["a"], series: []), measurer: m) }
    }

    @Test func negativeAndAllZeroPieValues() {
        #expect(throws: ChartError.negativeShare(series: "资金", category: "类1", value: -3)) {
            try Chart.layout(spec(.donut, [5, -3]), measurer: m)
        }
        #expect(throws: ChartError.allZero(series: "资金")) { try Chart.layout(spec(.pie, [0, 0, nil]), measurer: m) }
    }

    @Test func duplicateCategoriesAndLengthMismatch() {
        #expect(throws: ChartError.duplicateCategory("甲")) { try Chart.layout(spec(.bar, [1, 2], cats: ["甲", "甲"]), measurer: m) }
        #expect(throws: ChartError.lengthMismatch(series: "资金", values: 1, categories: 2)) {
            try Chart.layout(spec(.bar, [1], cats: ["甲", "乙"]), measurer: m)
        }
    }

    @Test func logScaleRejectsNonPositiveValues() {
        var s = spec(.bar, [10, 0])
        s.scale = .log
        #expect(throws: ChartError.nonPositiveOnLogScale(series: "资金", category: "类1", value: 0)) { try Chart.layout(s, measurer: m) }
    }

    @Test func allZeroBarsAndNegativeBarsStillDraw() throws {
        let zero = try Chart.layout(spec(.bar, [0, 0, 0]), measurer: m).frame
        #expect(FrameChecks.textProblems(zero).isEmpty)
        let mixed = try Chart.layout(spec(.bar, [5e6, -2e6, 3e6]), measurer: m).frame
        #expect(mixed.textBoxes.contains { $0.item.block.text == "-200" }, "negative value labelled in 万")
        var h = spec(.bar, [5e6, -2e6, 3e6]); h.orientation = .horizontal
        #expect(FrameChecks.textProblems(try Chart.layout(h, measurer: m).frame).isEmpty)
    }

    @Test func hugeLabelsAndManyCategoriesStayInside() throws {
        let label = String(repeating: "援", count: 10_000)
        let f = try Chart.layout(spec(.bar, [1, 2], cats: [label, "乙"]), measurer: m).frame
        #expect(FrameChecks.textProblems(f).isEmpty)
        let many = try Chart.layout(spec(.bar, (0..<500).map { Double($0) }), measurer: m).frame
        #expect(FrameChecks.textProblems(many).isEmpty)
        #expect(throws: ChartError.tooMany(what: "categories", count: 2001, limit: 2000)) {
            try Chart.layout(spec(.bar, Array(repeating: 1, count: 2001)), measurer: m)
        }
    }

    @Test func invalidOptionsAreErrors() {
        var s = spec(.donut, [1, 2]); s.innerRadius = 1.5
        #expect(throws: ChartError.self) { try Chart.layout(s, measurer: m) }
        var t = spec(.bar, [1, 2]); t.stacked = true; t.scale = .log
        t.series.append(Series(name: "乙", values: [1, 1]))
        #expect(throws: ChartError.self) { try Chart.layout(t, measurer: m) }
    }
}
