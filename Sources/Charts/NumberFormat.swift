import Foundation

/// Chinese magnitude units: numbers are read in 万 (1e4) and 亿 (1e8), not thousands and millions.
public enum Magnitude: Double, Sendable, CaseIterable {
    case one = 1, wan = 1e4, yi = 1e8

    public var suffix: String {
        switch self { case .one: return ""; case .wan: return "万"; case .yi: return "亿" }
    }

    /// The unit an axis reads best in: 亿 from 1亿, 万 from 1万, otherwise plain.
    public static func forAxis(maxAbs: Double) -> Magnitude {
        maxAbs >= 1e8 ? .yi : maxAbs >= 1e4 ? .wan : .one
    }
}

/// Formats values the way Chinese reports print them.
public struct NumberFormatter: Sendable, Hashable {
    public var kind: ValueKind
    public var unit: String

    public init(kind: ValueKind, unit: String? = nil) {
        self.kind = kind
        self.unit = unit ?? (kind == .money ? "元" : "")
    }

    /// `1,234,567.5`: thousands separators, a fixed number of decimals.
    public static func grouped(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return "–" }
        let s = String(format: "%.\(max(0, min(decimals, 10)))f", abs(v))
        let parts = s.split(separator: ".", maxSplits: 1)
        var intPart = String(parts[0])
        var out = ""
        while intPart.count > 3 {
            out = "," + intPart.suffix(3) + out
            intPart.removeLast(3)
        }
        out = intPart + out
        if parts.count == 2 { out += "." + parts[1] }
        let negative = v < 0 && out.contains(where: { $0 != "0" && $0 != "." && $0 != "," })
        return (negative ? "-" : "") + out
    }

    /// The finest decimal place `v` carries, as a power of ten: 40.04亿 (4,004,000,000) → 1e6,
    /// 8,000万 → 1e7, 2.5 → 0.1. WHY: a value keeps the precision its source wrote (2,269.7亿 is
    /// not 2,270, 17.56亿 is not 17.6), read from the value itself, so it needs no side channel
    /// from the CSV or article; a trailing zero the source wrote (2.80) cannot be told apart.
    public static func quantum(_ v: Double) -> Double {
        guard v.isFinite, v != 0 else { return 1 }
        let a = abs(v)
        var k = Int(log10(a).rounded(.down))
        k = min(k, 300)
        while k > -12 {
            let p = pow(10, Double(k))
            let r = (a / p).rounded()
            if r != 0 && abs(a - r * p) <= a * 1e-12 { return p }
            k -= 1
        }
        return 1e-12
    }

    /// Decimals that show every digit of precision `quantum` in magnitude `scale` (at most `cap`,
    /// high enough that no digit the source gave is rounded away: 39.5万 on an 亿 axis is 0.00395):
    /// quantum 1e6 in 亿 → 2.
    public static func decimals(quantum q: Double, scale: Double, cap: Int = 8) -> Int {
        guard q.isFinite, q > 0, scale > 0 else { return 0 }
        let d = Int((-log10(q / scale) - 1e-9).rounded(.up))
        return max(0, min(cap, d))
    }

    /// `v` in magnitude `scale` with the decimals its precision needs: 2,269.7 (亿), 0.87 (亿),
    /// 8,000 (万). `quantum` overrides the value's own, e.g. a sum's (see `sumQuantum`).
    public static func precise(_ v: Double, scale: Double, quantum: Double? = nil, grouping: Bool = true, cap: Int = 8) -> String {
        guard v.isFinite else { return "–" }
        let q = quantum ?? Self.quantum(v)
        var d = decimals(quantum: q, scale: scale, cap: cap)
        // A value too small for the cap still reads as itself, not as 0.
        while d < 8, v != 0, (abs(v / scale) * pow(10, Double(d))).rounded() == 0 { d += 1 }
        let x = v / scale
        if grouping { return grouped(x, decimals: d) }
        var s = String(format: "%.\(d)f", x)
        if s.hasPrefix("-"), !s.contains(where: { $0 >= "1" && $0 <= "9" }) { s.removeFirst() }
        return s
    }

    /// The precision a sum keeps: its finest input's (8,000万 + 40.04亿 is to the 万's 1e6 place,
    /// and 0.1 + 0.2 is 0.3, not 0.30000000000000004).
    public static func sumQuantum(_ values: [Double]) -> Double {
        values.filter { $0 != 0 && $0.isFinite }.map(quantum).min() ?? 1
    }

    /// A sum of `values`, rounded to the precision of its inputs; `nil` when it overflows (two
    /// 1e308 values), which callers report as an error rather than print `–`.
    public static func sum(_ values: [Double]) -> Double? {
        let total = values.reduce(0, +)
        guard total.isFinite else { return nil }
        let q = sumQuantum(values)
        // Divide by the inverse of a fractional quantum: 3 / 10 is 0.3, 3 * 0.1 is not.
        let r = q < 1 ? (total * (1 / q).rounded()).rounded() / (1 / q).rounded() : (total / q).rounded() * q
        return r.isFinite && abs(r - total) <= q ? r : total
    }

    /// The axis title's unit: `万元`, `亿元`, `万人次`, `%`, or just `元`.
    public func axisUnit(_ m: Magnitude) -> String {
        kind == .percent ? "%" : m.suffix + unit
    }

    /// A tick label on an axis read in magnitude `m`, with decimals fitted to the tick step.
    public func tick(_ v: Double, magnitude m: Magnitude, step: Double) -> String {
        if kind == .percent { return Self.grouped(v * 100, decimals: Self.stepDecimals(step * 100)) + "%" }
        return Self.grouped(v / m.rawValue, decimals: Self.stepDecimals(step / m.rawValue))
    }

    static func stepDecimals(_ step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var d = 0
        var s = step
        while d < 6 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) { s *= 10; d += 1 }
        return d
    }

    /// A value on its own, in its own magnitude, as precise as it is: `2.8027亿`, `2,500万`,
    /// `39.5万`, `572`, `40%`. `withUnit` appends the unit (`2.8027亿元`).
    public func compact(_ v: Double, withUnit: Bool = false, quantum: Double? = nil) -> String {
        guard v.isFinite else { return "–" }
        if kind == .percent {
            let p = v * 100
            return Self.grouped(p, decimals: p == p.rounded() || abs(p) >= 10 ? 0 : 1) + "%"
        }
        let m = Magnitude.forAxis(maxAbs: abs(v))
        let s = Self.precise(v, scale: m.rawValue, quantum: quantum) + m.suffix
        return withUnit ? s + unit : s
    }

    /// A value in a given magnitude, as a label beside an axis titled in that magnitude:
    /// `8,000` on a 万元 axis, `0.87` for 8,700万 on a 亿元 axis. Every value label of one axis
    /// uses it, so no label names a unit the axis does not.
    public func inMagnitude(_ v: Double, _ m: Magnitude, quantum: Double? = nil) -> String {
        guard v.isFinite else { return "–" }
        if kind == .percent { return compact(v) }
        return Self.precise(v, scale: m.rawValue, quantum: quantum)
    }
}
