/// One sentence's clauses, found once: every fact of the sentence looks its clause up by binary
/// search, and a clause's topic and money kind are worked out once, however many facts it
/// holds. (A sentence of 4,000 amounts used to rescan its clause for each: quadratic.)
final class SentenceContext {
    let t: [Unicode.Scalar]
    let sentence: Range<Int>
    /// Clause starts in order; clause k is starts[k]..<ends[k].
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var categories: [Int: String] = [:]
    private var kinds: [Int: String] = [:]
    let sentenceCategory: String
    private let aidInSentence: Bool
    private let businessInSentence: Bool
    private let planInSentence: Bool

    init(t: [Unicode.Scalar], sentence s: Range<Int>) {
        self.t = t
        sentence = s
        var a = s.lowerBound
        for i in s where Extractor.clauseMarks.contains(t[i]) {
            starts.append(a); ends.append(i); a = i + 1
        }
        starts.append(a); ends.append(s.upperBound)
        sentenceCategory = Lexicon.category(t, s)
        aidInSentence = Lexicon.aidWord.occurs(in: t, s)
        businessInSentence = Lexicon.business.occurs(in: t, s)
        planInSentence = Lexicon.plan.occurs(in: t, s)
    }

    private func index(_ i: Int) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The clause holding `r` (a number such as `2,000` may hold a clause mark: the clause
    /// then runs on to the one holding its end).
    func clause(around r: Range<Int>) -> Range<Int> {
        let k = index(r.lowerBound), k2 = index(max(r.lowerBound, r.upperBound - 1))
        return starts[k]..<max(starts[k], ends[k2], r.upperBound)
    }

    func category(_ c: Range<Int>) -> String {
        if let v = categories[c.lowerBound] { return v }
        let v = Lexicon.category(t, c)
        categories[c.lowerBound] = v
        return v
    }

    func moneyKind(_ c: Range<Int>) -> String {
        if let v = kinds[c.lowerBound] { return v }
        let v = Lexicon.moneyKind(t, clause: c, aidInSentence: aidInSentence, businessInSentence: businessInSentence, planInSentence: planInSentence)
        kinds[c.lowerBound] = v
        return v
    }

    private var comparisons: [Int: Bool] = [:]

    /// Whether clause `c` compares with another period (较上年同期增加…); worked out once per clause.
    func isComparison(_ c: Range<Int>) -> Bool {
        if let v = comparisons[c.lowerBound] { return v }
        let v = Lexicon.comparison.occurs(in: t, c)
        comparisons[c.lowerBound] = v
        return v
    }

    /// The first of the sorted `dates` that ends after `i`.
    func firstDate(from i: Int, in dates: [Range<Int>]) -> Int {
        var lo = 0, hi = dates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dates[mid].upperBound <= i { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// A date's event as a timeline prints it: at most 20 characters, the clause's own words with
/// connectives (随着, 据悉) and adverbs (顺利, 认真) taken out, centred on its event verb.
enum EventLabel {
    static let maxLength = 20
    static let leading = ["据悉", "据了解", "从", "据介绍", "据统计", "随着", "此外", "同时", "另外", "其中", "目前", "近日", "日前", "记者", "在"]
    /// Region names a label can say shorter.
    static let abbreviations = [("新疆维吾尔自治区", "新疆"), ("西藏自治区", "西藏"), ("新疆生产建设兵团", "兵团"), ("内蒙古自治区", "内蒙古"),
                                ("广西壮族自治区", "广西"), ("宁夏回族自治区", "宁夏")]
    static let fillers = ["顺利", "认真", "先后", "已经", "正式", "成功", "隆重"]

    static let leadingScalars = leading.map(scalars), fillerScalars = fillers.map(scalars)
    static let abbreviationScalars = abbreviations.map { (scalars($0.0), scalars($0.1)) }
    static let trimScalars: ScalarSet = " 　,，、。:：;；\"“”的了()（）\n"

    /// Works on scalars (one per Chinese character) rather than Foundation strings: a
    /// sentence of thousands of dates shortens thousands of labels.
    static func shorten(_ label: [Unicode.Scalar]) -> String {
        var s = label
        for f in fillerScalars { s = replacing(s, f, with: []) }
        for (long, short) in abbreviationScalars { s = replacing(s, long, with: short) }
        s = dropClockTime(s)
        var changed = true
        while changed {
            changed = false
            for w in leadingScalars where s.has(w, at: 0) && s.count > w.count + 2 { s.removeFirst(w.count); changed = true }
            if let f = s.first, trimScalars.contains(f) { s.removeFirst(); changed = true }
        }
        while let l = s.last, trimScalars.contains(l) { s.removeLast() }
        guard s.count > maxLength else { return text(s) }
        // The part with the event verb.
        let parts = s.split(separator: "，").map(Array.init)
        if let p = parts.first(where: { verbPosition($0) != nil }), p.count >= 4 { s = p }
        guard s.count > maxLength else { return text(s) }
        // Who did it, shortened at a name boundary (新疆生产建设兵团|新闻办公室), then what they did.
        guard let v = verbPosition(s), v > 0 else { return text(cut(s, maxLength)) }
        let rest = Array(s[v...])
        var who = Array(s[..<v])
        let budget = max(6, maxLength - min(rest.count, 8))
        // `推进会在拉萨市…县召开`: who or what is before 在; the place after it goes first.
        if who.count > budget, let p = who.lastIndex(of: "在"), p >= 4, !notPlaceZai.contains(who[p - 1]) { who = Array(who[..<p]) }
        if who.count > budget {
            var cut: Int?
            for (k, c) in who.enumerated() where boundaries.contains(c) && (k + 1 == who.count || !boundaries.contains(who[k + 1]))
                && who.count - k - 1 <= budget && who.count - k - 1 >= 2 { cut = k + 1; break }
            if let cut { who = Array(who[cut...]) } else if who.count > maxLength - 4 { who = Array(who.prefix(budget)) }
        }
        var tail = dropPlacePhrase(rest, over: maxLength - who.count)
        if who.count + tail.count > maxLength {
            // End what they did at a name boundary too (抵达新疆阿克苏地区|阿克苏市) rather than mid-word.
            let room = maxLength - who.count
            if let p = (3..<max(3, min(room, tail.count))).last(where: { boundaries.contains(tail[$0]) && !"和与及、的".unicodeScalars.contains(tail[$0]) }) {
                tail = Array(tail[...p])
            }
        }
        return text(cut(who + tail, maxLength))
    }

    /// Verbs that close a happening told with its place between (`签约仪式在府新大厦举行`).
    static let closingVerbs = WordList(["举行", "召开", "举办", "开幕", "闭幕", "开班", "揭牌", "启动", "进行"])

    /// What they did without the place phrase before its closing verb, when the whole does not
    /// fit (`签约仪式在府新大厦举行` → `签约仪式举行`): the timeline's date column says when, the
    /// happening says what; a place is the first thing a short label can lose.
    static func dropPlacePhrase(_ tail: [Unicode.Scalar], over room: Int) -> [Unicode.Scalar] {
        guard tail.count > room, let p = tail.indices.dropFirst(2).first(where: { tail[$0] == "在" && !notPlaceZai.contains(tail[$0 - 1]) }) else { return tail }
        guard let q = ((p + 2)..<tail.count).first(where: { closingVerbs.starts(at: $0, in: tail) }) else { return tail }
        return Array(tail[..<p] + tail[q...])
    }

    /// The first `n` characters, never ending inside a number (`资金到疆已达110` of `…110.1亿元`):
    /// a number cut short says a wrong figure, so it goes whole.
    static func cut(_ s: [Unicode.Scalar], _ n: Int) -> [Unicode.Scalar] {
        guard s.count > n else { return s }
        var out = Array(s.prefix(n))
        func inNumber(_ c: Unicode.Scalar) -> Bool { isDigit(c) || c == "." || c == "," }
        if let last = out.last, inNumber(last), inNumber(s[n]) || Numerals.bigUnits[s[n]] != nil || s[n] == "%" {
            while let l = out.last, inNumber(l) { out.removeLast() }
            while let l = out.last, trimScalars.contains(l) { out.removeLast() }
        }
        return out.isEmpty ? Array(s.prefix(n)) : out
    }

    /// 在 that is part of a word (正在, 现在, 存在, 实在, 所在), not a place phrase.
    static let notPlaceZai: ScalarSet = "正现存实所自内好"

    static let dayParts = ["上午", "下午", "晚上", "中午", "凌晨", "早上", "傍晚", "当晚", "当天"].map(scalars)

    /// A clock time opening the label (`下午4时许，`, `上午10点30分`) says when, not what.
    static func dropClockTime(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var k = 0
        if let p = dayParts.first(where: { s.has($0, at: 0) }) { k = p.count }
        let digitsStart = k
        while k < s.count, isDigit(s[k]) || Numerals.isChineseNumeralChar(s[k]) { k += 1 }
        guard k > digitsStart, k < s.count, s[k] == "时" || s[k] == "点" else { return digitsStart > 0 ? Array(s[digitsStart...]) : s }
        k += 1
        while k < s.count, isDigit(s[k]) || Numerals.isChineseNumeralChar(s[k]) || s[k] == "分" || s[k] == "半" || s[k] == "许" { k += 1 }
        if k < s.count, s[k] == "，" || s[k] == "," { k += 1 }
        return Array(s[k...])
    }

    static func text(_ s: [Unicode.Scalar]) -> String { makeString(s) }

    static func replacing(_ s: [Unicode.Scalar], _ w: [Unicode.Scalar], with r: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let f = w.first, s.contains(f) else { return s }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == f, s.has(w, at: i) { out += r; i += w.count } else { out.append(s[i]); i += 1 }
        }
        return out
    }

    /// Where a name or phrase ends: administrative units, conjunctions, and a closing quote or
    /// title mark (`“…”产销对接活动` → `产销对接活动`).
    static let boundaries: ScalarSet = "省市县区州团师局厅部委会乡镇村和与及、的”》"

    /// Where the first event verb starts.
    static func verbPosition(_ s: [Unicode.Scalar]) -> Int? {
        for i in s.indices {
            if Lexicon.eventVerbs.starts(at: i, in: s) { return i }
        }
        return nil
    }
}
