import Charts
import Foundation
import Yams

/// One chart as a user writes it: a YAML file naming a CSV (or selecting facts, `FactChart`) and
/// the chart's options.
///
/// ```yaml
/// name: aksu-2015-funding        # output file stem (letters, digits, - and _)
/// data: ../data/funding.csv           # or data: {facts: {…}, group: fact}
/// kind: bar
/// orientation: horizontal
/// title: 杭州援疆（阿克苏）2015年援建资金分项
/// formats: [png, pdf, svg]
/// ```
/// Every `ChartSpec` option can be given; `categories` and `series` come from the CSV.
public struct ChartFile: Sendable {
    public var path: String
    public var name: String
    /// The CSV, or for a chart drawn from facts the chart file itself (the data is described in it).
    public var dataPath: String
    /// `data: {facts: …}`: the chart's numbers come from extracted facts, not a CSV.
    public var facts: FactChart?
    public var formats: [String]
    /// The spec with everything but categories and series filled in.
    public var spec: ChartSpec
    /// The user's text alternative (`alt:`), used instead of the one written from the data.
    public var alt: String?

    public init(path: String, name: String, dataPath: String, formats: [String], spec: ChartSpec, alt: String? = nil) {
        self.path = path; self.name = name; self.dataPath = dataPath; self.formats = formats; self.spec = spec; self.alt = alt
    }

    static let ownKeys: Set<String> = ["name", "data", "formats", "alt"]
    static let specKeys: Set<String> = [
        "kind", "title", "subtitle", "source", "valueKind", "unit", "orientation", "stacked", "sort", "valueLabels",
        "scale", "markers", "annotations", "referenceLines", "innerRadius", "otherThreshold", "centerLabel", "size",
        "theme", "transparent", "series",
    ]

