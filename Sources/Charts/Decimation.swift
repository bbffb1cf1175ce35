/// Per-pixel-column min/max decimation for long series.
///
/// A stroke over a million points paints each pixel column many times; only the first, lowest,
/// highest and last point of a column decide what shows. Keeping those four (in x order) draws
/// the same picture from a few thousand points. `nil` gaps are kept.
public enum Decimation {
    /// `points` must be sorted by x. Returns them unchanged when there are fewer than 4 per column.
    public static func minMax(_ points: [(x: Double, y: Double?)], columns: Int, xRange: ClosedRange<Double>) -> [(x: Double, y: Double?)] {
        guard columns > 0, points.count > columns * 4 else { return points }
        let span = xRange.upperBound - xRange.lowerBound
        guard span > 0 else { return points }
        var out: [(x: Double, y: Double?)] = []
        out.reserveCapacity(columns * 4 + 16)
        var col = Int.min
        var first: (x: Double, y: Double)?, last: (x: Double, y: Double)?, lo: (x: Double, y: Double)?, hi: (x: Double, y: Double)?
        func flush() {
            guard let f = first, let l = last, let a = lo, let b = hi else { return }
            var pts = [f, a, b, l]
            pts.sort { $0.x < $1.x }
            var prevX = Double.nan, prevY = Double.nan
            for p in pts where !(p.x == prevX && p.y == prevY) {
                out.append((p.x, p.y)); prevX = p.x; prevY = p.y
            }
            first = nil; last = nil; lo = nil; hi = nil
        }
        let scale = Double(columns) / span
        for p in points {
            guard let y = p.y else {
                flush()
                out.append((p.x, nil))
                continue
            }
            let c = Int(((p.x - xRange.lowerBound) * scale).rounded(.down))
            if c != col { flush(); col = c }
            if first == nil { first = (p.x, y) }
            last = (p.x, y)
            if lo == nil || y < lo!.y { lo = (p.x, y) }
            if hi == nil || y > hi!.y { hi = (p.x, y) }
        }
        flush()
        return out
    }
}
