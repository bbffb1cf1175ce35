import Charts
import Extraction
import Foundation
import Timeline
import Yams

/// A timeline as a user writes it: options, plus where its events come from — milestone facts the
/// extractor read (selected by document, keyword, category and date range), a CSV, or a list.
///
/// ```yaml
/// name: aksu-2015-ecommerce-timeline
/// title: 阿克苏电子商务发展大事记（2015）
/// facts: {docs: [000_ff3f57a7c254049f.txt], keywords: [电商, 电子商务]}   # a FactQuery (milestone dates)
/// from: 2015-01
/// to: 2015-12
/// labels: {2015-06: 电子商务产业园开园}    # a user's wording wins over the extracted label
/// ```
public struct TimelineFile: Sendable {
    /// One event drawn, as the timeline's CSV lists it.
    public struct Row: Sendable, Hashable {
        public var date: String
        public var precision: String
        public var label: String
        public var lane: String
        /// user, data or extracted: whose wording the label is.
        public var labelSource: String
        public var sources: [SourceRef]

        var cells: [String] { [date, precision, label, lane, labelSource, sources.map(\.location).joined(separator: " ")] }
    }

    public var path: String
    public var name: String
    public var spec: TimelineSpec
    /// Which milestone facts to draw; `type: date` and `milestone: true` unless it says otherwise.
    public var facts: FactQuery?
    public var from: ChartDate?
    public var to: ChartDate?
    /// Label overrides keyed by resolved date (`2015-06`, `2015-09-10`).
    public var labels: [String: String]
    public var lanesByCategory: Bool
    public var dataPath: String?
    public var formats: [String]

    static let keys: Set<String> = [
        "name", "title", "subtitle", "source", "facts", "from", "to", "labels", "lanes", "data", "events", "periods",
        "referenceDate", "referenceLabel", "orientation", "maxLabelLines", "size", "theme", "transparent", "formats",
    ]

    struct Options: Decodable {
        var title: String?, subtitle: String?, source: String?
        var from: ChartDate?, to: ChartDate?
        var lanes: String?
        var events: [EventEntry]?
        var periods: [Period]?
        var referenceDate: ChartDate?, referenceLabel: String?
        var orientation: Orientation?
        var maxLabelLines: Int?
        var size: SizePreset?, theme: ThemeName?, transparent: Bool?
    }

    /// An event as written in YAML or CSV: `date` with an optional `precision` and `end`.
    struct EventEntry: Decodable {
        var date: ChartDate
        var precision: String?
        var end: ChartDate?
        var approximate: Bool?
        var label: String
        var detail: String?, lane: String?, importance: Int?, source: String?

        var event: TimelineEvent {
            TimelineEvent(when: EventDate(date: date, precision: precision, end: end), label: label,
                          detail: detail, lane: lane, importance: importance, source: source)
        }
    }

    public static func load(_ path: String) throws(BuildError) -> TimelineFile {
        let text = try SourceText.read(path, limit: 4 * 1024 * 1024).text
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(BuildError) -> TimelineFile {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw .data(path: path, line: nil, field: nil, message: "YAML syntax error: \(error)")
        }
        try YAMLLimits.check(node, path: path)  // issue 18 hook: alias expansion bounded
        guard let map = node?.mapping else { throw .data(path: path, line: 1, field: nil, message: "expected a mapping of timeline options") }
        // Every problem in the file is collected and reported together.
        var problems: [BuildError] = []
        var opts = map
        for (k, _) in map {
            guard let key = k.string, !keys.contains(key) else { continue }
            let near = closestKey(to: key, in: keys)
            problems.append(.data(path: path, line: k.mark.map { $0.line }, field: key, message: "unknown option; did you mean \"\(near)\"?"))
            opts[k] = nil
        }
        let name = map["name"]?.string ?? ""
        if !OutputName.isValid(name) {
            problems.append(.data(path: path, line: map["name"]?.mark?.line ?? 1, field: "name",
                                  message: "give the output file stem: letters, digits, - and _ only"))
        }
        for k in ["name", "data", "formats", "labels", "facts"] { opts[Node(k)] = nil }
        var query: FactQuery?
        if let fn = map["facts"] {
            let (q, qp) = FactQuery.parse(fn, path: path, field: "facts")
            problems += qp
            query = q
            if query?.type == nil { query?.type = .date }
            if query?.milestone == nil { query?.milestone = true }
            if let t = query?.type, t != .date {
                problems.append(.data(path: path, line: fn.mark?.line, field: "facts.type", message: "a timeline draws dates; leave type out or write type: date"))
            }
        }
        // Label overrides are read from the node: keys like 2015 or 2015-09-10 must stay text.
        var labels: [String: String] = [:]
        if let node = map["labels"] {
            if let m = node.mapping {
                for (k, v) in m {
                    if let key = k.string, let value = v.string, ChartDate(parsing: key) != nil {
                        labels[key] = value
                    } else {
                        problems.append(.data(path: path, line: k.mark?.line, field: "labels",
                                              message: "\"\(k.string ?? "?")\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD) with a text label"))
                    }
                }
            } else {
                problems.append(.data(path: path, line: node.mark?.line, field: "labels", message: "give a mapping of date: label, e.g. 2015-06: 产业园开园"))
            }
        }
        var decoded: Options?
        do { decoded = try YAMLDecoder().decode(Options.self, from: Node.mapping(opts)) } catch let e as DecodingError {
            let (field, why) = describe(e)
            var line: Int?
            if let f = field {
                let top = f.split(whereSeparator: { $0 == "." || $0 == "[" }).first.map(String.init) ?? f
                line = map[top]?.mark?.line
            }
            problems.append(.data(path: path, line: line, field: field, message: why))
        } catch {
            problems.append(.data(path: path, line: nil, field: nil, message: "\(error)"))
        }
        guard problems.isEmpty, let o = decoded else { throw problems.count == 1 ? problems[0] : .many(problems) }
        let base = (path as NSString).deletingLastPathComponent
        let dataPath = map["data"]?.string.map { $0.hasPrefix("/") ? $0 : (base as NSString).appendingPathComponent($0) }
        let spec = TimelineSpec(title: o.title, subtitle: o.subtitle, source: o.source, events: (o.events ?? []).map(\.event),
                                periods: o.periods, referenceDate: o.referenceDate, referenceLabel: o.referenceLabel,
                                orientation: o.orientation, maxLabelLines: o.maxLabelLines, size: o.size, theme: o.theme,
                                transparent: o.transparent)
        let formats = map["formats"]?.sequence?.compactMap(\.string) ?? ["png", "pdf", "svg"]
        return TimelineFile(path: path, name: name, spec: spec, facts: query, from: o.from, to: o.to, labels: labels,
                            lanesByCategory: (o.lanes ?? "category") == "category", dataPath: dataPath, formats: formats)
    }

