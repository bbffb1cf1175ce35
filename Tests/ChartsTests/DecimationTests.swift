import Canvas
import Charts
import Testing
import TestSupport

@Suite struct DecimationTests {
    func wave(_ n: Int) -> [(x: Double, y: Double?)] {
        var state: UInt64 = 42
        return (0..<n).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = Double(state >> 40) / Double(1 << 24) - 0.5
            return (Double(i) / Double(n) * 500, 100 + 60 * sine(Double(i) / Double(n) * 12) + 20 * noise)
        }
    }

    func sine(_ x: Double) -> Double { var s = x.truncatingRemainder(dividingBy: 6.283185307179586); if s > 3.14159 { s -= 6.283185307179586 }; return s - s * s * s / 6 + s * s * s * s * s / 120 }

    @Test func keepsEveryColumnsExtremesAndShrinksTheSeries() {
        let pts = wave(1_000_000)
        let out = Decimation.minMax(pts, columns: 1000, xRange: 0...500)
        #expect(out.count <= 4 * 1000 + 4)
        #expect(out.compactMap(\.y).max() == pts.compactMap(\.y).max())
        #expect(out.compactMap(\.y).min() == pts.compactMap(\.y).min())
        #expect(zip(out, out.dropFirst()).allSatisfy { $0.x <= $1.x }, "x order is kept")
    }

    @Test func keepsGaps() {
        var pts = wave(100_000)
        pts[50_000].y = nil
        let out = Decimation.minMax(pts, columns: 500, xRange: 0...500)
        #expect(out.contains { $0.y == nil })
    }

    /// The decimated line must look like the full one: render both, compare pixels.
    @Test func decimatedLineLooksLikeTheFullLine() throws {
        let pts = wave(200_000)
        func frame(_ p: [(x: Double, y: Double?)]) -> Frame {
            var f = Frame(size: Size(520, 220))
            f.stroke(.polyline(p.compactMap { pt in pt.y.map { Point(pt.x + 10, $0) } }), StrokeStyle(color: .black, width: 1.5, join: .round))
            return f
        }
        let full = try Renderer.png(frame(pts), options: RasterOptions(dpi: 144)).bytes
        let dec = try Renderer.png(frame(Decimation.minMax(pts, columns: 1000, xRange: 0...500)), options: RasterOptions(dpi: 144)).bytes
        let a = try RasterImage(png: full), b = try RasterImage(png: dec)
        var differ = 0
        for i in stride(from: 0, to: a.rgba.count, by: 4) where abs(Int(a.rgba[i]) - Int(b.rgba[i])) > 64 { differ += 1 }
        #expect(Double(differ) / Double(a.width * a.height) < 0.01, "\(differ) pixels differ")
    }
}
