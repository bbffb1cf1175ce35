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
        let found = referenceDate.map { ArticleDate.Found(date: $0, note: "given with --reference-date", inferred: false) } ?? ArticleDate.find(n.text)
        // Page furniture is blanked into hard breaks: no fact and no sentence holds any of it.
        let mask = Furniture.mask(n.text, isPDFLike: n.isPDFLike)
        var t = n.text
        for k in t.indices where mask[k] { t[k] = "\n" }
        var warnings: [String] = []
        // An empty file, or one in another language, gives no facts: say so rather than build an
        // empty report from it without a word.
        if !n.text.contains(where: { (0x3400...0x9FFF).contains($0.value) || (0xF900...0xFAFF).contains($0.value) || (0x20000...0x3134F).contains($0.value) }) {
            warnings.append("\(doc): \(n.text.allSatisfy { $0 == "\n" || $0 == " " } ? "the file is empty" : "no Chinese text in it"); no facts can be read from it")
        }
        if let found, found.inferred {
            warnings.append("\(doc): no date line, dateline or source date; reference year \(found.date.year) inferred (\(found.note))\(found.date.month == nil ? "" : ", date \(found.date.description)"). Pass --reference-date YYYY-MM-DD to set it")
        }
        let sentences = Sentences.split(t)
        let dates = DateRecognizer(t: t, ref: found?.date)
        let quantities = QuantityRecognizer(t: t)
        var out = DocumentFacts(doc: doc, path: path, referenceDate: found?.date.description, referenceDateNote: found?.note ?? "none found", encoding: "UTF-8",
                                money: [], dates: [], counts: [], warnings: warnings)
        var unresolved: [String] = []
        // The kind of the last amount read, and whether its sentence ended a list item (；):
        // `其中：…` and the items after it break that amount down, so they are of its kind.
        var lastKind: String?, listGoesOn = false
        for (si, s) in sentences.enumerated() {
            let breaksDown = listGoesOn || t.has(Self.qizhong, at: s.lowerBound)
            listGoesOn = t[s.upperBound - 1] == "；" || t[s.upperBound - 1] == ";"
            if si > 0, !breaksDown { lastKind = nil }
            let all = dates.sentence(s)
            let quantities = quantities.sentence(s, skipping: all.map(\.range))
            let found = all.filter { !$0.unresolved }
            for u in all where u.unresolved && unresolved.count < 5 { unresolved.append(t.string(u.range)) }
            if found.isEmpty && quantities.isEmpty { continue }  // most sentences: no strings built
            let sentenceText = s.count <= Self.longSentence ? t.string(s) : ""
            let context = SentenceContext(t: t, sentence: s)
            func provenance(_ r: Range<Int>) -> Provenance {
                let src = n.sourceRange(r)
                return Provenance(file: doc, start: src.lowerBound, end: src.upperBound, text: n.sourceString(src),
                                  sentence: s.count <= Self.longSentence ? sentenceText : Self.excerpt(t, r, s))
            }
            let dateRanges = found.map(\.range)
            let quantityRanges = quantities.map(\.range)
            // `昨天(29日)`, `今天（8月9日）`, `今年（2019年）`: the date in brackets names the one
            // before it; that one is no second fact (it stays in `dateRanges`, so labels lose both).
            let glossed = Set(found.indices.filter { i in
                let e = found[i].range.upperBound
                guard e < t.count, t[e] == "(" || t[e] == "（" else { return false }
                return found.contains { $0.range.lowerBound == e + 1 && $0.range.upperBound < t.count && (t[$0.range.upperBound] == ")" || t[$0.range.upperBound] == "）") }
            })
            for (di, d) in found.enumerated() where !glossed.contains(di) {
                let clause = context.clause(around: d.range)
                let milestone = Self.isMilestone(d, t, clause: clause, sentence: s, quantities: quantityRanges)
                out.dates.append(DateFact(
                    resolved: d.resolved, resolvedEnd: d.resolvedEnd, precision: d.precision, modifier: d.modifier,
                    milestone: milestone, event: Self.eventLabel(t, d.range, s, dates: dateRanges, context: context), category: context.sentenceCategory,
                    source: provenance(d.range)))
            }
            let previous = si > 0 ? sentences[si - 1] : 0..<0
            for q in quantities {
                switch q {
                case .money(let m):
                    let clause = context.clause(around: m.range)
                    let clauseCategory = context.category(clause)
                    var kind = context.moneyKind(clause)
                    if kind == "aid", let lastKind, breaksDown || context.isComparison(clause) { kind = lastKind }
                    lastKind = kind
                    out.money.append(MoneyFact(
                        valueYuan: m.value.double, lowYuan: m.low?.double, highYuan: m.high?.double, approx: m.approx,
                        kind: kind,
                        category: clauseCategory == "综合" ? context.sentenceCategory : clauseCategory,
                        subject: Self.subject(t, m.range, s, previous: previous, context: context), source: provenance(m.range)))
                case .count(let c):
                    let clauseCategory = context.category(context.clause(around: c.range))
                    out.counts.append(CountFact(
                        value: c.value.double, unit: c.unit, approx: c.approx,
                        category: clauseCategory == "综合" ? context.sentenceCategory : clauseCategory,
                        subject: Self.countedNoun(t, c, context: context) ?? Self.subject(t, c.range, s, previous: previous, context: context), source: provenance(c.range),
                        lowValue: c.low?.double, highValue: c.high?.double))
                }
            }
        }
        if found == nil, !unresolved.isEmpty {
            out.warnings.append("\(doc): no date line, dateline, metadata, source date or year in the text: relative dates left unresolved (\(unresolved.joined(separator: "、"))). Pass --reference-date YYYY-MM-DD")
        }
        return out
    }

    /// A sentence longer than this is cited by an excerpt around each fact: a list of 4,000
    /// amounts in one sentence would otherwise repeat the whole sentence 4,000 times.
    static let longSentence = 300

    static func excerpt(_ t: [Unicode.Scalar], _ r: Range<Int>, _ s: Range<Int>) -> String {
        let a = max(s.lowerBound, r.lowerBound - 120), b = min(s.upperBound, r.upperBound + 120)
        return (a > s.lowerBound ? "…" : "") + t.string(a..<b) + (b < s.upperBound ? "…" : "")
    }

    // MARK: - Reference date

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

    static let clauseMarks: ScalarSet = "，,；;：:。！？!?"

    /// The clause (between commas) around `r`, within sentence `s`.
    static func clause(_ t: [Unicode.Scalar], around r: Range<Int>, in s: Range<Int>) -> Range<Int> {
        var a = r.lowerBound
        while a > s.lowerBound, !clauseMarks.contains(t[a - 1]) { a -= 1 }
        var b = r.upperBound
        while b < s.upperBound, !clauseMarks.contains(t[b]) { b += 1 }
        return a..<b
    }

    /// How far around a number or date its words are read: subjects, events and milestone
    /// words are local, and a bounded window keeps a sentence of thousands of facts linear.
    static let window = 40

    /// A single dated happening: not a period (年度, 截至, 以来), a statistic (累计, 销售额), a plan
    /// (即将, 确保) or page metadata (an ISO timestamp); a full day date almost always is one; a
    /// month or year needs an event verb — in its sentence for months, in its clause (or the next
    /// one, when the date stands alone: `2015年，全面启动了…`) for years. A year whose words end
    /// on an amount, a count or a percentage states a figure (`2014年援疆项目已开工592个`,
    /// `2017年，全省应完成援藏项目资金为…万元`), and a date naming a plan (`年初计划`) is none.
    static func isMilestone(_ d: DateMatch, _ t: [Unicode.Scalar], clause c: Range<Int>, sentence: Range<Int>, quantities: [Range<Int>] = []) -> Bool {
        if d.modifier == "截至" || d.modifier == "以来" { return false }
        if t[d.range].contains("-") || t[d.range].last == "度" { return false }
        if d.precision.hasPrefix("year-q") { return false }
        let clause = max(c.lowerBound, d.range.lowerBound - window)..<min(c.upperBound, d.range.upperBound + window)
        var window = clause
        if clause.count - d.range.count < 10, c.upperBound < sentence.upperBound {
            var b = c.upperBound + 1
            while b < min(sentence.upperBound, c.upperBound + 1 + Self.window), !clauseMarks.contains(t[b]) { b += 1 }
            window = clause.lowerBound..<b
        }
        // 记者昨日获悉: the day the reporter learnt something is no happening.
        if t.contains(huoxi, in: d.range.upperBound..<min(t.count, d.range.upperBound + 3)) { return false }
        if Lexicon.planNouns.starts(at: d.range.upperBound, in: t) { return false }
        if Lexicon.planWords.occurs(in: t, window) { return false }
        if Lexicon.statisticWords.occurs(in: t, window) { return false }
        let sentenceWindow = max(sentence.lowerBound, d.range.lowerBound - 2 * Self.window)..<min(sentence.upperBound, d.range.upperBound + 2 * Self.window)
        switch d.precision {
        case "day", "day-range": return true
        case "month", "month-early", "month-mid", "month-late": return Lexicon.eventVerbs.occurs(in: t, sentenceWindow)
        default:
            // A figure in the year's words: only an event verb after the first makes a happening
            // (`投资810万元建成了…示范园`); before it, the figure is what was done (`已开工592个`).
            if let figureEnd = firstOverlap(quantities, window)?.upperBound {
                return Lexicon.eventVerbs.occurs(in: t, figureEnd..<window.upperBound)
            }
            return Lexicon.eventVerbs.occurs(in: t, window)
        }
    }

    static let huoxi = scalars("获悉")

    /// The first of the sorted, disjoint `ranges` that overlaps `r`, by binary search (a sentence
    /// of thousands of dates and amounts stays linear).
    static func firstOverlap(_ ranges: [Range<Int>], _ r: Range<Int>) -> Range<Int>? {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound <= r.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].overlaps(r) ? ranges[lo] : nil
    }

    /// A short label for the happening a date names: its clause with every date cut out; when
    /// that is short or has no event verb (`2015年10月、11月，…举行`, `指挥部在2015年，全面启动…`),
    /// the next clause joins it, or the previous one when the date's clause ends the sentence.
    static func eventLabel(_ t: [Unicode.Scalar], _ r: Range<Int>, _ s: Range<Int>, dates: [Range<Int>], context: SentenceContext) -> String {
        /// The clause's words; the dates of the date's own clause are cut out (other clauses'
        /// dates say what the happening was about: 发布2017年上半年…情况).
        func content(_ c0: Range<Int>, own: Bool = false) -> [Unicode.Scalar] {
            var lo = max(c0.lowerBound, r.lowerBound - window), hi = min(c0.upperBound, r.upperBound + window)
            if lo >= hi {  // a neighbouring clause beyond the window: its end nearest the date
                if c0.lowerBound >= r.upperBound { lo = c0.lowerBound; hi = min(c0.upperBound, c0.lowerBound + window) } else { lo = max(c0.lowerBound, c0.upperBound - window); hi = c0.upperBound }
            }
            let c = lo..<max(lo, hi)
            var out: [Unicode.Scalar] = []
            var di = context.firstDate(from: c.lowerBound, in: dates)
            var decided = -1, cutIt = false  // one decision per date, not per character
            for i in c {
                while di < dates.count, dates[di].upperBound <= i { di += 1 }
                if di < dates.count, dates[di].contains(i) {
                    if decided != di {
                        decided = di
                        cutIt = Self.cutsFromLabel(t, dates[di], clause: c0, isOwn: dates[di] == r || own)
                        // 将于2020年1月结束: the 将于 goes with the date.
                        if cutIt { while let l = out.last, Self.beforeCutDate.contains(l) { out.removeLast() } }
                    }
                    if cutIt { continue }
                }
                if t[i] != "、" { out.append(t[i]) }
            }
            // Brackets whose date was cut (`发布(29日)` → `发布()`) go with it.
            var k = 0
            while k + 1 < out.count {
                if (out[k] == "(" || out[k] == "（") && (out[k + 1] == ")" || out[k + 1] == "）") { out.removeSubrange(k...(k + 1)) } else { k += 1 }
            }
            while let f = out.first, leadingParticles.contains(f) { out.removeFirst() }
            while let l = out.last, trailingParticles.contains(l) { out.removeLast() }
            return out
        }
        func hasVerb(_ x: [Unicode.Scalar]) -> Bool { Lexicon.eventVerbs.occurs(in: x, 0..<x.count) }
        let own = context.clause(around: r)
        var label = content(own, own: true)
        if label.count < 8 || !hasVerb(label) {
            if own.upperBound < s.upperBound, t[own.upperBound] != "。" {
                let next = content(context.clause(around: (own.upperBound + 1)..<(own.upperBound + 1)))
                label = label.count < 3 ? next : label + ["，"] + next
            } else if own.lowerBound > s.lowerBound + 1 {
                let prev = content(context.clause(around: (own.lowerBound - 2)..<(own.lowerBound - 2)))
                label = prev + (label.isEmpty ? [] : ["，"] + label)
            }
        }
        return EventLabel.shorten(label)
    }

    static let adverbialBefore: ScalarSet = "于在从自至到、", beforeCutDate: ScalarSet = "于在从自至到将截止"

    /// Whether a date leaves its event label: one at the clause's edge or after 于/在 is the
    /// when (cut); one a verb or 的 introduces names the what (举办了2020年祭孔…, 召开的2017年…会,
    /// 2023年度计划) and stays. Dates of other clauses stay.
    static func cutsFromLabel(_ t: [Unicode.Scalar], _ d: Range<Int>, clause c0: Range<Int>, isOwn: Bool) -> Bool {
        guard isOwn else { return false }
        let edge = d.lowerBound - c0.lowerBound <= 2 || c0.upperBound - d.upperBound <= 1
        let adverbial = d.lowerBound > 0 && adverbialBefore.contains(t[d.lowerBound - 1]) || d.upperBound < t.count && t[d.upperBound] == "、"
        let named = d.lowerBound >= 2 && isDigit(t[d.lowerBound])
            && (t[d.lowerBound - 1] == "了" || t[d.lowerBound - 1] == "的" || Lexicon.eventVerbs.words.contains { t.has($0, at: d.lowerBound - $0.count) })
            || t[d.upperBound - 1] == "度"
        return edge || adverbial || !named
    }

    static let leadingParticles: ScalarSet = "在于、，,的了是继"
    static let trailingParticles: ScalarSet = "在于至到从由、，,的了后"

    static let demonstratives = ["这项", "该项", "此项", "这一", "该", "这些", "此"].map(scalars)

    /// What an amount or count is about: the words after 用于, the clause around it, or, for
    /// `这项工程共投入…`, the project named in the previous sentence; a clause that says only
    /// `安排援疆资金` takes the topic of the clause before (`智力支援类项目58个，安排援疆资金…` →
    /// `智力支援类项目援疆资金`), so the facts of one sentence stay apart.
    static func subject(_ t: [Unicode.Scalar], _ r: Range<Int>, _ s: Range<Int>, previous p: Range<Int>, context: SentenceContext) -> String {
        let c = context.clause(around: r)
        var a = max(c.lowerBound, r.lowerBound - 24), b = min(c.upperBound, r.upperBound + 16)
        // The window starts and ends at word boundaries: never inside a number (`…到疆已达11` of
        // `110.1亿元`, `个省市…` after the 8 of `东部8个省市`), and a space (a headline's phrase
        // break: `…5.57亿元 实施援藏项目66个`) ends the phrase.
        func inNumber(_ k: Int) -> Bool { isDigit(t[k]) || t[k] == "." || t[k] == "," }
        if b < c.upperBound, b > r.upperBound, inNumber(b - 1), inNumber(b) || t[b] == "%" || Numerals.bigUnits[t[b]] != nil || t[b] == "元" {
            while b > r.upperBound, inNumber(b - 1) { b -= 1 }
        }
        if a > c.lowerBound, a < r.lowerBound, inNumber(a - 1) {
            while a < r.lowerBound, inNumber(a) || SubjectText.numberTail.contains(t[a]) { a += 1 }
            if let m = Lexicon.measures.longest(at: a, in: t), a + m.count <= r.lowerBound { a += m.count }
        }
        if let sp = (a..<r.lowerBound).last(where: { t[$0] == " " }) { a = sp + 1 }
        if let sp = (r.upperBound..<b).first(where: { t[$0] == " " }) { b = sp }
        // The first 用于 of the window, when it comes after the number: what the money is for.
        if let k = (a..<max(a, b - 1)).first(where: { t.has(yongyu, at: $0) }), k >= r.lowerBound {
            let tail = SubjectText.clean(t.slice((k + 2)..<b))
            if tail.count >= 2 { return trimLabel(tail, 24) }
        }
        if a == c.lowerBound, demonstratives.contains(where: { t.has($0, at: a) }) || (a == s.lowerBound && demonstratives.contains(where: { t.has($0, at: s.lowerBound) })) {
            if let name = lastProjectName(t.string(p.clamped(to: max(p.lowerBound, p.upperBound - 200)..<p.upperBound))) { return name }
        }
        var own = SubjectText.clean(t.slice(a..<r.lowerBound) + t.slice(r.upperBound..<b))
        if SubjectText.isGeneric(own), c.lowerBound > s.lowerBound + 1 {
            let pc = context.clause(around: (c.lowerBound - 2)..<(c.lowerBound - 2))
            let topic = SubjectText.topic(t, max(pc.lowerBound, pc.upperBound - 24)..<pc.upperBound)
            if topic.count >= 2 { own = topic + SubjectText.dropVerbs(own) }
        }
        return trimLabel(own, 24)
    }

    static let yongyu = scalars("用于"), qizhong = scalars("其中")

    /// What a count counts when a noun phrase follows its measure word up to the clause's end
    /// (`开展3场…消费帮扶活动` → the 活动, `引进20余款…农特产品`): the phrase after it, not the
    /// words before the number.
    static func countedNoun(_ t: [Unicode.Scalar], _ c: QuantityRecognizer.Count, context: SentenceContext) -> String? {
        guard c.unit != "%" else { return nil }
        let clause = context.clause(around: c.range)
        var a = c.range.upperBound
        // `4批次24名专家…`: a second count right after it; the noun follows that one.
        if a < clause.upperBound, isDigit(t[a]) {
            while a < clause.upperBound, isDigit(t[a]) || SubjectText.numberTail.contains(t[a]) { a += 1 }
            if let m = Lexicon.measures.longest(at: a, in: t) { a += m.count }
        }
        // `3场“…·…”对口支援…消费帮扶活动`: a long phrase's quoted name gives way to its head noun.
        // (Bounded: a list of 4,000 counts in one clause stays linear.)
        if clause.upperBound - a > 16, clause.upperBound - a <= 48, let q = (a..<clause.upperBound).last(where: { t[$0] == "”" || t[$0] == "》" }) { a = q + 1 }
        let tail = a..<clause.upperBound
        guard tail.count >= 2, tail.count <= 20, !Lexicon.eventVerbs.occurs(in: t, tail),
              !t[tail].contains(where: { isDigit($0) || $0 == "、" }) else { return nil }
        let noun = SubjectText.clean(t.slice(tail))
        return noun.count >= 2 ? trimLabel(noun, 24) : nil
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

    static let labelTrim: ScalarSet = " 　,，、。:：;；\"“”的了"
    static let labelLeads = ["共", "累计", "投入", "安排", "达到", "达", "约", "有", "为"].map(scalars)

    /// A subject as printed: trimmed, without a leading 共/累计/投入 (once each, in that order),
    /// and at most `max` characters with an ellipsis.
    static func trimLabel(_ s: [Unicode.Scalar], _ max: Int) -> String {
        var lo = 0, hi = s.count
        while lo < hi, labelTrim.contains(s[lo]) { lo += 1 }
        while hi > lo, labelTrim.contains(s[hi - 1]) { hi -= 1 }
        for lead in labelLeads where hi - lo > lead.count + 2 && s.has(lead, at: lo) && !(lead.count == 1 && SubjectText.opensWord(s, at: lo)) {
            lo += lead.count
        }
        return hi - lo > max ? s.string(lo..<(lo + max)) + "…" : s.string(lo..<hi)
    }
}

public enum ExtractionError: Error, CustomStringConvertible {
    case unreadable(String)
    public var description: String {
        switch self { case .unreadable(let p): return "cannot read \(p): no such file or permission denied" }
    }
}
