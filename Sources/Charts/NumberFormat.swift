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

    /// Decimals so a number keeps three significant digits: 2.80, 39.5, 2,500.
    static func decimals(forMagnitudeOf v: Double) -> Int {
        let a = abs(v)
        return a == 0 || a >= 100 ? 0 : a >= 10 ? 1 : 2
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

    /// A value on its own, in its own magnitude: `2.80亿`, `2,500万`, `39.5万`, `572`, `40%`.
    /// `withUnit` appends the unit (`2.80亿元`).
    public func compact(_ v: Double, withUnit: Bool = false) -> String {
        guard v.isFinite else { return "–" }
        if kind == .percent {
            let p = v * 100
            return Self.grouped(p, decimals: p == p.rounded() || abs(p) >= 10 ? 0 : 1) + "%"
        }
        let m = Magnitude.forAxis(maxAbs: abs(v))
        let x = v / m.rawValue
        var s = Self.grouped(x, decimals: m == .one && x == x.rounded() ? 0 : Self.decimals(forMagnitudeOf: x))
        s += m.suffix
        return withUnit ? s + unit : s
    }

    /// A value in a given magnitude, as a bar label beside an axis titled in that magnitude: `8,000`.
    public func inMagnitude(_ v: Double, _ m: Magnitude) -> String {
        guard v.isFinite else { return "–" }
        if kind == .percent { return compact(v) }
        let x = v / m.rawValue
        return Self.grouped(x, decimals: x == x.rounded() ? 0 : Self.decimals(forMagnitudeOf: x))
    }
}
