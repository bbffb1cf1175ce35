import Foundation

/// One fact with every place it was read, across documents.
public struct MergedFact: Sendable {
    public enum Kind: String, Sendable { case money, date, count }
    public var kind: Kind
    /// value_yuan, resolved date or count value, as the JSON shows it.
    public var key: String
    public var money: MoneyFact?
    public var date: DateFact?
    public var count: CountFact?
    public var sources: [Provenance]
}

/// Merges the facts of documents that carry the same article (a web page and its PDF, a wire
/// story and its reprint) so each fact appears once and cites every copy.
///
/// Two documents are copies when most of their fact keys (type + value + unit or resolved
/// date) coincide. Within copies, the k-th mention of a key in one aligns with the k-th in the
/// other: paragraph order may differ between a web page and its PDF, the mentions per key do
/// not. Mentions within one document (a title repeating a body figure) stay separate entries.
public enum FactMerger {
    static func keys(_ d: DocumentFacts) -> [String] {
        d.money.map { "m:\($0.valueYuan)" } + d.dates.map { "d:\($0.resolved):\($0.precision)" } + d.counts.map { "c:\($0.value)\($0.unit)" }
    }

    /// Share of fact keys two documents have in common (multiset overlap / larger size).
    public static func similarity(_ a: DocumentFacts, _ b: DocumentFacts) -> Double {
        var ca: [String: Int] = [:], cb: [String: Int] = [:]
        for k in keys(a) { ca[k, default: 0] += 1 }
        for k in keys(b) { cb[k, default: 0] += 1 }
        let common = ca.reduce(0) { $0 + min($1.value, cb[$1.key] ?? 0) }
        let size = max(keys(a).count, keys(b).count)
        return size == 0 ? 0 : Double(common) / Double(size)
    }

    /// Groups of document indices that are copies of one article.
    public static func clusters(_ docs: [DocumentFacts], threshold: Double = 0.7) -> [[Int]] {
        var parent = Array(docs.indices)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { i = parent[i] }; return i }
        for i in docs.indices {
            for j in docs.indices where j > i && similarity(docs[i], docs[j]) >= threshold {
                parent[root(j)] = root(i)
            }
        }
        return Dictionary(grouping: docs.indices, by: root).values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    public static func merge(_ docs: [DocumentFacts]) -> (facts: [MergedFact], copies: [[String]]) {
        var out: [MergedFact] = []
        let groups = clusters(docs)
        for g in groups {
            // The first document of a group leads; the others' mentions attach to its facts.
            var index: [String: [Int]] = [:]  // key -> fact positions in `out`, in mention order
            for (n, di) in g.enumerated() {
                let d = docs[di]
                var seen: [String: Int] = [:]
                func place(_ key: String, _ make: () -> MergedFact, _ src: Provenance) {
                    let k = seen[key, default: 0]
                    seen[key] = k + 1
                    if n > 0, let slots = index[key], k < slots.count {
                        out[slots[k]].sources.append(src)
                    } else {
                        out.append(make())
                        index[key, default: []].append(out.count - 1)
                    }
                }
                for m in d.money { place("m:\(m.valueYuan)", { MergedFact(kind: .money, key: fmt(m.valueYuan), money: m, sources: [m.source]) }, m.source) }
                for x in d.dates { place("d:\(x.resolved):\(x.precision)", { MergedFact(kind: .date, key: x.resolved, date: x, sources: [x.source]) }, x.source) }
                for c in d.counts { place("c:\(c.value)\(c.unit)", { MergedFact(kind: .count, key: fmt(c.value) + c.unit, count: c, sources: [c.source]) }, c.source) }
            }
        }
        return (out, groups.filter { $0.count > 1 }.map { $0.map { docs[$0].doc } })
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    /// `facts.json`: the documents read, which are copies of one another, and every fact once
    /// with all its sources.
    public static func factsJSON(_ docs: [DocumentFacts]) throws -> Data {
        let (facts, copies) = merge(docs)
        func src(_ p: Provenance) -> JSONValue {
            var o = FactsJSON.provenance(p)
            o.add("file", p.file)
            return o.value
        }
        let list: [JSONValue] = facts.map { f in
            var o = JSONObjectBuilder()
            o.add("type", f.kind.rawValue); o.add("sources", .array(f.sources.map(src)))
            if let m = f.money {
                o.add("value_yuan", m.valueYuan); o.add("kind", m.kind); o.add("category", m.category); o.add("subject", m.subject)
                o.add("approx", m.approx)
                if let l = m.lowYuan, let h = m.highYuan { o.add("low_yuan", l); o.add("high_yuan", h) }
            }
            if let d = f.date {
                o.add("resolved", d.resolved); o.add("precision", d.precision); o.add("milestone", d.milestone); o.add("event", d.event)
                o.add("category", d.category); o.add("modifier", d.modifier); o.add("resolved_end", d.resolvedEnd)
            }
            if let c = f.count {
                o.add("value", c.value); o.add("unit", c.unit); o.add("category", c.category); o.add("subject", c.subject)
                o.add("approx", c.approx)
            }
            return o.value
        }
        let documents: [JSONValue] = docs.map { d in
            var o = JSONObjectBuilder()
            o.add("doc", d.doc); o.add("path", d.path); o.add("reference_date", d.referenceDate.map(JSONValue.string) ?? .null)
            o.add("reference_date_note", d.referenceDateNote); o.add("encoding", d.encoding)
            o.add("money", d.money.count); o.add("dates", d.dates.count); o.add("counts", d.counts.count)
            o.add("warnings", .array(d.warnings.map(JSONValue.string)))
            return o.value
        }
        var root = JSONObjectBuilder()
        root.add("documents", .array(documents))
        root.add("copies", .array(copies.map { .array($0.map(JSONValue.string)) }))
        root.add("facts", .array(list))
        return Data(try JSONText.pretty(root.value))
    }
}
