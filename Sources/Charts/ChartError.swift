/// Data a chart cannot draw honestly. Each case names the series and field to fix.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    case noData(chart: String)
    case lengthMismatch(series: String, values: Int, categories: Int)
    case nonFinite(series: String, category: String, value: Double)
    case negativeShare(series: String, category: String, value: Double)
    case allZero(series: String)
    case duplicateCategory(String)
    case nonPositiveOnLogScale(series: String, category: String, value: Double)
    case tooMany(what: String, count: Int, limit: Int)
    case invalidOption(field: String, why: String)
    /// The values add up to more than a number can hold (a total, a stack, a donut's whole).
    case sumOverflows(series: String)

    public var description: String {
        switch self {
        case .noData(let c):
            return "\(c): no data to draw; give at least one category and one series with values"
        case .lengthMismatch(let s, let v, let c):
            return "series \"\(s)\": \(v) values for \(c) categories; give one value per category (empty for a gap)"
        case .nonFinite(let s, let c, let v):
            return "series \"\(s)\", category \"\(c)\": value \(v) is not a finite number; fix it or leave the cell empty for a gap"
        case .negativeShare(let s, let c, let v):
            return "series \"\(s)\", category \"\(c)\": a donut or pie cannot show the negative value \(v); use a bar chart"
        case .allZero(let s):
            return "series \"\(s)\": every value is zero, so there are no shares to draw"
        case .duplicateCategory(let c):
            return "category \"\(c)\" appears more than once; merge the rows or give them distinct names"
        case .nonPositiveOnLogScale(let s, let c, let v):
            return "series \"\(s)\", category \"\(c)\": \(v) cannot sit on a log scale; use scale: linear"
        case .tooMany(let w, let n, let l):
            return "\(n) \(w) is more than the \(l) a readable chart can hold; aggregate or split the data"
        case .invalidOption(let f, let why):
            return "\(f): \(why)"
        case .sumOverflows(let s):
            return "series \"\(s)\": the values add up to more than a number can hold, so no total can be drawn or printed; check for a misplaced decimal point or a wrong unit"
        }
    }
}
