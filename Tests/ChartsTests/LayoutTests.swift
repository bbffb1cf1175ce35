import Canvas
import Charts
import Foundation
import Testing
import TestSupport

@Suite struct LayoutTests {
    let m = PangoMeasurer()

    static let specs: [(String, ChartSpec)] = [
        ("aid-horizontal", Fixtures.aidBars()), ("aid-vertical", Fixtures.aidBars(horizontal: false)),
        ("donut", Fixtures.donut()), ("grouped", Fixtures.grouped(stacked: false)), ("stacked", Fixtures.grouped(stacked: true)),
        ("line", Fixtures.line()),
        ("stress-bar-v", Fixtures.stress(.bar)), ("stress-bar-h", Fixtures.stress(.bar, horizontal: true)),
        ("stress-donut", Fixtures.stress(.donut)), ("stress-line", Fixtures.stress(.line)),
    ]

    @Test(arguments: specs.map(\.0))
    func noTextOverlapsOrLeavesTheCanvas(_ name: String) throws {
        let spec = try #require(Self.specs.first { $0.0 == name }?.1)
        for preset in [SizePreset.figure, .slide, .square, .a4] {
            var sp = spec
            sp.size = preset
            let f = try Chart.layout(sp, measurer: m).frame
            let problems = FrameChecks.textProblems(f)
            #expect(problems.isEmpty, "\(name) @\(preset.name): \(problems.prefix(5))")
            #expect(f.textBoxes.count >= 3, "\(name): expected title, labels and ticks")
            // DUMP_CHARTS_DIR=/tmp/x swift test writes every layout as PNG, to look at.
            if let dir = ProcessInfo.processInfo.environment["DUMP_CHARTS_DIR"] {
                try Renderer.write([f], to: "\(dir)/\(name)-\(preset.name).png", raster: RasterOptions(dpi: 100))
            }
        }
    }

    @Test func horizontalBarsShowEveryCategoryAndValueOfTheSeedData() throws {
        let f = try Chart.layout(Fixtures.aidBars(), measurer: m).frame
        let texts = Set(f.textBoxes.map(\.item.block.text))
        for c in Fixtures.aidNames { #expect(texts.contains(c), "category \(c) is labelled") }
        #expect(texts.contains("8,000") && texts.contains("7,650") && texts.contains("10"), "values read in 万元")
        #expect(texts.contains("万元"), "the axis is titled with its unit")
    }

    @Test func longerBarsAreLonger() throws {
        let f = try Chart.layout(Fixtures.aidBars(), measurer: m).frame
        let bars: [Double] = f.items.compactMap {
            guard case .path(let p, let fill, nil) = $0, let c = fill, c == Theme.named(.default).palette[0], let b = p.bounds else { return nil }
            return b.width
        }
        #expect(bars.count == 8)
        #expect(bars == bars.sorted(by: >), "bar lengths follow the values")
        #expect(abs(bars[0] / bars[1] - 8e7 / 7.65e7) < 0.01)
    }

    @Test func stressLabelsAreShortenedNotOverlapping() throws {
        let r = try Chart.layout(Fixtures.stress(.bar, horizontal: true), measurer: m)
        #expect(r.warnings.contains { $0.contains("shortened") }, "long labels are reported as shortened")
        let r2 = try Chart.layout(Fixtures.stress(.bar), measurer: m)
        #expect(FrameChecks.textProblems(r2.frame).isEmpty)
    }

    @Test func donutMergesSmallSlicesAndShowsTheTotal() throws {
        let f = try Chart.layout(Fixtures.donut(), measurer: m).frame
        let texts = f.textBoxes.map(\.item.block.text)
        #expect(texts.contains { $0.hasPrefix("其他 ") }, "slices under 2% are merged")
        #expect(!texts.contains { $0.hasPrefix("文化活动补助奖励") })
        #expect(texts.contains("1.7395亿元") && texts.contains("合计"), "the total keeps its inputs' precision (to the 万): \(texts)")
        let shares = texts.compactMap { t -> Double? in
            guard let pct = t.split(separator: " ").last, pct.hasSuffix("%") else { return nil }
            return Double(pct.dropLast())
        }
        #expect(abs(shares.reduce(0, +) - 100) < 1.5, "shares add up to 100%: \(shares)")
    }

    @Test func lineChartBreaksAtGapsAndPlacesTheAnnotation() throws {
        let f = try Chart.layout(Fixtures.line(), measurer: m).frame
        let strokes = f.items.filter {
            if case .path(_, nil, let st?) = $0, st.width == 2 { return true }
            return false
        }
        #expect(strokes.count == 2, "one missing month splits the line in two")
        #expect(f.textBoxes.contains { $0.item.block.text == "双十一" })
        #expect(f.textBoxes.contains { $0.item.block.text == "目标 100万" })
        #expect(f.textBoxes.contains { $0.item.block.text.hasPrefix("2015年") }, "time axis labels carry the year")
    }

    @Test func transparentFiguresKeepBackingsBehindLabels() throws {
        var spec = Fixtures.grouped(stacked: false)
        spec.transparent = true
        let f = try Chart.layout(spec, measurer: m).frame
        #expect(f.background == nil)
        let backings = f.items.filter { if case .path(_, let c?, nil) = $0 { return c.alpha > 0.8 && c.alpha < 1 } else { return false } }
        #expect(!backings.isEmpty)
        let png = try Renderer.png(f, options: RasterOptions(dpi: 72)).bytes
        #expect(try RasterImage(png: png).rgba[3] == 0)
    }

    @Test func themesChangeThePalette() throws {
        var spec = Fixtures.grouped(stacked: false)
        spec.theme = .print
        let f = try Chart.layout(spec, measurer: m).frame
        let fills = Set(f.items.compactMap { if case .path(_, let c?, nil) = $0 { return c } else { return nil } })
        #expect(fills.contains(Theme.named(.print).palette[0]) && !fills.contains(Theme.named(.default).palette[0]))
        let lum = Theme.named(.print).palette.prefix(4).map(\.luminance).sorted()
        for k in 1..<lum.count { #expect(lum[k] - lum[k - 1] > 0.05, "print greys are distinguishable") }
    }

    @Test func sizePresetsGiveTheirPixels() throws {
        for (p, w, h) in [(SizePreset.figure, 1600, 1000), (.slide, 1920, 1080), (.slide2x, 3840, 2160)] {
            var spec = Fixtures.grouped(stacked: true)
            spec.size = p
            let laid = try Chart.layout(spec, measurer: m)
            let img = try RasterImage(png: try Renderer.png(laid.frame, options: RasterOptions(dpi: laid.dpi)).bytes)
            #expect(img.width == w && img.height == h, "\(p.name)")
        }
        #expect(throws: ChartError.self) { try SizePreset(parsing: "tiny") }
        #expect(try SizePreset(parsing: "400x300@100") == .custom(width: 400, height: 300, dpi: 100))
    }
}
