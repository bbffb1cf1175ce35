import Charts
import Foundation

/// The numbers of one chart, read once per build and shared by the chart's own files, the
/// briefing (figure, table, values) and the command line: categories, series, and for every
/// cell where it came from.
///
/// Built from a user's CSV (`ChartData.csv`, its citations checked against the articles) or from
/// a fact query (`FactChart`).
public struct ChartData: Sendable {
    public struct Series: Sendable, Hashable {
        public var name: String
        public var values: [Double?]
        /// The sources of each cell: one fact, the facts summed into it, or the CSV row's citation.
        public var sources: [[SourceRef]]
    }

    /// The heading of the category column (项目, 月份, 报道).
    public var categoryHeader: String
    public var categories: [String]
    public var series: [Series]
    /// Where the data was read: the CSV's path, or the chart file for a fact query.
    public var origin: String
    /// Problems found while reading it (a citation that does not hold its number).
    public var warnings: [String] = []
    /// The CSV as the user wrote it, for the sidecar; nil for fact charts.
    public var table: DataTable?
    /// Articles the data depends on (for the manifest's inputs).
    public var articles: [String] = []

    /// The sources of a whole row (any series), first seen first.
    public func rowSources(_ r: Int) -> [SourceRef] {
        var out: [SourceRef] = []
        for s in series where r < s.sources.count { for ref in s.sources[r] where !out.contains(ref) { out.append(ref) } }
        return out
    }

    /// The sources of every plotted cell.
    public var allSources: [SourceRef] { categories.indices.flatMap(rowSources) }

    /// The chart file's spec with this data filled in; series options given in YAML (names,
    /// colours) apply to the data's series in order.
    public func spec(_ file: ChartFile) -> ChartSpec {
        var s = file.spec
        let given = file.spec.series
        s.categories = categories
        s.series = series.enumerated().map { k, d in
            let opt = k < given.count ? given[k] : nil
            let name = opt.map(\.name).flatMap { $0.isEmpty ? nil : $0 } ?? d.name
            return Charts.Series(name: name, values: d.values, color: opt?.color)
        }
        return s
    }

    /// The sidecar CSV: for a user's CSV, the table as read (with the sentence filled in where the
    /// user left it out); for a fact chart, one line per plotted fact — category, series, the value
    /// plotted in that cell, the fact's own value and where it was read — so every line can be
    /// checked against its article.
    public func sidecar(seriesNames: [String]? = nil) -> [UInt8] {
        if var t = table {
            if let sc = t.header.firstIndex(of: "sentence") {
                for r in t.rows.indices where t.rows[r][sc].isEmpty {
                    if let s = rowSources(r).first(where: { $0.span != nil })?.sentence { t.rows[r][sc] = s }
                }
            }
            return Array(([t.header] + t.rows).map(FigureFiles.csvLine).joined().utf8)
        }
        var lines = [[categoryHeader, "series", "plotted", "value", "text", "file", "start", "end", "sentence"]]
        for (r, c) in categories.enumerated() {
            for (k, s) in series.enumerated() where r < s.values.count {
                guard let v = s.values[r] else { continue }
                let name = seriesNames.flatMap { k < $0.count ? $0[k] : nil } ?? s.name
                // A running total carried over a period without facts of its own has no line of text.
                if s.sources[r].isEmpty { lines.append([c, name, Self.number(v), "", "", "", "", "", ""]) }
                for ref in s.sources[r] {
                    let own = ref.value.map(Self.number) ?? ""
                    lines.append([c, name, Self.number(v), own, ref.text] + Array(ref.csvCells.prefix(3)) + [ref.sentence])
                }
            }
        }
        return Array(lines.map(FigureFiles.csvLine).joined().utf8)
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

extension ChartData {
    /// Reads a user's CSV: the first column names the categories, each further column (other
    /// than the provenance columns) is a series. A row citing `file,start,end` is checked against
    /// that article's text (`CitationCheck`); `articles` are the build's articles, by which a
    /// cited file is found when its path is not found as written.
    public static func csv(_ path: String, articles: [String] = [], check: Bool = true) throws(BuildError) -> ChartData {
        let table = try DataTable.load(path)
        let categories = table.rows.map { row in
            let c = row[0]
            return c.first == " " || c.last == " " ? c.trimmingCharacters(in: .whitespaces) : c
        }
        let checker = CitationCheck(csvPath: path, articles: articles)
        var rowRefs: [[SourceRef]] = []
        var warnings: [String] = []
        var cited = Set<String>()
        for r in table.rows.indices {
            var refs: [SourceRef] = []
            let file = table.cell(row: r, named: "file") ?? ""
            if !file.isEmpty {
                let start = Int(table.cell(row: r, named: "start") ?? "")
                let end = Int(table.cell(row: r, named: "end") ?? "")
                var ref = SourceRef(file: file, span: start.flatMap { s in end.map { s..<max(s, $0) } },
                                    sentence: table.cell(row: r, named: "sentence") ?? "")
                if check {
                    var values: [(value: Double, header: String)] = []
                    for c in table.seriesColumns { if let v = try table.number(row: r, column: c) { values.append((v, table.header[c])) } }
                    let result = checker.check(&ref, values: values, line: table.lines[r], category: categories[r])
                    warnings += result.warnings
                    if let a = result.article { cited.insert(a) }
                }
                refs.append(ref)
            } else if let note = table.cell(row: r, named: "note"), !note.isEmpty {
                refs.append(SourceRef(file: "（用户数据）\(path):\(table.lines[r])", span: nil, sentence: note))
            }
            rowRefs.append(refs)
        }
        var series: [Series] = []
        for col in table.seriesColumns {
            var values: [Double?] = []
            for r in table.rows.indices { values.append(try table.number(row: r, column: col)) }
            series.append(Series(name: table.header[col], values: values, sources: values.indices.map { values[$0] == nil ? [] : rowRefs[$0] }))
        }
        guard !series.isEmpty else {
            throw .data(path: path, line: 1, field: nil, message: "no number columns; after the category column give at least one column of values")
        }
        var d = ChartData(categoryHeader: table.header.first ?? "项目", categories: categories, series: series, origin: path)
        d.table = table
        d.warnings = warnings
        d.articles = cited.sorted()
        return d
    }
}
