import Canvas
import Foundation
import Testing
import TestSupport

/// Our SVG writer draws what the PNG renderer draws: librsvg's rendering of the SVG is compared
/// with our PNG of the same frame, both reduced 8x8 so antialiasing differences (librsvg fills glyph
/// outlines, cairo rasterises glyphs) average out while anything misplaced by a pixel or more does not.
@Suite struct SVGTests {
    /// Every kind of item: fills with alpha, dashes, caps and joins, arcs both ways, a clipped and
    /// transformed group, rotated and multi-line text, markup colours and sizes, and (optionally:
    /// how a viewer interpolates a scaled image is its own choice) an image.
    func everythingFrame(image: Bool = false) throws -> Frame {
        let m = PangoMeasurer()
        var f = Frame(size: Size(320, 200))
        let blue = try Color(hex: "#2F5D8A"), orange = try Color(hex: "#E07B39")
        f.fill(.roundedRect(Rect(x: 6, y: 6, width: 308, height: 188), radius: 10), Color(red: 0.94, green: 0.96, blue: 0.98))
        var slice = Path()
        slice.move(to: Point(70, 70))
        slice.arc(center: Point(70, 70), radius: 50, start: -.pi / 2, end: .pi * 0.7)
        slice.close()
        f.add(.path(slice, fill: blue, stroke: StrokeStyle(color: .white, width: 2, join: .round)))
        var back = Path()
        back.move(to: Point(70, 70))
        back.arc(center: Point(70, 70), radius: 40, start: -.pi / 2, end: .pi * 0.7, clockwise: false)
        back.close()
        f.add(.path(back, fill: orange.withAlpha(0.6), stroke: nil))
        f.stroke(.polyline([Point(140, 30), Point(200, 80), Point(260, 30)]),
                 StrokeStyle(color: orange, width: 6, cap: .round, join: .miter))
        f.stroke(.line(from: Point(140, 100), to: Point(300, 100)), StrokeStyle(color: blue, width: 1.5, dash: [6, 3], dashOffset: 2))
        var inner = Frame(size: Size(100, 60))
        inner.fill(.rect(Rect(x: 0, y: 0, width: 200, height: 200)), orange)
        inner.text(TextBlock("裁剪区域内", style: TextStyle(size: 14, color: .white)), at: Point(4, 4), measurer: m)
        f.add(.group(inner.items, transform: Transform.rotation(degrees: -8).then(.translation(150, 120)),
                     clip: .roundedRect(Rect(x: 0, y: 0, width: 100, height: 60), radius: 8)))
        f.text(TextBlock("竖排标签 Axis 1", style: TextStyle(size: 11, color: blue)), at: Point(290, 190), rotation: -90, measurer: m)
        let markup = "<span foreground=\"#E07B39\" size=\"\(8 * 1024)\">2015年9月10日</span>\n“赶巴扎网上商城”上线运行，8000万元"
        f.text(TextBlock(markup, style: TextStyle(size: 12), width: 130, isMarkup: true), at: Point(10, 130), measurer: m)
        guard image else { return f }
        let dot = RasterImage(width: 2, height: 2, rgba: [255, 0, 0, 255, 0, 128, 0, 255, 0, 0, 255, 255, 255, 255, 0, 255])
        f.add(.image(ImageItem(png: dot.pngData(), rect: Rect(x: 250, y: 150, width: 24, height: 24))))
        return f
    }

    /// Mean of each 8x8 block, per channel.
    func reduced(_ img: RasterImage, block: Int = 8) -> [Double] {
        let w = img.width / block, h = img.height / block
        var out = [Double](repeating: 0, count: w * h * 3)
        for y in 0..<(h * block) {
            for x in 0..<(w * block) {
                for c in 0..<3 { out[((y / block) * w + x / block) * 3 + c] += Double(img.rgba[(y * img.width + x) * 4 + c]) / Double(block * block) }
            }
        }
        return out
    }

