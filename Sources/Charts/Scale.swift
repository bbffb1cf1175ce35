import Foundation

/// Maps data values to positions along one axis, in points. Chart code never computes positions
/// by hand: it asks a scale.
public protocol Scale: Sendable {
    func position(_ value: Double) -> Double
}

/// A linear scale whose domain is widened to "nice" round ticks (1, 2, 2.5, 5 × 10ⁿ).
public struct LinearScale: Scale, Hashable {
    public var domain: ClosedRange<Double>
    public var range: ClosedRange<Double>
    public var ticks: [Double]
    public var step: Double
    /// When true, larger values sit at smaller positions (a vertical axis with y down).
    public var inverted: Bool

    /// `targetTicks` is a maximum, not a promise; `includeZero` keeps bars honest.
    public init(data: [Double], range: ClosedRange<Double>, targetTicks: Int = 5, includeZero: Bool = true, inverted: Bool = false) {
        var lo = data.min() ?? 0, hi = data.max() ?? 1
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if lo == hi { if lo == 0 { hi = 1 } else { lo = min(lo, 0); hi = max(hi, 0); if lo == hi { hi = lo + 1 } } }
        let step = Self.niceStep((hi - lo) / Double(max(1, targetTicks)))
        let start = (lo / step).rounded(.down) * step
        let end = (hi / step).rounded(.up) * step
        var t: [Double] = []
        var v = start
        while v <= end + step * 1e-6 && t.count < 200 {
            t.append(abs(v) < step * 1e-9 ? 0 : v)
            v = start + Double(t.count) * step
        }
        self.domain = start...max(end, start + step)
        self.range = range
        self.ticks = t
        self.step = step
        self.inverted = inverted
    }

    public static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let exp = (log10(raw)).rounded(.down)
        let base = pow(10, exp)
        let f = raw / base
        let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
        return nice * base
    }

    public func position(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let t = span == 0 ? 0 : (value - domain.lowerBound) / span
        let u = inverted ? 1 - t : t
        return range.lowerBound + u * (range.upperBound - range.lowerBound)
    }
}

/// A base-10 log scale for data spanning decades (1 to 1e9).
public struct LogScale: Scale, Hashable {
    public var domain: ClosedRange<Double>
    public var range: ClosedRange<Double>
    public var ticks: [Double]
    public var inverted: Bool

    public init(data: [Double], range: ClosedRange<Double>, inverted: Bool = false) {
        let pos = data.filter { $0 > 0 && $0.isFinite }
        let lo = pow(10, log10(pos.min() ?? 1).rounded(.down))
        var hi = pow(10, log10(pos.max() ?? 10).rounded(.up))
        if hi <= lo { hi = lo * 10 }
        domain = lo...hi
        self.range = range
        self.inverted = inverted
        var t: [Double] = []
        var v = lo
        while v <= hi * 1.000001 { t.append(v); v *= 10 }
        // Few decades: add 2 and 5 between powers of ten.
        if t.count <= 3 {
            t = t.flatMap { [$0, $0 * 2, $0 * 5] }.filter { $0 <= hi * 1.000001 }
        }
        ticks = t
    }

    public func position(_ value: Double) -> Double {
        let v = max(value, domain.lowerBound)
        let t = (log10(v) - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
        let u = inverted ? 1 - t : t
        return range.lowerBound + u * (range.upperBound - range.lowerBound)
    }
}

/// Equal bands for categories, with padding between bands.
public struct BandScale: Sendable, Hashable {
    public var count: Int
    public var range: ClosedRange<Double>
    /// Fraction of each band left empty between bars.
    public var padding: Double

    public init(count: Int, range: ClosedRange<Double>, padding: Double = 0.3, maxBar: Double = .infinity) {
        self.count = max(1, count); self.range = range
        let band = (range.upperBound - range.lowerBound) / Double(max(1, count))
        // Few categories would give slabs; cap the bar and widen the gap instead.
        self.padding = band * (1 - padding) > maxBar && band > 0 ? 1 - maxBar / band : padding
    }

    public var bandWidth: Double { (range.upperBound - range.lowerBound) / Double(count) }
    public var barWidth: Double { bandWidth * (1 - padding) }
    public func start(_ i: Int) -> Double { range.lowerBound + Double(i) * bandWidth }
    public func center(_ i: Int) -> Double { start(i) + bandWidth / 2 }
    public func barStart(_ i: Int) -> Double { start(i) + bandWidth * padding / 2 }
}

/// A range from `a` to `b` that is never empty or inverted, whatever squeezed the layout
/// (huge labels, a tiny figure, fonts that failed to load).
func span(_ a: Double, _ b: Double) -> ClosedRange<Double> {
    let lo = a.isFinite ? a : 0
    let hi = b.isFinite ? b : lo + 1
    return lo...max(lo + 1, hi)
}
