@testable import Canvas
import Testing

/// The measurer remembers metrics; a remembered answer must equal a fresh one.
@Suite struct MeasurerMemoTests {
    @Test func rememberedMetricsEqualFreshOnesAndIgnoreOnlyColour() {
        let warm = PangoMeasurer()
        let block = TextBlock("东西部协作 2.5亿元", style: TextStyle(size: 11, weight: .bold), width: 60)
        let first = warm.measure(block)
        let again = warm.measure(block)
        #expect(first == again)
        #expect(first == PangoMeasurer().measure(block))
        // Colour is not part of the layout: same metrics, no new entry.
        let count = warm.rememberedCount
        #expect(warm.measure(TextBlock(block.text, style: block.style.with(color: .white), width: 60)) == first)
        #expect(warm.rememberedCount == count)
        // Anything else that changes the layout is a different entry with its own metrics.
        let wider = warm.measure(TextBlock(block.text, style: block.style, width: 400))
        #expect(wider.lineCount < first.lineCount)
        let bigger = warm.measure(TextBlock(block.text, style: block.style.with(size: 22), width: 60))
        #expect(bigger.logical.height > first.logical.height)
        #expect(warm.rememberedCount == count + 2)
    }

    @Test func theMemoStaysBounded() {
        let m = PangoMeasurer()
        for i in 0..<(PangoMeasurer.memoLimit + 10) { _ = m.measure(TextBlock("\(i)")) }
        #expect(m.rememberedCount <= PangoMeasurer.memoLimit)
        #expect(m.rememberedCount > 0)
        #expect(m.measure(TextBlock("7")) == PangoMeasurer().measure(TextBlock("7")))
    }
}
