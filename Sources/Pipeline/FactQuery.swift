import Charts
import Extraction
import Foundation
import Yams

/// One selection of extracted facts, written the same way wherever facts are used: a timeline's
/// `facts:`, a briefing value's `fact:` and a chart's `data: {facts: …}`.
///
/// ```yaml
/// {docs: ["000_*.txt"], type: money, kind: [aid, aid-plan], category: 民生, subject: 安居,
///  keywords: [电商, 网上商城], exclude: [累计], unit: 个, from: 2015-01, to: 2015-12, milestone: true,
///  precision: [month, day], text: 8000万元, value: 80000000, at: "000_….txt:2481"}
/// ```
/// Every key narrows the selection; lists mean "any of". Words of `subject` must all occur in
/// the fact's subject or sentence; one of `keywords` must occur in its subject, event or sentence;
/// none of `exclude` may. `from`/`to` compare the fact's date: a date fact's own, else the date
/// its sentence gives, else its article's. Unknown keys are errors with a suggestion, and a
/// document pattern that matches no article of the build is an error naming it.
public struct FactQuery: Sendable, Hashable {
    public var docs: [String]?
    public var type: MergedFact.Kind?
    public var kinds: [String]?
    public var categories: [String]?
    public var subject: [String]?
    public var keywords: [String]?
    public var exclude: [String]?
    public var unit: String?
    public var from: ChartDate?
    public var to: ChartDate?
    public var milestone: Bool?
    /// year, month or day: how precisely the fact's date is known.
    public var precision: [String]?
    public var text: String?
    public var value: Double?
    /// `file:start`: the one fact read at that offset (as an ambiguity error lists them).
    public var at: String?
    /// Where the query was written, for messages.
    public var path: String = ""
    public var line: Int?
    public var field: String = "facts"

    public init(docs: [String]? = nil, type: MergedFact.Kind? = nil, kinds: [String]? = nil, categories: [String]? = nil,
                subject: [String]? = nil, keywords: [String]? = nil, exclude: [String]? = nil, unit: String? = nil,
                from: ChartDate? = nil, to: ChartDate? = nil, milestone: Bool? = nil, text: String? = nil, value: Double? = nil) {
        self.docs = docs; self.type = type; self.kinds = kinds; self.categories = categories; self.subject = subject
        self.keywords = keywords; self.exclude = exclude; self.unit = unit; self.from = from; self.to = to
        self.milestone = milestone; self.text = text; self.value = value
    }

    public static let keys: [String] = ["docs", "doc", "type", "kind", "category", "categories", "subject", "keywords", "keyword",
                                        "exclude", "unit", "from", "to", "milestone", "precision", "text", "value", "at"]
    static let kindsKnown = MoneyFact.kinds.map(\.key)

    /// Reads a query from YAML; every problem is returned (with its line) rather than the first.
    public static func parse(_ node: Node, path: String, field: String) -> (FactQuery?, [BuildError]) {
        var problems: [BuildError] = []
        func problem(_ n: Node?, _ f: String, _ m: String) {
            problems.append(.at(path: path, line: n?.mark?.line ?? node.mark?.line ?? 1, column: n?.mark?.column ?? 1, field: f, message: m))
        }
        guard let m = node.mapping else {
            problem(node, field, "give a mapping, e.g. {docs: [\"*.txt\"], type: money, kind: aid}")
            return (nil, problems)
        }
        var q = FactQuery()
        q.path = path; q.line = node.mark?.line; q.field = field
        func words(_ n: Node, _ key: String) -> [String]? {
            if let s = n.string, n.scalar != nil { return [s] }
            if let seq = n.sequence, seq.allSatisfy({ $0.string != nil && $0.scalar != nil }) { return seq.compactMap(\.string) }
            problem(n, "\(field).\(key)", "give a word or a list of words"); return nil
        }
        func date(_ n: Node, _ key: String) -> ChartDate? {
            guard let s = n.string, let d = ChartDate(parsing: s) else {
                problem(n, "\(field).\(key)", "\"\(n.string ?? "?")\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"); return nil
            }
            return d
        }
        for (k, v) in m {
            let key = k.string ?? ""
            switch key {
            case "docs", "doc": q.docs = (q.docs ?? []) + (words(v, key) ?? [])
            case "type":
                if let s = v.string, let t = MergedFact.Kind(rawValue: s) { q.type = t } else {
                    problem(v, "\(field).type", "\"\(v.string ?? "?")\" is not money, count or date")
                }
            case "kind":
                q.kinds = words(v, key)
                for w in q.kinds ?? [] where !kindsKnown.contains(w) {
                    problem(v, "\(field).kind", "\"\(w)\" is not a kind the extractor gives; did you mean \"\(closestKey(to: w, in: kindsKnown))\"? (\(kindsKnown.joined(separator: ", ")))")
                }
            case "category", "categories": q.categories = words(v, key)
            case "subject": q.subject = words(v, key)
            case "keywords", "keyword": q.keywords = words(v, key)
            case "exclude": q.exclude = words(v, key)
            case "unit": q.unit = v.string
            case "from": q.from = date(v, key)
            case "to": q.to = date(v, key)
            case "milestone":
                if let b = v.bool { q.milestone = b } else { problem(v, "\(field).milestone", "expected true or false") }
            case "precision":
                q.precision = words(v, key)
                for w in q.precision ?? [] where !["year", "month", "day"].contains(w) {
                    problem(v, "\(field).precision", "\"\(w)\" is not year, month or day")
                }
            case "text": q.text = v.string
            case "at":
                if let a = v.string, let c = a.lastIndex(of: ":"), Int(a[a.index(after: c)...]) != nil { q.at = a } else {
                    problem(v, "\(field).at", "give file:offset, e.g. at: \"000.txt:2481\"")
                }
            case "value":
                if let d = v.float ?? v.int.map(Double.init), d.isFinite { q.value = d } else { problem(v, "\(field).value", "expected a number") }
            default:
                problem(k, "\(field).\(key)", "unknown key; did you mean \"\(closestKey(to: key, in: keys))\"? (keys: \(keys.joined(separator: ", ")))")
            }
        }
        return (problems.isEmpty ? q : nil, problems)
    }