    /// The spec with every event: inline ones, the CSV's, and the selected milestone facts; and
    /// one row per event for the timeline's CSV, with its sources.
    public func resolved(facts base: FactBase) throws(BuildError) -> (TimelineSpec, [Row]) {
        var spec = self.spec
        var rows: [Row] = spec.events.map {
            Row(date: $0.when.date.description, precision: $0.when.effectivePrecision, label: $0.label, lane: $0.lane ?? "",
                labelSource: "user", sources: Self.refs($0.source))
        }
        if let dataPath {
            let t = try DataTable.load(dataPath)
            guard let di = t.header.firstIndex(of: "date"), let li = t.header.firstIndex(of: "label") else {
                throw .data(path: dataPath, line: 1, field: nil, message: "a timeline CSV needs the columns date and label (optional: precision, end, lane, detail, source)")
            }
            for r in t.rows.indices {
                guard let date = ChartDate(parsing: t.rows[r][di]) else {
                    throw .data(path: dataPath, line: t.lines[r], field: "date", message: "\"\(t.rows[r][di])\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
                }
                let cell = { (n: String) -> String? in t.cell(row: r, named: n).flatMap { $0.isEmpty ? nil : $0 } }
                let e = TimelineEvent(when: EventDate(date: date, precision: cell("precision"), end: cell("end").flatMap(ChartDate.init(parsing:))),
                                      label: t.rows[r][li], detail: cell("detail"), lane: cell("lane"), source: cell("source"))
                spec.events.append(e)
                var refs = Self.refs(e.source)
                if refs.isEmpty { refs = [SourceRef(file: "（用户数据）\(dataPath):\(t.lines[r])", span: nil, sentence: e.label)] }
                rows.append(Row(date: date.description, precision: e.when.effectivePrecision, label: e.label, lane: e.lane ?? "",
                                labelSource: "data", sources: refs))
            }
        }
        if let query = facts {
            for f in try query.select(base) {
                guard let d = f.date, let date = ChartDate(parsing: d.resolved) else { continue }
                if let from, date.startDay < from.startDay { continue }
                if let to, date.startDay >= to.endDay { continue }
                // A range (`10月10日至12日`) keeps its end and is drawn as the span it covers.
                let end = d.precision == "day-range" ? d.resolvedEnd.flatMap(ChartDate.init(parsing:)).flatMap { $0.endDay > date.startDay ? $0 : nil } : nil
                let precision = d.precision == "day-range" && end == nil ? "day" : d.precision
                let user = labels[d.resolved]
                let refs = f.sources.map(SourceRef.init)
                let extracted = Self.tidy(d.event)
                spec.events.append(TimelineEvent(when: EventDate(date: date, precision: precision, end: end),
                                                 label: user ?? extracted, lane: lanesByCategory ? d.category : nil,
                                                 source: refs.map(\.location).joined(separator: " ")))
                rows.append(Row(date: d.resolved, precision: precision, label: user ?? extracted, lane: lanesByCategory ? d.category : "",
                                labelSource: user == nil ? "extracted" : "user", sources: refs))
            }
        }
        return (spec, rows)
    }

    /// Without reference dates (a timeline outside a build).
    public func resolved(facts merged: [MergedFact]) throws(BuildError) -> (TimelineSpec, [Row]) {
        try resolved(facts: FactBase(facts: merged))
    }

    /// An extracted event label without what a page leaves around it: a stray page number
    /// before it (`38 ，衢州援疆指挥部…`) and a bracketed credit (`(记者吴卓胜)`).
    static func tidy(_ label: String) -> String {
        var t = TextScan.droppingBylines(TextScan.droppingListNumber(label))
        t = t.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? label : t
    }

    /// A user's `source:` text: `file:start-end` (several separated by spaces) is a span; any other
    /// text is kept as the note it is.
    static func refs(_ source: String?) -> [SourceRef] {
        guard let source, !source.isEmpty else { return [] }
        return source.split(separator: " ").map { part in
            let s = String(part)
            if let colon = s.lastIndex(of: ":") {
                let nums = s[s.index(after: colon)...].split(separator: "-").compactMap { Int($0) }
                if nums.count == 2, nums[0] <= nums[1] { return SourceRef(file: String(s[..<colon]), span: nums[0]..<nums[1], sentence: "") }
            }
            return SourceRef(file: s, span: nil, sentence: s)
        }
    }
}