    /// Fraction of 8x8 blocks whose mean differs by more than 20 levels in some channel.
    func difference(svg: [UInt8], png: [UInt8], width: Int) throws -> Double {
        let rsvg = try #require(Tools.which("rsvg-convert"), "rsvg-convert (Debian: librsvg2-bin) is needed; make test installs it")
        let dir = Tools.temporaryFolder()
        try Data(svg).write(to: URL(fileURLWithPath: dir + "/f.svg"))
        let r = try Tools.run(rsvg, ["-w", String(width), "-b", "white", dir + "/f.svg", "-o", dir + "/f.png"])
        #expect(r.status == 0, "\(r.stderr)")
        let theirs = try RasterImage(png: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/f.png"))))
        let ours = try RasterImage(png: png)
        if let dump = ProcessInfo.processInfo.environment["DUMP_CHARTS_DIR"] {  // to look at both
            try? Data(png).write(to: URL(fileURLWithPath: dump + "/svg-test-ours.png"))
            try? FileManager.default.copyItem(atPath: dir + "/f.png", toPath: dump + "/svg-test-rsvg-\(UUID().uuidString.prefix(4)).png")
        }
        try #require(theirs.width == ours.width && theirs.height == ours.height)
        let a = reduced(theirs), b = reduced(ours)
        var blocks = 0, differing = 0
        for i in stride(from: 0, to: a.count, by: 3) {
            blocks += 1
            if (0..<3).contains(where: { abs(a[i + $0] - b[i + $0]) > 20 }) { differing += 1 }
        }
        return Double(differing) / Double(blocks)
    }

    @Test func svgDrawsWhatThePNGDraws() throws {
        let frame = try everythingFrame()
        let svg = try Renderer.svg(frame)
        #expect(svg.warnings.isEmpty)
        let png = try Renderer.png(frame, options: RasterOptions(dpi: 288))
        let diff = try difference(svg: svg.bytes, png: png.bytes, width: 1280)
        #expect(diff < 0.002, "\(diff * 100)% of 8x8 blocks differ")
    }

    @Test func imagesAreEmbeddedAsDataURIs() throws {
        let svg = String(decoding: try Renderer.svg(try everythingFrame(image: true)).bytes, as: UTF8.self)
        let start = try #require(svg.range(of: "xlink:href=\"data:image/png;base64,"))
        let b64 = svg[start.upperBound...].prefix { $0 != "\"" }
        let png = try #require(Data(base64Encoded: String(b64)))
        let img = try RasterImage(png: [UInt8](png))
        #expect(img.width == 2 && img.height == 2 && Array(img.rgba.prefix(4)) == [255, 0, 0, 255])
        #expect(svg.contains("width=\"24\" height=\"24\" preserveAspectRatio=\"none\""))
    }

    /// The comparison above is not blind: the same frame with its text nudged by one point fails it.
    @Test func theComparisonSeesTextMovedByOnePoint() throws {
        let frame = try everythingFrame()
        var moved = frame
        moved.items = frame.items.map { item in
            guard case .text(var t) = item else { return item }
            t.origin.x += 1
            return .text(t)
        }
        let png = try Renderer.png(frame, options: RasterOptions(dpi: 288))
        let diff = try difference(svg: try Renderer.svg(moved).bytes, png: png.bytes, width: 1280)
        #expect(diff > 0.01, "only \(diff * 100)% of 8x8 blocks differ")
    }

    /// Ids carry the prefix and every reference points at an id defined in the same file, so
    /// several figures can sit inline in one HTML page; and the bytes do not depend on what was drawn before.
    @Test func idsArePrefixedResolvedAndReproducible() throws {
        let frame = try everythingFrame()
        let a = String(decoding: try Renderer.svg(frame, idPrefix: "f1-").bytes, as: UTF8.self)
        _ = try Renderer.svg(specimenFrame(), idPrefix: "f1-")
        let again = String(decoding: try Renderer.svg(frame, idPrefix: "f1-").bytes, as: UTF8.self)
        #expect(a == again)
        func captures(_ pattern: String, _ s: String) -> [String] {
            guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
            return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { m in
                Range(m.range(at: 1), in: s).map { String(s[$0]) }
            }
        }
        let ids = captures(" id=\"([^\"]+)\"", a)
        let refs = captures("#([A-Za-z0-9_-]+)[\")]", a).filter { !$0.allSatisfy(\.isHexDigit) }
        #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix("f1-") })
        #expect(Set(ids).count == ids.count, "ids are unique")
        #expect(!refs.isEmpty && Set(refs).isSubset(of: Set(ids)), "every reference resolves")
    }
}
