import Canvas
import Charts
import Testing
import TestSupport

/// One reference image per chart kind, at 72 dpi (576 x 360 px) to keep references small.
@Suite struct GoldenChartTests {
    let m = PangoMeasurer()

    @Test(arguments: ["bar-horizontal", "bar-vertical", "bar-stacked", "line", "donut"])
    func matchesReference(_ name: String) throws {
        let spec: ChartSpec
        switch name {
        case "bar-horizontal": spec = Fixtures.aidBars()
        case "bar-vertical": spec = Fixtures.grouped(stacked: false)
        case "bar-stacked": spec = Fixtures.grouped(stacked: true)
        case "line": spec = Fixtures.line()
        default: spec = Fixtures.donut()
        }
        let png = try Renderer.png(try Chart.layout(spec, measurer: m).frame, options: RasterOptions(dpi: 72)).bytes
        let r = GoldenImage.check(png, named: name)
        #expect(r.matches, "\(r.message)")
    }
}
