import Foundation

/// Output in the scorer's schema (`../shared/eval/README.md`) plus subject, kind, category,
/// milestone, event and sentence: one record per document. Built as a typed `JSONValue`: a
/// 10 MB article has hundreds of thousands of facts.
public enum FactsJSON {
    static func provenance(_ p: Provenance) -> JSONObjectBuilder {
        var o = JSONObjectBuilder()
        o.add("text", p.text); o.add("start", p.start); o.add("end", p.end); o.add("sentence", p.sentence)
        return o
    }

    public static func value(_ d: DocumentFacts) -> JSONValue {
        var doc = JSONObjectBuilder()
        doc.add("doc", d.doc)
        doc.add("reference_date", d.referenceDate.map(JSONValue.string) ?? .null)
        doc.add("reference_date_note", d.referenceDateNote)
        doc.add("encoding", d.encoding)
        doc.add("money", .array(d.money.map { m in
            var o = provenance(m.source)
            o.add("value_yuan", m.valueYuan); o.add("low_yuan", m.lowYuan); o.add("high_yuan", m.highYuan); o.add("approx", m.approx)
            o.add("kind", m.kind); o.add("category", m.category); o.add("subject", m.subject)
            return o.value
        }))
        doc.add("dates", .array(d.dates.map { x in
            var o = provenance(x.source)
            o.add("resolved", x.resolved); o.add("resolved_end", x.resolvedEnd); o.add("precision", x.precision); o.add("modifier", x.modifier)
            o.add("milestone", x.milestone); o.add("event", x.event); o.add("category", x.category)
            return o.value
        }))
        doc.add("counts", .array(d.counts.map { c in
            var o = provenance(c.source)
            o.add("value", c.value); o.add("unit", c.unit); o.add("approx", c.approx); o.add("category", c.category); o.add("subject", c.subject)
            return o.value
        }))
        return doc.value
    }

    public static func encode(_ docs: [DocumentFacts]) throws -> Data {
        Data(try JSONText.pretty(.array(docs.map(value))))
    }
}
