import Charts
import Extraction
import Foundation

/// The facts of one build, as every fact query reads them: the merged facts of all articles and
/// what is known about each article (its reference date, its title line).
public struct FactBase: Sendable {
    public var facts: [MergedFact]
    /// Article name → reference date (`2020-10-28`), the date of a fact whose sentence gives none.
    public var referenceDates: [String: String]
    /// Article names in the order the build read them.
    public var documents: [String]
    /// Article name → path, to read its headline.
    public var paths: [String: String] = [:]

    public init(facts: [MergedFact], referenceDates: [String: String] = [:], documents: [String]? = nil, paths: [String: String] = [:]) {
        self.facts = facts
        self.paths = paths
        self.referenceDates = referenceDates
        var seen = Set<String>(), names: [String] = []
        for n in documents ?? facts.flatMap({ $0.sources.map(\.file) }) where seen.insert(n).inserted { names.append(n) }
        self.documents = names
        var index: [String: [Int]] = [:]
        for (i, f) in facts.enumerated() where f.kind == .date {
            for s in f.sources { index[Self.sentenceKey(s), default: []].append(i) }
        }
        sentenceDates = index
    }

    /// Extracted documents, merged (copies of one article cite each other).
    public init(documents docs: [DocumentFacts]) {
        var refs: [String: String] = [:], paths: [String: String] = [:]
        for d in docs {
            if let r = d.referenceDate { refs[d.doc] = r }
            paths[d.doc] = d.path
        }
        self.init(facts: FactMerger.merge(docs).facts, referenceDates: refs, documents: docs.map(\.doc), paths: paths)
    }

    /// Date facts by the sentence they were read in.
    private var sentenceDates: [String: [Int]]

    static func sentenceKey(_ p: Provenance) -> String { p.file + "\u{1F}" + p.sentence }

    /// When a fact happened: its own date for a date fact; for an amount or a count the date its
    /// sentence gives (the last one before the number, else the first after it, a period's bound
    /// like 截至 included), else the article's reference date.
    public func date(of f: MergedFact) -> ChartDate? {
        if let d = f.date { return ChartDate(parsing: d.resolved) }
        guard let p = f.sources.first else { return nil }
        let inSentence = (sentenceDates[Self.sentenceKey(p)] ?? []).compactMap { i -> (Int, ChartDate)? in
            guard let d = facts[i].date, let s = facts[i].sources.first(where: { $0.file == p.file }), let c = ChartDate(parsing: d.resolved) else { return nil }
            return (s.start, c)
        }
        if let before = inSentence.filter({ $0.0 < p.start }).max(by: { $0.0 < $1.0 }) { return before.1 }
        if let after = inSentence.min(by: { $0.0 < $1.0 }) { return after.1 }
        return referenceDates[p.file].flatMap { ChartDate(parsing: String($0.prefix(10))) }
    }

    /// The subject a fact is about, as the extractor gave it (an event for a date).
    public static func subject(_ f: MergedFact) -> String { f.money?.subject ?? f.count?.subject ?? f.date?.event ?? "" }
    public static func category(_ f: MergedFact) -> String { f.money?.category ?? f.count?.category ?? f.date?.category ?? "" }
    /// The number a fact gives (元 for money); nil for a date.
    public static func value(_ f: MergedFact) -> Double? { f.money?.valueYuan ?? f.count?.value }
}