    func fail(_ message: String) -> BuildError {
        .data(path: path, line: line, field: field, message: message)
    }

    /// The facts that match, in the order the articles give them.
    public func select(_ base: FactBase) throws(BuildError) -> [MergedFact] {
        var docNames: Set<String>?
        if let docs {
            var names = Set<String>()
            for pattern in docs {
                let p = (pattern as NSString).lastPathComponent
                let hit = base.documents.filter { fnmatch(p, $0, 0) == 0 }
                if hit.isEmpty {
                    let near = closestKey(to: p, in: base.documents)
                    throw fail("\"\(pattern)\" matches no article of this build" + (near.isEmpty ? " (it reads none)" : "; the articles are \(base.documents.prefix(6).joined(separator: ", ")) — did you mean \"\(near)\"?"))
                }
                names.formUnion(hit)
            }
            docNames = names
        }
        return base.facts.filter { f in
            if let docNames, !f.sources.contains(where: { docNames.contains($0.file) }) { return false }
            if let type, f.kind != type { return false }
            if let kinds, !kinds.contains(f.money?.kind ?? "") { return false }
            if let categories, !categories.contains(FactBase.category(f)) { return false }
            let subj = FactBase.subject(f)
            let sentence = f.sources.first?.sentence ?? ""
            if let subject, !subject.allSatisfy({ subj.contains($0) || sentence.contains($0) }) { return false }
            if let keywords, !keywords.contains(where: { subj.contains($0) || sentence.contains($0) }) { return false }
            if let exclude, exclude.contains(where: { subj.contains($0) || sentence.contains($0) }) { return false }
            if let unit, f.count?.unit != unit { return false }
            if let milestone, (f.date?.milestone ?? false) != milestone { return false }
            if let at, !f.sources.contains(where: { "\($0.file):\($0.start)" == at || "\(($0.file as NSString).lastPathComponent):\($0.start)" == at }) { return false }
            if let text, !f.sources.contains(where: { $0.text.contains(text) }) { return false }
            if let value, let v = FactBase.value(f), abs(v - value) > max(0.5, abs(value) * 1e-9) { return false }
            if let value, FactBase.value(f) == nil { return false }
            if let precision {
                guard let d = base.date(of: f), precision.contains(d.precision.rawValue) else { return false }
            }
            if from != nil || to != nil {
                guard let d = base.date(of: f) else { return false }
                if let from, d.startDay < from.startDay { return false }
                if let to, d.startDay >= to.endDay { return false }
            }
            return true
        }
    }

    /// Exactly one fact; none or several is an error, and several are listed (file:offset, text).
    public func one(_ base: FactBase) throws(BuildError) -> MergedFact {
        let found = try select(base)
        guard found.count == 1, let f = found.first else {
            if found.isEmpty { throw fail("no extracted fact matches; loosen docs/type/unit/subject (the facts are listed in out/facts.json)") }
            let shown = found.prefix(6).map { f in
                let s = f.sources.first
                return "\(s?.file ?? "?"):\(s?.start ?? 0) “\(s?.text ?? "")”（\(FactBase.subject(f))）"
            }
            throw fail("\(found.count) facts match: \(shown.joined(separator: "; "))\(found.count > 6 ? " …" : ""); add subject:, unit: or text:, or pick one with at: file:offset")
        }
        return f
    }
}
