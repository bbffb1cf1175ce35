import Canvas
import Charts

/// When something happened, as precisely as the source says and no more.
///
/// `precision` uses the extractor's vocabulary: day, day-range, month, month-early, month-mid,
/// month-late, year, year-early, year-late, year-h1, year-h2. A month-precision event covers its
/// month; it is never pinned to a made-up day.
public struct EventDate: Sendable, Hashable, Codable {
    public var date: ChartDate
    public var precision: String?
    /// The last day or month of a range (`2015-06` … `2015-09`).
    public var end: ChartDate?
    /// 约, 前后, 以来: drawn dashed but sorted in place.
    public var approximate: Bool?

    public init(date: ChartDate, precision: String? = nil, end: ChartDate? = nil, approximate: Bool? = nil) {
        self.date = date; self.precision = precision; self.end = end; self.approximate = approximate
    }

    static let valid: Set<String> = ["day", "day-range", "month", "month-early", "month-mid", "month-late",
                                     "year", "year-early", "year-late", "year-h1", "year-h2"]

    public var effectivePrecision: String {
        if end != nil { return "range" }
        return precision ?? date.precision.rawValue
    }

    /// True for a single day: drawn as a point. Everything else is drawn as the span it covers.
    public var isPoint: Bool { effectivePrecision == "day" }
    /// Year-level dates are the least precise: drawn lighter.
    public var isCoarse: Bool { effectivePrecision.hasPrefix("year") }

    /// The days covered, as [start, end) in days since 1970.
    public var interval: (Double, Double) {
        let y = date.year
        func day(_ m: Int, _ d: Int) -> Double { Double(ChartDate.days(y, m, d)) }
        if let end { return (date.startDay, max(end.endDay, date.startDay + 1)) }
        switch effectivePrecision {
        case "month-early": return (date.startDay, date.startDay + 10)
        case "month-mid": return (date.startDay + 10, date.startDay + 20)
        case "month-late": return (date.startDay + 20, date.endDay)
        case "year-early": return (day(1, 1), day(4, 1))
        case "year-late": return (day(10, 1), Double(ChartDate.days(y + 1, 1, 1)))
        case "year-h1": return (day(1, 1), day(7, 1))
        case "year-h2": return (day(7, 1), Double(ChartDate.days(y + 1, 1, 1)))
        default: return (date.startDay, date.endDay)
        }
    }

    /// `2015年10月底`, `2015年上半年`, `约2015年`, `2015年6月—9月`.
    public var chinese: String {
        var s = date.chinese
        switch effectivePrecision {
        case "month-early": s += "初"
        case "month-mid": s += "中旬"
        case "month-late": s += "底"
        case "year-early": s += "初"
        case "year-late": s += "底"
        case "year-h1": s = "\(date.year)年上半年"
        case "year-h2": s = "\(date.year)年下半年"
        default: break
        }
        if let end {
            s += "—" + (end.year == date.year ? String(end.chinese.dropFirst(5)) : end.chinese)
        }
        return (approximate ?? false ? "约" : "") + s
    }
}

public struct TimelineEvent: Sendable, Hashable, Codable {
    public var when: EventDate
    public var label: String
    public var detail: String?
    /// A category (电商, 平安, 民生 …): events of one lane share a colour.
    public var lane: String?
    /// 1 (minor) to 3 (key): key events keep their label first when space runs out.
    public var importance: Int?
    /// Where it was read, e.g. `seeds/000.txt:1111-1118`.
    public var source: String?

    public init(when: EventDate, label: String, detail: String? = nil, lane: String? = nil, importance: Int? = nil, source: String? = nil) {
        self.when = when; self.label = label; self.detail = detail; self.lane = lane; self.importance = importance; self.source = source
    }
}

/// A shaded era behind the events, e.g. 第八批援疆 2014–2016.
public struct Period: Sendable, Hashable, Codable {
    public var label: String
    public var start: ChartDate
    public var end: ChartDate
    public init(label: String, start: ChartDate, end: ChartDate) { self.label = label; self.start = start; self.end = end }
}

public struct TimelineSpec: Sendable, Hashable, Codable {
    public var title: String?
    public var subtitle: String?
    public var source: String?
    public var events: [TimelineEvent]
    public var periods: [Period]?
    /// A dashed marker, e.g. the report's date.
    public var referenceDate: ChartDate?
    public var referenceLabel: String?
    /// horizontal (slides, default) or vertical (A4 pages).
    public var orientation: Orientation?
    /// Lines of label text at most (default 2); longer labels end in an ellipsis.
    public var maxLabelLines: Int?
    public var size: SizePreset?
    public var theme: ThemeName?
    public var transparent: Bool?

    public init(title: String? = nil, subtitle: String? = nil, source: String? = nil, events: [TimelineEvent],
                periods: [Period]? = nil, referenceDate: ChartDate? = nil, referenceLabel: String? = nil,
                orientation: Orientation? = nil, maxLabelLines: Int? = nil, size: SizePreset? = nil,
                theme: ThemeName? = nil, transparent: Bool? = nil) {
        self.title = title; self.subtitle = subtitle; self.source = source; self.events = events; self.periods = periods
        self.referenceDate = referenceDate; self.referenceLabel = referenceLabel; self.orientation = orientation
        self.maxLabelLines = maxLabelLines; self.size = size; self.theme = theme; self.transparent = transparent
    }
}

public enum TimelineError: Error, Equatable, CustomStringConvertible {
    case noEvents
    case invalidPrecision(event: String, precision: String)
    case endBeforeStart(event: String)
    case tooManyEvents(Int, limit: Int)

    public var description: String {
        switch self {
        case .noEvents: return "the timeline has no events; give at least one dated event"
        case .invalidPrecision(let e, let p):
            return "event \"\(e)\": precision \"\(p)\" is not one of day, day-range, month, month-early, month-mid, month-late, year, year-early, year-late, year-h1, year-h2"
        case .endBeforeStart(let e): return "event \"\(e)\": the end date is before the start date"
        case .tooManyEvents(let n, let l): return "\(n) events is more than the \(l) a timeline can show; select fewer or split by period"
        }
    }
}
