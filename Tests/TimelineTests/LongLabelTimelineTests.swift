import Canvas
import Charts
import Foundation
import Testing
import Timeline

/// A timeline label of any length is shortened, reported, and drawn on the canvas.
@Suite struct LongLabelTimelineTests {
    @Test(arguments: [Orientation.horizontal, .vertical])
    func fourHundredThousandCharactersAreCutAndReported(_ o: Orientation) throws {
        let huge = String(repeating: "电商产业园", count: 80_000)
        let d = { (s: String) in ChartDate(parsing: s) ?? ChartDate(year: 1970) }
        let spec = TimelineSpec(title: "阿克苏电子商务大事记", events: [
            TimelineEvent(when: EventDate(date: d("2015-06"), precision: "month"), label: huge),
            TimelineEvent(when: EventDate(date: d("2015-09-10")), label: "“赶巴扎网上商城”上线运行"),
        ], periods: [Period(label: huge, start: d("2015-03"), end: d("2015-05"))], referenceDate: d("2015-12-01"),
           referenceLabel: huge, orientation: o)
        let t0 = Date()
        let laid = try Timeline.layout(spec, measurer: PangoMeasurer())
        #expect(Date().timeIntervalSince(t0) < 5)
        #expect(laid.warnings.filter { $0.contains("400000 characters") }.count >= 3, "\(laid.warnings.map { $0.prefix(60) })")
        for (item, box) in laid.frame.textBoxes {
            let text = item.block.isMarkup ? item.block.text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression) : item.block.text
            #expect(text.count <= LabelLength.maxCharacters + 20, "a label with its date at most: \(text.prefix(40))")
            #expect(laid.frame.bounds.contains(box, tolerance: 1), "\(item.block.text.prefix(20)) at \(box)")
        }
    }
}
