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
/// facts: {docs: [000_ff3f57a7c254049f.txt], keywords: [电商, 电子商务]}
/// from: 2015-01
/// to: 2015-12
/// labels: {2015-06: 电子商务产业园开园}    # a user's wording wins over the extracted label
/// ```
public struct TimelineFile: Sendable {
    public struct FactSelection: Sendable, Codable {
        public var docs: [String]?
        public var keywords: [String]?
        public var categories: [String]?
    }

    public var path: String
    public var name: String
    public var spec: TimelineSpec
    public var facts: FactSelection?
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
        var facts: FactSelection?
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
        for k in ["name", "data", "formats", "labels"] { opts[Node(k)] = nil }
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
        return TimelineFile(path: path, name: name, spec: spec, facts: o.facts, from: o.from, to: o.to, labels: labels,
                            lanesByCategory: (o.lanes ?? "category") == "category", dataPath: dataPath, formats: formats)
    }

    /// The spec with every event: inline ones, the CSV's, and the selected milestone facts.
    /// Rows for the data CSV (with provenance and whether the label is the user's) come along.
    public func resolved(facts merged: [MergedFact]) throws(BuildError) -> (TimelineSpec, [[String]]) {
        var spec = self.spec
        var rows: [[String]] = spec.events.map { [$0.when.date.description, $0.when.effectivePrecision, $0.label, $0.lane ?? "", "user", $0.source ?? ""] }
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
                rows.append([date.description, e.when.effectivePrecision, e.label, e.lane ?? "", "data", e.source ?? ""])
            }
        }
        if let sel = facts {
            for f in merged where f.kind == .date {
                guard let d = f.date, d.milestone, let date = ChartDate(parsing: d.resolved) else { continue }
                if let docs = sel.docs, !f.sources.contains(where: { docs.contains($0.file) }) { continue }
                if let from, date.startDay < from.startDay { continue }
                if let to, date.startDay >= to.endDay { continue }
                if let cats = sel.categories, !cats.contains(d.category) { continue }
                if let kws = sel.keywords, !kws.contains(where: { d.event.contains($0) || d.source.sentence.contains($0) }) { continue }
                // A range (`10月10日至12日`) keeps its end and is drawn as the span it covers.
                let end = d.precision == "day-range" ? d.resolvedEnd.flatMap(ChartDate.init(parsing:)).flatMap { $0.endDay > date.startDay ? $0 : nil } : nil
                let precision = d.precision == "day-range" && end == nil ? "day" : d.precision
                let user = labels[d.resolved]
                let src = f.sources.map { "\($0.file):\($0.start)-\($0.end)" }.joined(separator: " ")
                spec.events.append(TimelineEvent(when: EventDate(date: date, precision: precision, end: end),
                                                 label: user ?? d.event, lane: lanesByCategory ? d.category : nil, source: src))
                rows.append([d.resolved, precision, user ?? d.event, lanesByCategory ? d.category : "", user == nil ? "extracted" : "user", src])
            }
        }
        return (spec, rows)
    }
}
