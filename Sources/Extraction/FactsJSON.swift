import Foundation

/// Output in the scorer's schema (`../shared/eval/README.md`) plus subject, kind, category,
/// milestone, event and sentence: one record per document.
public enum FactsJSON {
    public static func object(_ d: DocumentFacts) -> [String: Any] {
        func prov(_ p: Provenance) -> [String: Any] { ["text": p.text, "start": p.start, "end": p.end, "sentence": p.sentence] }
        func merge(_ a: [String: Any], _ b: [String: Any?]) -> [String: Any] {
            var out = a
            for (k, v) in b { if let v { out[k] = v } }
            return out
        }
        return [
            "doc": d.doc, "reference_date": d.referenceDate ?? NSNull(), "reference_date_note": d.referenceDateNote,
            "encoding": d.encoding,
            "money": d.money.map { m in merge(prov(m.source), [
                "value_yuan": m.valueYuan, "low_yuan": m.lowYuan, "high_yuan": m.highYuan, "approx": m.approx,
                "kind": m.kind, "category": m.category, "subject": m.subject]) },
            "dates": d.dates.map { x in merge(prov(x.source), [
                "resolved": x.resolved, "resolved_end": x.resolvedEnd, "precision": x.precision, "modifier": x.modifier,
                "milestone": x.milestone, "event": x.event, "category": x.category]) },
            "counts": d.counts.map { c in merge(prov(c.source), [
                "value": c.value, "unit": c.unit, "approx": c.approx, "category": c.category, "subject": c.subject]) },
        ]
    }

    public static func encode(_ docs: [DocumentFacts]) throws -> Data {
        Data(try JSONText.pretty(docs.map(object)))
    }
}
