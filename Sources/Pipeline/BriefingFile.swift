import Extraction
import Foundation
import Yams

/// The briefing as a user writes it: title block, named values (numbers drawn from charts,
/// timelines or extracted facts, each keeping its sources), key figures, and sections whose text
/// is a template over those values.
///
/// ```yaml
/// title: 援疆工作简报
/// values:
///   aksu_total: {chart: aksu-2015-funding, sum: true}
///   wushi_projects: {fact: {doc: 002.txt, type: count, unit: 个, subject: 援疆项目}}
/// keyFigures:
///   - {value: aksu_total, label: 杭州援疆资金（2015）}
/// sections:
///   - heading: 摘要
///     text: 2015年杭州援疆资金分项合计{{aksu_total}}。
///   - heading: 援疆资金
///     level: 2
///     content:
///       - figure: aksu-2015-funding
///       - table: {chart: aksu-2015-funding, total: true, share: true}
/// ```
///
/// Every problem in the file is reported at once, each with its line.
public struct BriefingFile: Sendable {
    public struct ValueRef: Sendable, Hashable {
        public enum Source: Sendable, Hashable {
            /// A row (or the sum or count of rows) of a chart's data table.
            case chart(name: String, row: String?, column: String?, aggregate: String?)
            /// The number of events of a timeline.
            case timeline(name: String)
            /// Exactly one extracted fact, picked by a `FactQuery` (document, type, unit, subject, text …).
            case fact(FactQuery)
            /// A number the user typed in, with a note saying where it comes from.
            case entered(value: Double, kind: String, unit: String, note: String)
        }
        public var name: String
        public var source: Source
        public var line: Int
    }

    public struct KeyFigureRef: Sendable, Hashable {
        public var value: String
        public var label: String
        public var line: Int
    }

    public enum Content: Sendable, Hashable {
        case text(String, line: Int)
        case bullets([String], line: Int)
        case figure(name: String, caption: String?, line: Int)
        case table(chart: String, total: Bool, share: Bool, caption: String?, line: Int)
    }

    public struct Section: Sendable, Hashable {
        public var heading: String
        public var level: Int
        public var content: [Content]
    }

    public var path: String
    public var name: String
    public var title: String
    public var subtitle: String?
    public var organisation: String?
    public var date: String?
    /// The zone the printed date is read in (`Asia/Shanghai`); nil: the machine's (`TZ` honoured).
    public var timeZone: String?
    public var keywords: [String]
    public var values: [ValueRef]
    public var keyFigures: [KeyFigureRef]
    public var sections: [Section]
    public var formats: [String]
    /// Articles to extract (resolved paths) with an optional reference date each.
    public var sources: [(path: String, referenceDate: String?)] = []
    /// Chart and timeline files (resolved paths).
    public var charts: [String] = []
    public var timelines: [String] = []

    static let topKeys: Set<String> = ["name", "title", "subtitle", "organisation", "date", "timeZone", "keywords", "values", "keyFigures", "sections", "formats", "sources", "charts", "timelines", "parameters"]
    static let sectionKeys: Set<String> = ["heading", "level", "text", "bullets", "figure", "caption", "table", "content", "sections"]
    static let formatsKnown: Set<String> = ["pdf", "html", "md", "pptx", "docx"]

