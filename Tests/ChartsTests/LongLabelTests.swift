import Canvas
@testable import Charts
import Testing
import TestSupport

/// A label of any length is shortened, reported, and drawn inside the figure.
@Suite struct LongLabelTests {
    @Test(arguments: [ChartKind.bar, .donut, .line])
    func aFourHundredThousandCharacterLabelIsShortenedAndStaysOnTheCanvas(_ kind: ChartKind) throws {
        let huge = String(repeating: "援疆资金", count: 100_000)
        let spec = ChartSpec(kind: kind, title: "杭州援疆资金", categories: ["天网工程", huge, "袜业示范园"],
                             series: [Series(name: "资金", values: [80_000_000, 76_500_000, 8_100_000])],
                             orientation: kind == .bar ? .horizontal : nil)
        let laid = try Chart.layout(spec, measurer: PangoMeasurer())
        #expect(laid.warnings.contains { $0.contains("400000 characters") }, "\(laid.warnings.map { $0.prefix(80) })")
        for (item, box) in laid.frame.textBoxes {
            #expect(item.block.text.count <= LabelLength.maxCharacters + 20, "a label and its share at most")
            #expect(laid.frame.bounds.contains(box, tolerance: 1), "\(item.block.text.prefix(20)) at \(box)")
        }
    }
}
