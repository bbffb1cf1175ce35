import Foundation

/// A calendar date known to year, month or day precision, as news reports give them
/// (`2015年`, `2015年10月`, `2015年9月10日`). Positions are days since 1970-01-01, computed with
/// plain arithmetic so every machine agrees.
public struct ChartDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Precision: String, Sendable, Codable { case year, month, day }

    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year; self.month = month; self.day = month == nil ? nil : day
    }

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/` or `.`), or `YYYY年M月D日` forms.
    /// Rejects impossible dates such as `2015-13` or `0000-00`. Works on UTF-8 bytes: a line
    /// chart parses every x value, a million of them for a long series.
    public init?(parsing raw: String) {
        var parts: [Int] = []
        var digits = 0, value = 0, firstDigits = 0
        var pendingSeparator = false
        var bytes = Array(raw.utf8)[...]
        while bytes.first == 0x20 { bytes = bytes.dropFirst() }
        while bytes.last == 0x20 { bytes = bytes.dropLast() }
        var i = bytes.startIndex
        func close() -> Bool {
            guard digits > 0, digits <= 4, parts.count < 3 else { return false }
            if parts.isEmpty { firstDigits = digits }
            parts.append(value); digits = 0; value = 0
            return true
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                // No date part has more than four digits; stopping here also keeps `value` from
                // overflowing on a long run of digits (found by fuzzing).
                if (pendingSeparator && digits > 0) || digits >= 4 { return nil }
                value = value * 10 + Int(b - 0x30); digits += 1; pendingSeparator = false
                i += 1
            } else if b == 0x2D || b == 0x2F || b == 0x2E {  // - / .
                guard close() else { return nil }
                pendingSeparator = true
                i += 1
            } else if i + 2 < bytes.endIndex {
                // 年 E5 B9 B4, 月 E6 9C 88, 日 E6 97 A5
                let c = (bytes[i], bytes[i + 1], bytes[i + 2])
                if c == (0xE5, 0xB9, 0xB4) || c == (0xE6, 0x9C, 0x88) {
                    guard close() else { return nil }
                } else if c == (0xE6, 0x97, 0xA5) {
                    guard close(), i + 3 == bytes.endIndex else { return nil }
                } else { return nil }
                pendingSeparator = false
                i += 3
            } else {
                return nil
            }
        }
        if digits > 0 { guard close() else { return nil } }
        guard (1...3).contains(parts.count), firstDigits == 4, parts[0] >= 1 else { return nil }
        let y = parts[0]
        let m = parts.count > 1 ? parts[1] : nil
        let d = parts.count > 2 ? parts[2] : nil
        if let m, !(1...12).contains(m) { return nil }
        if let d, let m, !(1...Self.daysIn(year: y, month: m)).contains(d) { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of the first day this date covers.
    public var startDay: Double { Double(Self.days(year, month ?? 1, day ?? 1)) }
    /// Days since 1970-01-01 of the day after the last day this date covers.
    public var endDay: Double {
        if day != nil { return startDay + 1 }
        if let m = month { return startDay + Double(Self.daysIn(year: year, month: m)) }
        return Double(Self.days(year + 1, 1, 1))
    }

    /// Days from civil date (proleptic Gregorian), after H. Hinnant.
    public static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    public static func civil(_ z0: Int) -> ChartDate {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return ChartDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = String(year)
        if let month { s += "-" + two(month) }
        if let day { s += "-" + two(day) }
        return s
    }

    /// `2015年`, `2015年10月`, `2015年9月10日`.
    public var chinese: String {
        var s = "\(year)年"
        if let month { s += "\(month)月" }
        if let day { s += "\(day)日" }
        return s
    }

    public static func < (a: ChartDate, b: ChartDate) -> Bool {
        (a.startDay, a.endDay) < (b.startDay, b.endDay)
    }
}

/// Written as text: `2015`, `2015-06`, `2015-09-10`.
extension ChartDate: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self), let d = ChartDate(parsing: String(n)) { self = d; return }
        let s = try c.decode(String.self)
        guard let d = ChartDate(parsing: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(s)\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)")
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension ChartDate {
    static func lessThan(_ a: ChartDate, _ b: ChartDate) -> Bool {
        (a.startDay, a.endDay) < (b.startDay, b.endDay)
    }
}

/// A time axis: day numbers to points, with ticks that adapt to the span (days, months, years).
public struct TimeScale: Scale, Hashable {
    public struct Tick: Sendable, Hashable {
        public var day: Double
        public var label: String
    }

    public var domain: ClosedRange<Double>
    public var range: ClosedRange<Double>
    public var ticks: [Tick]

    /// `maxTicks` bounds how many labels fit; the unit and step are chosen to stay under it.
    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>, maxTicks: Int) {
        let lo = domain.lowerBound, hi = max(domain.upperBound, domain.lowerBound + 1)
        self.domain = lo...hi
        self.range = range
        let limit = max(2, maxTicks)
        let spanDays = hi - lo
        var out: [Tick] = []
        let first = ChartDate.civil(Int(lo.rounded(.down))), last = ChartDate.civil(Int(hi.rounded(.up)))
        if spanDays > 3 * 365 || spanDays / 30.4 > Double(limit * 6) {
            let years = last.year - first.year + 1
            let step = [1, 2, 5, 10, 20, 50, 100].first { years / $0 <= limit } ?? 100
            var y = first.year
            while y <= last.year {
                let d = Double(ChartDate.days(y, 1, 1))
                if d >= lo - 0.5 && d <= hi + 0.5 { out.append(Tick(day: d, label: "\(y)年")) }
                y += step
            }
        } else if spanDays > 62 {
            let months = (last.year - first.year) * 12 + ((last.month ?? 1) - (first.month ?? 1)) + 1
            let step = [1, 2, 3, 6, 12].first { months / $0 <= limit } ?? 12
            var y = first.year, m = first.month ?? 1
            var prevYear: Int?
            var guardCount = 0
            while (y, m) <= (last.year, last.month ?? 12) && guardCount < 10_000 {
                guardCount += 1
                let d = Double(ChartDate.days(y, m, 1))
                if d >= lo - 0.5 && d <= hi + 0.5 && (m - 1) % step == 0 {
                    let label = prevYear != y ? "\(y)年\(m)月" : "\(m)月"
                    out.append(Tick(day: d, label: label))
                    prevYear = y
                }
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        } else {
            let days = Int(spanDays.rounded(.up)) + 1
            let step = [1, 2, 7, 14].first { days / $0 <= limit } ?? 14
            var d = Int(lo.rounded(.up))
            var prevMonth: Int?
            while Double(d) <= hi {
                let c = ChartDate.civil(d)
                out.append(Tick(day: Double(d), label: prevMonth != c.month ? "\(c.month ?? 1)月\(c.day ?? 1)日" : "\(c.day ?? 1)日"))
                prevMonth = c.month
                d += step
            }
        }
        ticks = out
    }

    public func position(_ value: Double) -> Double {
        let t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return range.lowerBound + t * (range.upperBound - range.lowerBound)
    }
}