    public static func load(_ path: String) throws(BuildError) -> BriefingFile {
        try parse(try SourceText.read(path, limit: 4 * 1024 * 1024).text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(BuildError) -> BriefingFile {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw .data(path: path, line: nil, field: nil, message: "YAML syntax error: \(error)")
        }
        try YAMLLimits.check(root, path: path)  // issue 18 hook: alias expansion bounded
        guard let map = root?.mapping else { throw .data(path: path, line: 1, field: nil, message: "expected a mapping (title: …, sections: …)") }
        var r = Reader(path: path)
        for (k, _) in map {
            guard let key = k.string, !topKeys.contains(key) else { continue }
            r.problem(k, key, "unknown option; did you mean \"\(closestKey(to: key, in: topKeys))\"?")
        }
        let name = map["name"]?.string ?? "briefing"
        if !OutputName.isValid(name) {
            r.problem(map["name"], "name", "give the output file stem: letters, digits, - and _ only")
        }
        let title = r.string(map, "title", required: true) ?? ""
        var values: [ValueRef] = []
        if let v = map["values"] {
            if let vm = v.mapping {
                for (k, node) in vm {
                    guard let n = k.string else { continue }
                    if let ref = r.valueRef(n, node) { values.append(ref) }
                }
            } else { r.problem(v, "values", "give a mapping of name: {chart: …} / {fact: …} / {value: …}") }
        }
        var figures: [KeyFigureRef] = []
        if let kf = map["keyFigures"] {
            for (i, item) in (r.sequence(kf, "keyFigures") ?? []).enumerated() {
                guard let m = item.mapping, let v = m["value"]?.string, let l = m["label"]?.string else {
                    r.problem(item, "keyFigures[\(i)]", "give {value: a name from values, label: 说明}"); continue
                }
                figures.append(KeyFigureRef(value: v, label: l, line: line(item)))
            }
        }
        var sections: [Section] = []
        if let s = map["sections"] {
            for (i, item) in (r.sequence(s, "sections") ?? []).enumerated() { r.section(item, "sections[\(i)]", level: 1, into: &sections) }
        } else {
            r.problem(nil, "sections", "missing: list the sections, e.g. - heading: 摘要")
        }
        let formats = map["formats"].flatMap { r.sequence($0, "formats") }?.compactMap(\.string) ?? ["pdf", "html", "md", "pptx", "docx"]
        for f in formats where !formatsKnown.contains(f) { r.problem(map["formats"], "formats", "\"\(f)\" is not one of pdf, html, md, pptx, docx") }
        // Names used before they are defined are the commonest slip; report them here too.
        let defined = Set(values.map(\.name))
        for f in figures where !defined.contains(f.value) {
            r.problems.append(.data(path: path, line: f.line, field: "keyFigures", message: "no value named \"\(f.value)\" under values"))
        }
        if let z = map["timeZone"], z.string.flatMap({ TimeZone(identifier: $0) }) == nil {
            r.problem(z, "timeZone", "\"\(z.string ?? "")\" is not a time zone; write an IANA name such as Asia/Shanghai or UTC")
        }
        let base = (path as NSString).deletingLastPathComponent
        let sources = r.sources(map["sources"], base: base)
        let charts = r.files(map["charts"], "charts", base: base, defaultFolder: "charts")
        let timelines = r.files(map["timelines"], "timelines", base: base, defaultFolder: "timelines")
        if !r.problems.isEmpty { throw r.problems.count == 1 ? r.problems[0] : .many(r.problems) }
        var file = BriefingFile(path: path, name: name, title: title, subtitle: map["subtitle"]?.string, organisation: map["organisation"]?.string,
                                date: map["date"]?.string, keywords: map["keywords"]?.sequence?.compactMap(\.string) ?? [],
                                values: values, keyFigures: figures, sections: sections, formats: formats)
        file.sources = sources
        file.timeZone = map["timeZone"]?.string
        file.charts = charts
        file.timelines = timelines
        return file
    }

    static func line(_ n: Node?) -> Int { (n?.mark?.line) ?? 1 }

    /// Walks the YAML tree collecting problems instead of stopping at the first.
    struct Reader {
        let path: String
        var problems: [BuildError] = []

        /// `sources: ["*.txt", {path: a.txt, referenceDate: 2016-02-01}]`; by default every `*.txt`
        /// beside the spec. Patterns may use `*` and `?` in the file name.
        mutating func sources(_ node: Node?, base: String) -> [(path: String, referenceDate: String?)] {
            guard let node else { return Self.glob("*.txt", base: base).map { ($0, nil) } }
            var out: [(String, String?)] = []
            for (i, item) in (sequence(node, "sources") ?? []).enumerated() {
                if let pattern = item.string {
                    let found = Self.glob(pattern, base: base)
                    if found.isEmpty { problem(item, "sources[\(i)]", "\"\(pattern)\" matches no file next to \(path)") }
                    out += found.map { ($0, nil) }
                } else if let m = item.mapping, let p = m["path"]?.string {
                    let full = Self.resolve(p, base: base)
                    if !FileManager.default.fileExists(atPath: full) { problem(m["path"], "sources[\(i)].path", "no such file: \(full)") }
                    let ref = m["referenceDate"]?.string
                    if let ref, ReferenceDate(parsing: ref) == nil { problem(m["referenceDate"], "sources[\(i)].referenceDate", "write YYYY-MM-DD, e.g. 2016-02-01") }
                    out.append((full, ref))
                } else {
                    problem(item, "sources[\(i)]", "give a file pattern (\"*.txt\") or {path: a.txt, referenceDate: 2016-02-01}")
                }
            }
            return out
        }

        /// Chart or timeline files: a list of files and folders (every *.yaml inside); by default the
        /// folder `defaultFolder` beside the spec, if it exists.
        mutating func files(_ node: Node?, _ field: String, base: String, defaultFolder: String) -> [String] {
            let entries: [(String, Node?)]
            if let node {
                entries = (sequence(node, field) ?? []).compactMap { n in
                    guard let s = n.string else { problem(n, field, "expected a file or folder name"); return nil }
                    return (s, n)
                }
            } else {
                entries = [(defaultFolder, nil)]
            }
            var out: [String] = []
            for (entry, n) in entries {
                let full = Self.resolve(entry, base: base)
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDir) {
                    if isDir.boolValue {
                        out += OutputName.yamlFiles(in: full)
                    } else { out.append(full) }
                } else if n != nil {
                    problem(n, field, "no such file or folder: \(full)")
                }
            }
            return out
        }

        static func resolve(_ p: String, base: String) -> String {
            p.hasPrefix("/") ? p : (base.isEmpty ? p : (base as NSString).appendingPathComponent(p))
        }

        static func glob(_ pattern: String, base: String) -> [String] {
            let full = resolve(pattern, base: base)
            let dir = (full as NSString).deletingLastPathComponent, name = (full as NSString).lastPathComponent
            guard name.contains("*") || name.contains("?") else { return FileManager.default.fileExists(atPath: full) ? [full] : [] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
            return names.filter { fnmatch(name, $0, 0) == 0 }.sorted().map { (dir as NSString).appendingPathComponent($0) }
        }

        mutating func problem(_ n: Node?, _ field: String, _ message: String) {
            problems.append(.at(path: path, line: BriefingFile.line(n), column: n?.mark?.column ?? 1, field: field, message: message))
        }

        mutating func string(_ m: Node.Mapping, _ key: String, required: Bool = false) -> String? {
            guard let n = m[key] else {
                if required { problem(nil, key, "missing") }
                return nil
            }
            guard let s = n.string, n.scalar != nil else { problem(n, key, "expected text"); return nil }
            return s
        }

        mutating func sequence(_ n: Node, _ field: String) -> [Node]? {
            guard let s = n.sequence else { problem(n, field, "expected a list (- item)"); return nil }
            return Array(s)
        }

        mutating func valueRef(_ name: String, _ node: Node) -> ValueRef? {
            let field = "values.\(name)"
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                problem(node, field, "value names use letters, digits and _ only (they appear in text as {{\(name)}})"); return nil
            }
            guard let m = node.mapping else { problem(node, field, "give {chart: …}, {timeline: …}, {fact: {…}} or {value: …, note: …}"); return nil }
            let known: Set<String> = ["chart", "row", "column", "sum", "count", "timeline", "fact", "value", "kind", "unit", "note"]
            for (k, _) in m where !known.contains(k.string ?? "") {
                problem(k, field, "unknown key \"\(k.string ?? "")\"; did you mean \"\(closestKey(to: k.string ?? "", in: known))\"?")
            }
            let line = BriefingFile.line(node)
            if let chart = m["chart"]?.string {
                let agg = m["sum"]?.bool == true ? "sum" : m["count"]?.bool == true ? "count" : nil
                let row = m["row"]?.string
                if agg == nil, row == nil { problem(node, field, "say which row (row: 天网工程), or sum: true, or count: true"); return nil }
                return ValueRef(name: name, source: .chart(name: chart, row: row, column: m["column"]?.string, aggregate: agg), line: line)
            }
            if let t = m["timeline"]?.string { return ValueRef(name: name, source: .timeline(name: t), line: line) }
            if let f = m["fact"] {
                let (q, qp) = FactQuery.parse(f, path: path, field: field + ".fact")
                for p in qp { problems.append(p) }
                guard let q else { return nil }
                return ValueRef(name: name, source: .fact(q), line: line)
            }
            if let v = m["value"] {
                guard let d = v.float ?? v.int.map(Double.init), d.isFinite else { problem(v, field + ".value", "expected a number"); return nil }
                guard let note = m["note"]?.string, !note.isEmpty else {
                    problem(node, field + ".note", "a typed-in number needs a note saying where it comes from"); return nil
                }
                let kind = m["kind"]?.string ?? "number"
                if !["money", "count", "number"].contains(kind) { problem(m["kind"], field + ".kind", "\"\(kind)\" is not money, count or number") }
                return ValueRef(name: name, source: .entered(value: d, kind: kind, unit: m["unit"]?.string ?? (kind == "money" ? "元" : ""), note: note), line: line)
            }
            problem(node, field, "give {chart: …}, {timeline: …}, {fact: {…}} or {value: …, note: …}")
            return nil
        }

        mutating func section(_ node: Node, _ field: String, level: Int, into out: inout [Section]) {
            guard let m = node.mapping else { problem(node, field, "expected {heading: …, text: …}"); return }
            for (k, _) in m {
                guard let key = k.string, !BriefingFile.sectionKeys.contains(key) else { continue }
                problem(k, field, "unknown key \"\(key)\"; did you mean \"\(closestKey(to: key, in: BriefingFile.sectionKeys))\"?")
            }
            guard let heading = m["heading"]?.string, !heading.isEmpty else { problem(node, field + ".heading", "missing"); return }
            var lvl = level
            if let l = m["level"] {
                if let v = l.int, (1...3).contains(v) { lvl = v } else { problem(l, field + ".level", "expected 1, 2 or 3") }
            }
            var content: [Content] = []
            if let c = m["content"] {
                // Blocks given beside `content:` (text:, figure: …) render too, before or after it
                // as they are written, never silently dropped.
                let keys = m.map { $0.key.string ?? "" }
                let own = keys.firstIndex { ["text", "bullets", "figure", "table"].contains($0) }
                let ownFirst = own.map { $0 < (keys.firstIndex(of: "content") ?? 0) } ?? false
                if ownFirst { block(m, node, field, into: &content) }
                for (i, item) in (sequence(c, field + ".content") ?? []).enumerated() {
                    guard let im = item.mapping, im.count >= 1 else { problem(item, "\(field).content[\(i)]", "expected - text: …, - figure: …, - table: … or - bullets: …"); continue }
                    block(im, item, "\(field).content[\(i)]", into: &content)
                }
                if own != nil && !ownFirst { block(m, node, field, into: &content) }
            } else {
                block(m, node, field, into: &content)
            }
            out.append(Section(heading: heading, level: lvl, content: content))
            if let subs = m["sections"] {
                for (i, s) in (sequence(subs, field + ".sections") ?? []).enumerated() { section(s, "\(field).sections[\(i)]", level: min(3, lvl + 1), into: &out) }
            }
        }

        /// The blocks a mapping names, in reading order: text, bullets, figure, table.
        mutating func block(_ m: Node.Mapping, _ node: Node, _ field: String, into content: inout [Content]) {
            if let t = m["text"] {
                if let s = t.string { content.append(.text(s, line: BriefingFile.line(t) + (t.scalar?.style == .literal || t.scalar?.style == .folded ? 1 : 0))) } else { problem(t, field + ".text", "expected text") }
            }
            if let b = m["bullets"] {
                let items = sequence(b, field + ".bullets")?.compactMap(\.string) ?? []
                content.append(.bullets(items, line: BriefingFile.line(b)))
            }
            if let f = m["figure"] {
                if let s = f.string { content.append(.figure(name: s, caption: m["caption"]?.string, line: BriefingFile.line(f))) } else { problem(f, field + ".figure", "expected the name of a chart or timeline") }
            }
            if let t = m["table"] {
                if let s = t.string {
                    content.append(.table(chart: s, total: true, share: false, caption: nil, line: BriefingFile.line(t)))
                } else if let tm = t.mapping, let chart = tm["chart"]?.string {
                    content.append(.table(chart: chart, total: tm["total"]?.bool ?? true, share: tm["share"]?.bool ?? false,
                                          caption: tm["caption"]?.string, line: BriefingFile.line(t)))
                } else { problem(t, field + ".table", "expected a chart name or {chart: …, total: true, share: true}") }
            }
        }
    }
}