    public static func load(_ path: String) throws(BuildError) -> ChartFile {
        let text = try SourceText.read(path, limit: 1024 * 1024).text
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(BuildError) -> ChartFile {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let e as YamlError {
            throw .data(path: path, line: yamlLine(e), field: nil, message: "YAML syntax error: \(yamlMessage(e))")
        } catch {
            throw .data(path: path, line: nil, field: nil, message: "YAML syntax error: \(error)")
        }
        try YAMLLimits.check(node, path: path)  // issue 18 hook: alias expansion bounded
        guard let map = node?.mapping else {
            throw .data(path: path, line: 1, field: nil, message: "expected a mapping of chart options (name: …, data: …, kind: …)")
        }
        // Every problem in the file is collected and reported together.
        var problems: [BuildError] = []
        var specMap = map
        for (k, _) in map {
            guard let key = k.string else { continue }
            if !ownKeys.contains(key) && !specKeys.contains(key) {
                let near = closestKey(to: key, in: ownKeys.union(specKeys))
                problems.append(.data(path: path, line: k.mark.map { $0.line }, field: key, message: "unknown option; did you mean \"\(near)\"?"))
                specMap[k] = nil
            }
        }
        func str(_ key: String) -> (String?, Int?) {
            guard let n = map[key] else { return (nil, nil) }
            return (n.string, n.mark?.line)
        }
        let (nameGiven, nameLine) = str("name")
        var name = nameGiven ?? ""
        if name.isEmpty {
            problems.append(.data(path: path, line: nameLine ?? 1, field: "name", message: "missing; give the output file stem, e.g. name: funding"))
        } else if !OutputName.isValid(name) {
            problems.append(.data(path: path, line: nameLine, field: "name",
                                  message: "\"\(name)\" may use only letters, digits, - and _ (it becomes a file name inside the output folder)"))
            name = ""
        }
        var facts: FactChart?
        if let dn = map["data"], dn.mapping != nil {
            let (fc, fp) = FactChart.parse(dn, path: path)
            facts = fc
            problems += fp
        }
        let (dataGiven, dataLine) = str("data")
        let data = facts != nil ? path : dataGiven ?? ""
        if data.isEmpty, map["data"]?.mapping == nil {
            problems.append(.data(path: path, line: dataLine ?? 1, field: "data", message: "missing; name the CSV file with the chart's numbers"))
        }
        let (alt, altLine) = str("alt")
        if map["alt"] != nil, (alt ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(.data(path: path, line: altLine ?? map["alt"]?.mark?.line, field: "alt",
                                  message: "give the figure's text alternative as text, e.g. alt: 横向条形图：天网工程8000万元…; or remove it to have one written from the data"))
        }
        var formats = ["png", "pdf", "svg"]
        if let f = map["formats"] {
            // An empty list draws nothing: the chart is data for a briefing table (and its CSV).
            if let seq = f.sequence?.compactMap(\.string), seq.allSatisfy({ ["png", "pdf", "svg"].contains($0) }) {
                formats = seq
            } else {
                problems.append(.data(path: path, line: f.mark?.line, field: "formats", message: "give a list drawn from png, pdf, svg"))
            }
        }
        // Decode the spec options through Codable, with empty data to be filled from the CSV.
        for k in ownKeys { specMap[Node(k)] = nil }
        specMap[Node("categories")] = Node.sequence(Node.Sequence([]))
        if specMap["series"] == nil { specMap[Node("series")] = Node.sequence(Node.Sequence([])) }
        var spec: ChartSpec?
        do { spec = try YAMLDecoder().decode(ChartSpec.self, from: Node.mapping(specMap)) } catch let e as DecodingError {
            var (field, why) = describe(e)
            let top = field.map { f in f.split(whereSeparator: { $0 == "." || $0 == "[" }).first.map(String.init) ?? f }
            let line = top.flatMap { map[$0]?.mark?.line }
            // Say what was written, not only what is accepted: `"radar" is not an accepted value…`.
            if let top, let given = map[top]?.string, why.hasPrefix("not an accepted") { why = "\"\(given)\" is " + why }
            problems.append(.data(path: path, line: line, field: field, message: why))
        } catch {
            problems.append(.data(path: path, line: nil, field: nil, message: "\(error)"))
        }
        let base = (path as NSString).deletingLastPathComponent
        let resolved = data.hasPrefix("/") ? data : (base.isEmpty ? data : (base as NSString).appendingPathComponent(data))
        if !data.isEmpty, facts == nil, !FileManager.default.fileExists(atPath: resolved) {
            problems.append(.data(path: path, line: map["data"]?.mark?.line, field: "data",
                                  message: "no such file: \((resolved as NSString).standardizingPath); give the CSV's path relative to this chart file"))
        }
        guard problems.isEmpty, let spec else { throw problems.count == 1 ? problems[0] : .many(problems) }
        var file = ChartFile(path: path, name: name, dataPath: facts != nil ? path : (resolved as NSString).standardizingPath, formats: formats, spec: spec, alt: alt)
        file.facts = facts
        return file
    }

    /// The chart's numbers outside a build (`reportgen chart`): a fact chart reads `articles`, by
    /// default the `*.txt` beside the chart file and in the folder above it (a report's charts/
    /// folder sits beside its articles).
    public func standaloneData(articles given: [String]? = nil) throws(BuildError) -> ChartData {
        let dir = (path as NSString).deletingLastPathComponent
        let articles = given ?? (BriefingFile.Reader.glob("*.txt", base: dir) + BriefingFile.Reader.glob("*.txt", base: (dir as NSString).deletingLastPathComponent))
        guard facts != nil else { return try data(facts: nil, articles: articles) }
        guard !articles.isEmpty else {
            throw .data(path: path, line: facts?.line, field: "data", message: "this chart is drawn from facts, and no articles (*.txt) are beside it or in the folder above; pass them with --article FILE")
        }
        let docs = try ReportBuild.extract(docs: articles.map { (path: $0, referenceDate: String?.none) })
        return try data(facts: FactBase(documents: docs), articles: articles)
    }

    /// The chart's numbers: from its CSV (citations checked against `articles`, the build's
    /// articles) or from the build's facts.
    public func data(facts base: FactBase?, articles: [String]) throws(BuildError) -> ChartData {
        guard let facts else { return try ChartData.csv(dataPath, articles: articles) }
        guard let base else { throw .data(path: path, line: facts.line, field: "data", message: "this chart is drawn from facts, but no articles were given") }
        return try facts.data(base, valueKind: spec.valueKind)
    }

    /// Fills categories and series from the data table; series options given in YAML (names,
    /// colours) apply to the CSV's series columns in order.
    public func resolvedSpec(_ table: DataTable) throws(BuildError) -> ChartSpec {
        var s = spec
        s.categories = table.rows.map { row in
            let c = row[0]
            return c.first == " " || c.last == " " ? c.trimmingCharacters(in: .whitespaces) : c
        }
        let given = spec.series
        var series: [Series] = []
        for (k, col) in table.seriesColumns.enumerated() {
            var values: [Double?] = []
            for r in table.rows.indices { values.append(try table.number(row: r, column: col)) }
            let opt = k < given.count ? given[k] : nil
            // `金额（亿元）` names the series `金额`: the axis, not the legend, says which unit it reads in.
            let name = opt.map(\.name).flatMap { $0.isEmpty ? nil : $0 } ?? table.name(column: col)
            series.append(Series(name: name, values: values, color: opt?.color))
        }
        guard !series.isEmpty else {
            throw .data(path: table.path, line: 1, field: nil, message: "no number columns; after the category column give at least one column of values")
        }
        s.series = series
        // A unit the CSV's header names (`人数（万人次）`) is the chart's when the chart file gives none.
        if let u = table.seriesColumns.first.flatMap(table.unit(column:)), !u.isMoney {
            if s.unit == nil { s.unit = u.unit }
            if s.valueKind == nil { s.valueKind = .number }
        }
        return s
    }
}

private func yamlLine(_ e: YamlError) -> Int? {
    switch e {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
    default: return nil
    }
}

private func yamlMessage(_ e: YamlError) -> String {
    switch e {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _): return "\(problem) (column \(mark.column))"
    default: return "\(e)"
    }
}

/// A field path and a reason a user can act on, from a Codable error.
func describe(_ e: DecodingError) -> (String?, String) {
    func path(_ p: [CodingKey]) -> String? {
        let s = p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return s.isEmpty ? nil : s.replacingOccurrences(of: ".[", with: "[")
    }
    switch e {
    case .typeMismatch(let t, let c): return (path(c.codingPath), "expected \(typeName(t)); \(c.debugDescription)")
    case .valueNotFound(let t, let c): return (path(c.codingPath), "missing \(typeName(t))")
    case .keyNotFound(let k, let c): return (path(c.codingPath + [k]), "missing")
    case .dataCorrupted(let c):
        var why = c.debugDescription
        if why.contains("Cannot initialize"), let last = c.codingPath.last?.stringValue {
            why = "not an accepted value for \(last): \(allowedValues[last] ?? "see the README")"
        }
        return (path(c.codingPath), why)
    @unknown default: return (nil, "\(e)")
    }
}

private let allowedValues: [String: String] = [
    "kind": "bar, line, area, donut, pie", "orientation": "vertical, horizontal", "sort": "none, ascending, descending",
    "scale": "linear, log", "valueKind": "money, number, percent", "theme": "default, print, colorblind",
]

private func typeName(_ t: Any.Type) -> String {
    switch "\(t)" {
    case "Double", "Int": return "a number"
    case "Bool": return "true or false"
    case "String": return "text"
    default: return "\(t)"
    }
}
