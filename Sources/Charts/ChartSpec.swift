import Canvas

public enum ChartKind: String, Sendable, Codable, CaseIterable { case bar, line, area, donut, pie }

public enum Orientation: String, Sendable, Codable { case vertical, horizontal }

public enum SortOrder: String, Sendable, Codable { case none, ascending, descending }

public enum ScaleType: String, Sendable, Codable { case linear, log }

/// What the numbers are, which decides how axes and labels read them.
public enum ValueKind: String, Sendable, Codable {
    /// Amounts in 元; axes switch to 万元 or 亿元 by size (8000万 reads `8,000` on a 万元 axis).
    case money
    /// Counts or measures in `unit` (人, 人次, 平方米 …); 万/亿 shorten big numbers.
    case number
    /// Shares given as fractions (0.4 reads `40%`).
    case percent
}

/// One named row of values. `values[i]` belongs to category (or x) `i`; `nil` is a gap.
public struct Series: Sendable, Codable, Hashable {
    public var name: String
    public var values: [Double?]
    public var color: Color?

    public init(name: String, values: [Double?], color: Color? = nil) {
        self.name = name; self.values = values; self.color = color
    }

    enum CodingKeys: String, CodingKey { case name, values, color }

    /// `values` may be left out where data comes from elsewhere (a CSV column).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        values = try c.decodeIfPresent([Double?].self, forKey: .values) ?? []
        color = try c.decodeIfPresent(Color.self, forKey: .color)
    }
}

/// A labelled point on a line chart, e.g. `双十一`.
public struct PointAnnotation: Sendable, Codable, Hashable {
    public var series: Int
    public var index: Int
    public var text: String
    public init(series: Int = 0, index: Int, text: String) { self.series = series; self.index = index; self.text = text }

    enum CodingKeys: String, CodingKey { case series, index, text }

    /// `series` defaults to the first one.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        series = try c.decodeIfPresent(Int.self, forKey: .series) ?? 0
        index = try c.decode(Int.self, forKey: .index)
        text = try c.decode(String.self, forKey: .text)
    }
}

/// A horizontal line at a value across the plot, e.g. a target.
public struct ReferenceLine: Sendable, Codable, Hashable {
    public var value: Double
    public var label: String?
    public init(value: Double, label: String? = nil) { self.value = value; self.label = label }
}

/// Everything a chart needs, as a plain value: build it in code or decode it from YAML/JSON.
/// Fields not given take the defaults documented on each.
public struct ChartSpec: Sendable, Codable, Hashable {
    public var kind: ChartKind
    public var title: String?
    public var subtitle: String?
    /// Shown bottom-left, prefixed with `来源：` unless it already starts with it.
    public var source: String?
    /// Category names (bar, donut) or x values (line/area: `2015-01`, `2015-09-10`, `2015`, or numbers).
    public var categories: [String]
    public var series: [Series]
    /// Default `.money`.
    public var valueKind: ValueKind?
    /// The unit for `.number` values (人次, 平方米 …); for money it is 元 and can be left out.
    public var unit: String?
    /// Bars: default vertical.
    public var orientation: Orientation?
    /// Bars: several series side by side (false) or on top of each other with totals (true).
    public var stacked: Bool?
    public var sort: SortOrder?
    /// Default true for bars and small line charts (≤ 24 points), false otherwise.
    public var valueLabels: Bool?
    public var scale: ScaleType?
    /// Line: draw point markers; default when a series has ≤ 60 points.
    public var markers: Bool?
    public var annotations: [PointAnnotation]?
    public var referenceLines: [ReferenceLine]?
    /// Donut: hole radius as a fraction of the outer radius; 0 draws a pie. Default 0.58.
    public var innerRadius: Double?
    /// Donut: slices below this share are merged into `其他` when there are two or more. Default 0.03.
    public var otherThreshold: Double?
    /// Donut: the text in the hole; default the formatted total over `合计`.
    public var centerLabel: String?
    public var size: SizePreset?
    public var theme: ThemeName?
    /// Leaves the figure background transparent (legend and labels keep a backing).
    public var transparent: Bool?

    public init(kind: ChartKind, title: String? = nil, subtitle: String? = nil, source: String? = nil,
                categories: [String], series: [Series], valueKind: ValueKind? = nil, unit: String? = nil,
                orientation: Orientation? = nil, stacked: Bool? = nil, sort: SortOrder? = nil,
                valueLabels: Bool? = nil, scale: ScaleType? = nil, markers: Bool? = nil,
                annotations: [PointAnnotation]? = nil, referenceLines: [ReferenceLine]? = nil,
                innerRadius: Double? = nil, otherThreshold: Double? = nil, centerLabel: String? = nil,
                size: SizePreset? = nil, theme: ThemeName? = nil, transparent: Bool? = nil) {
        self.kind = kind; self.title = title; self.subtitle = subtitle; self.source = source
        self.categories = categories; self.series = series; self.valueKind = valueKind; self.unit = unit
        self.orientation = orientation; self.stacked = stacked; self.sort = sort; self.valueLabels = valueLabels
        self.scale = scale; self.markers = markers; self.annotations = annotations; self.referenceLines = referenceLines
        self.innerRadius = innerRadius; self.otherThreshold = otherThreshold; self.centerLabel = centerLabel
        self.size = size; self.theme = theme; self.transparent = transparent
    }
}
