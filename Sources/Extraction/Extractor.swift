import Foundation

/// Reads money, dates and counts from one Chinese article, each with its provenance.
public struct Extractor: Sendable {
    /// Overrides the date found in the text (`--reference-date`).
    public var referenceDate: ReferenceDate?

    public init(referenceDate: ReferenceDate? = nil) { self.referenceDate = referenceDate }

    /// Reads, decodes and extracts a file.
    public func extract(file path: String) throws -> DocumentFacts {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExtractionError.unreadable(path)
        }
        let (text, enc) = try TextDecoder.decode([UInt8](data), file: path)
        var facts = extract(text: text, path: path)
        facts.encoding = enc.rawValue
        return facts
    }

    public func extract(text: String, path: String) -> DocumentFacts {
        let doc = (path as NSString).lastPathComponent
        let n = NormalizedText(text)
        let t = n.text
        var warnings: [String] = []
        let (ref, note) = referenceDate.map { ($0, "given with --reference-date") } ?? Self.findReferenceDate(n)
        let reference: ReferenceDate
        if let ref { reference = ref } else {
            reference = ReferenceDate(year: 2000)
            warnings.append("\(doc): no date line or year found; relative dates (今年, 去年) cannot be resolved reliably. Pass --reference-date YYYY-MM-DD")
        }
        if ref != nil, referenceDate == nil, reference.month == nil {
            warnings.append("\(doc): no date line; reference year \(reference.year) inferred from the years the text names (\(note)). Pass --reference-date to set it")
        }
        let sentences = Sentences.split(t)
        let dates = DateRecognizer(t: t, ref: reference)
        let quantities = QuantityRecognizer(t: t)
        var out = DocumentFacts(doc: doc, path: path, referenceDate: ref?.description, referenceDateNote: note, encoding: "UTF-8",
                                money: [], dates: [], counts: [], warnings: warnings)
        for (si, s) in sentences.enumerated() {
            let found = dates.sentence(s)
            let quantities = quantities.sentence(s, skipping: found.map(\.range))
            if found.isEmpty && quantities.isEmpty { continue }  // most sentences: no strings built
            let sentenceText = t.string(s)
            let sentenceCategory = Lexicon.category(t, s)
            func provenance(_ r: Range<Int>) -> Provenance {
                let src = n.sourceRange(r)
                return Provenance(file: doc, start: src.lowerBound, end: src.upperBound, text: n.sourceString(src), sentence: sentenceText)
            }
            for d in found {
                let clause = Self.clause(t, around: d.range, in: s)
                let milestone = Self.isMilestone(d, t, clause: clause, sentence: s)
                out.dates.append(DateFact(
                    resolved: d.resolved, resolvedEnd: d.resolvedEnd, precision: d.precision, modifier: d.modifier,
                    milestone: milestone, event: Self.eventLabel(t, d.range, s, dates: found.map(\.range)), category: sentenceCategory,
                    source: provenance(d.range)))
            }
            let previous = si > 0 ? sentences[si - 1] : 0..<0
            for q in quantities {
                switch q {
                case .money(let m):
                    let clause = Self.clause(t, around: m.range, in: s)
                    let clauseCategory = Lexicon.category(t, clause)
                    out.money.append(MoneyFact(
                        valueYuan: m.value, lowYuan: m.low, highYuan: m.high, approx: m.approx,
                        kind: Lexicon.moneyKind(t, clause: clause, sentence: s),
                        category: clauseCategory == "综合" ? sentenceCategory : clauseCategory,
                        subject: Self.subject(t, m.range, s, previous: previous), source: provenance(m.range)))
                case .count(let c):
                    out.counts.append(CountFact(
                        value: c.value, unit: c.unit, approx: c.approx, category: sentenceCategory,
                        subject: Self.subject(t, c.range, s, previous: previous), source: provenance(c.range)))
                }
            }
        }
        return out
    }

    // MARK: - Reference date

    /// A date line (`时间:2020-10-28 16:33`, `发布日期：2020年10月28日`, `16.07.2016 04:38`) near the
    /// top; otherwise the latest year the text names outside plans and targets.
    static func findReferenceDate(_ n: NormalizedText) -> (ReferenceDate?, String) {
        let t = n.text
        let head = min(t.count, 600)
        for i in 0..<head where isDigit(t[i]) && (i == 0 || !isDigit(t[i - 1])) {
            // ISO date followed by a clock time, or after a 时间/日期 label.
            let labelled = ["时间", "日期", "发布"].contains { w in
                (max(0, i - 6)..<i).contains { t.has(scalars(w), at: $0) }
            }
            if let d = isoDate(t, i), labelled || (d.end < t.count && t[d.end] == " " && d.end + 3 < t.count && isDigit(t[d.end + 1])) {
                return (ReferenceDate(year: d.y, month: d.m, day: d.d), "date line")
            }
            if labelled, let m = DateRecognizer(t: t, ref: ReferenceDate(year: 2000)).match(at: i, limit: t.count, carry: nil), m.day != nil {
                return (ReferenceDate(year: m.year, month: m.month, day: m.day), "date line")
            }
            // 16.07.2016 04:38 (day.month.year, as some sites print it)
            if let (d, j) = twoDigits(t, i), j < t.count, t[j] == ".", let (mo, k) = twoDigits(t, j + 1), k < t.count, t[k] == ".",
               k + 4 < t.count, let y = Int(t.string((k + 1)..<(k + 5))), (1900...2100).contains(y), (1...12).contains(mo), (1...31).contains(d) {
                return (ReferenceDate(year: y, month: mo, day: d), "date line")
            }
        }
        var years: [Int] = []
        let targets = ["到", "至", "预计", "计划", "力争", "争取", "目标", "前", "截至"].map(scalars)
        for i in 0..<max(0, t.count - 4) where isDigit(t[i]) && (i == 0 || !isDigit(t[i - 1])) {
            guard (0..<4).allSatisfy({ isDigit(t[i + $0]) }), i + 4 < t.count, t[i + 4] == "年",
                  let y = Int(t.string(i..<(i + 4))), (1900...2100).contains(y) else { continue }
            if targets.contains(where: { i - $0.count >= 0 && t.has($0, at: i - $0.count) }) { continue }
            years.append(y)
        }
        if let y = years.max() { return (ReferenceDate(year: y), "latest year named: \(y)") }
        return (nil, "none found")
    }

    static func isoDate(_ t: [Unicode.Scalar], _ i: Int) -> (y: Int, m: Int, d: Int, end: Int)? {
        guard i + 10 <= t.count, let y = Int(t.string(i..<(i + 4))), t[i + 4] == "-" || t[i + 4] == "/",
              let (m, j) = twoDigits(t, i + 5), j < t.count, t[j] == t[i + 4], let (d, k) = twoDigits(t, j + 1),
              (1...12).contains(m), (1...31).contains(d), (1900...2100).contains(y) else { return nil }
        return (y, m, d, k)
    }

    static func twoDigits(_ t: [Unicode.Scalar], _ i: Int) -> (Int, Int)? {
        var j = i, v = 0
        while j < t.count, j - i < 2, isDigit(t[j]) { v = v * 10 + Int(t[j].value - 48); j += 1 }
        return j > i ? (v, j) : nil
    }

    // MARK: - Context

    static let clauseMarks: Set<Unicode.Scalar> = ["，", ",", "；", ";", "：", ":", "。", "！", "？", "!", "?"]

    /// The clause (between commas) around `r`, within sentence `s`.
    static func clause(_ t: [Unicode.Scalar], around r: Range<Int>, in s: Range<Int>) -> Range<Int> {
        var a = r.lowerBound
        while a > s.lowerBound, !clauseMarks.contains(t[a - 1]) { a -= 1 }
        var b = r.upperBound
        while b < s.upperBound, !clauseMarks.contains(t[b]) { b += 1 }
        return a..<b
    }

    /// A single dated happening: not a period (年度, 截至, 以来), a statistic (累计, 销售额), a plan
    /// (即将, 确保) or page metadata (an ISO timestamp); a full day date almost always is one; a
    /// month or year needs an event verb — in its sentence for months, in its clause (or the next
    /// one, when the date stands alone: `2015年，全面启动了…`) for years.
    static func isMilestone(_ d: DateMatch, _ t: [Unicode.Scalar], clause: Range<Int>, sentence: Range<Int>) -> Bool {
        if d.modifier == "截至" || d.modifier == "以来" { return false }
        if t[d.range].contains("-") || t[d.range].last == "度" { return false }
        var window = clause
        if clause.count - d.range.count < 10, clause.upperBound < sentence.upperBound {
            var b = clause.upperBound + 1
            while b < sentence.upperBound, !clauseMarks.contains(t[b]) { b += 1 }
            window = clause.lowerBound..<b
        }
        if Lexicon.planWords.contains(where: { t.contains($0, in: window) }) { return false }
        if Lexicon.statisticWords.contains(where: { t.contains($0, in: window) }) { return false }
        switch d.precision {
        case "day", "day-range": return true
        case "month", "month-early", "month-mid", "month-late": return Lexicon.eventVerbs.contains { t.contains($0, in: sentence) }
        default: return Lexicon.eventVerbs.contains { t.contains($0, in: window) }
        }
    }

    /// A short label for the happening a date names: its clause with every date cut out; when
    /// that is short or has no event verb (`2015年10月、11月，…举行`, `指挥部在2015年，全面启动…`),
    /// the next clause joins it, or the previous one when the date's clause ends the sentence.
    static func eventLabel(_ t: [Unicode.Scalar], _ r: Range<Int>, _ s: Range<Int>, dates: [Range<Int>]) -> String {
        func clauseBounds(_ a0: Int) -> Range<Int> {
            var a = a0, b = a0
            while a > s.lowerBound, !clauseMarks.contains(t[a - 1]) { a -= 1 }
            while b < s.upperBound, !clauseMarks.contains(t[b]) { b += 1 }
            return a..<b
        }
        func content(_ c: Range<Int>) -> [Unicode.Scalar] {
            var out: [Unicode.Scalar] = []
            for i in c where !dates.contains(where: { $0.contains(i) }) && t[i] != "、" { out.append(t[i]) }
            while let f = out.first, leadingParticles.contains(f) { out.removeFirst() }
            while let l = out.last, trailingParticles.contains(l) { out.removeLast() }
            return out
        }
        func hasVerb(_ x: [Unicode.Scalar]) -> Bool { Lexicon.eventVerbs.contains { x.contains($0, in: 0..<x.count) } }
        let own = clauseBounds(r.lowerBound)
        var label = content(own)
        if label.count < 8 || !hasVerb(label) {
            if own.upperBound < s.upperBound, t[own.upperBound] != "。" {
                let next = content(clauseBounds(own.upperBound + 1))
                label = label.count < 3 ? next : label + ["，"] + next
            } else if own.lowerBound > s.lowerBound + 1 {
                let prev = content(clauseBounds(own.lowerBound - 2))
                label = prev + (label.isEmpty ? [] : ["，"] + label)
            }
        }
        return trimLabel(String(String.UnicodeScalarView(label)), 28)
    }

    static let leadingParticles = Set("在于至到从由、，,的了是继".unicodeScalars)
    static let trailingParticles = Set("在于至到从由、，,的了后".unicodeScalars)

    static let demonstratives = ["这项", "该项", "此项", "这一", "该", "这些", "此"].map(scalars)

    /// What an amount or count is about: the words after 用于, the clause around it, or, for
    /// `这项工程共投入…`, the project named in the previous sentence.
    static func subject(_ t: [Unicode.Scalar], _ r: Range<Int>, _ s: Range<Int>, previous p: Range<Int>) -> String {
        let clause = t.string(Self.clause(t, around: r, in: s))
        if let range = clause.range(of: "用于") {
            return trimLabel(String(clause[range.upperBound...]), 24)
        }
        var a = r.lowerBound
        while a > s.lowerBound, !clauseMarks.contains(t[a - 1]) { a -= 1 }
        if demonstratives.contains(where: { t.has($0, at: a) }) || (a == s.lowerBound && demonstratives.contains(where: { t.has($0, at: s.lowerBound) })) {
            if let name = lastProjectName(t.string(p)) { return name }
        }
        let before = t.string(a..<r.lowerBound), after = t.string(r.upperBound..<Self.clauseEnd(t, r, s))
        let joined = (before + after).replacingOccurrences(of: "共", with: "")
        return trimLabel(joined, 24)
    }

    static func clauseEnd(_ t: [Unicode.Scalar], _ r: Range<Int>, _ s: Range<Int>) -> Int {
        var b = r.upperBound
        while b < s.upperBound, !clauseMarks.contains(t[b]) { b += 1 }
        return b
    }

    /// The last quoted name (“天网工程”) or word ending in 工程/项目/计划 in a sentence.
    static func lastProjectName(_ s: String) -> String? {
        var found: String?
        var cur: String?
        for ch in s {
            if ch == "“" { cur = "" } else if ch == "”" { if let c = cur, !c.isEmpty { found = c }; cur = nil } else if cur != nil { cur?.append(ch) }
        }
        if let f = found { return f }
        for suffix in ["工程", "项目", "计划"] {
            if let r = s.range(of: suffix, options: .backwards) {
                let head = s[..<r.lowerBound].suffix(6)
                return String(head) + suffix
            }
        }
        return nil
    }

    static func trimLabel(_ s: String, _ max: Int) -> String {
        var x = s.trimmingCharacters(in: CharacterSet(charactersIn: " 　,，、。:：;；\"“”的了"))
        for lead in ["共", "累计", "投入", "安排", "达到", "达", "约", "有", "为"] where x.hasPrefix(lead) && x.count > lead.count + 2 {
            x = String(x.dropFirst(lead.count))
        }
        return x.count > max ? String(x.prefix(max)) + "…" : x
    }
}

public enum ExtractionError: Error, CustomStringConvertible {
    case unreadable(String)
    public var description: String {
        switch self { case .unreadable(let p): return "cannot read \(p): no such file or permission denied" }
    }
}
