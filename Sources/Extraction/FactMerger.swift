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
        func src(_ p: Provenance) -> [String: Any] { ["file": p.file, "start": p.start, "end": p.end, "text": p.text, "sentence": p.sentence] }
        let list: [[String: Any]] = facts.map { f in
            var o: [String: Any] = ["type": f.kind.rawValue, "sources": f.sources.map(src)]
            if let m = f.money {
                o["value_yuan"] = m.valueYuan; o["kind"] = m.kind; o["category"] = m.category; o["subject"] = m.subject
                if let a = m.approx { o["approx"] = a }
                if let l = m.lowYuan, let h = m.highYuan { o["low_yuan"] = l; o["high_yuan"] = h }
            }
            if let d = f.date {
                o["resolved"] = d.resolved; o["precision"] = d.precision; o["milestone"] = d.milestone; o["event"] = d.event
                o["category"] = d.category
                if let m = d.modifier { o["modifier"] = m }
                if let e = d.resolvedEnd { o["resolved_end"] = e }
            }
            if let c = f.count {
                o["value"] = c.value; o["unit"] = c.unit; o["category"] = c.category; o["subject"] = c.subject
                if let a = c.approx { o["approx"] = a }
            }
            return o
        }
        let documents: [[String: Any]] = docs.map { d in
            ["doc": d.doc, "path": d.path, "reference_date": d.referenceDate ?? NSNull(), "reference_date_note": d.referenceDateNote,
             "encoding": d.encoding, "money": d.money.count, "dates": d.dates.count, "counts": d.counts.count, "warnings": d.warnings]
        }
        let root: [String: Any] = ["documents": documents, "copies": copies, "facts": list]
        return Data(try JSONText.pretty(root))
    }
}
