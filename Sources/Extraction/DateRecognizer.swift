/// A calendar reference used to resolve relative dates. Month and day may be unknown when the
/// year was inferred from the text.
public struct ReferenceDate: Sendable, Hashable {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) { self.year = year; self.month = month; self.day = day }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public init?(parsing s: String) {
        let p = s.split(separator: "-").map { Int($0) }
        guard let y = p.first ?? nil, (1000...2999).contains(y), p.count <= 3, p.allSatisfy({ $0 != nil }) else { return nil }
        let m = p.count > 1 ? p[1] : nil, d = p.count > 2 ? p[2] : nil
        if let m, !(1...12).contains(m) { return nil }
        if let d, !(1...31).contains(d) { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)" + (month.map { "-" + two($0) } ?? "") + (day.map { "-" + two($0) } ?? "")
    }
}

/// A date mention found in normalised text.
struct DateMatch {
    var range: Range<Int>
    var year: Int
    var month: Int?
    var day: Int?
    var endDay: Int?
    var precision: String
    var modifier: String?
    /// The year the mention names, to carry to later bare months in the same sentence.
    var carries: Int?

    var resolved: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)" + (month.map { "-" + two($0) } ?? "") + (day.map { "-" + two($0) } ?? "")
    }
    var resolvedEnd: String? {
        guard let endDay, let month else { return nil }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(endDay))"
    }
}

/// Finds full, partial, relative, festival and plan-term dates in one sentence.
struct DateRecognizer {
    let t: [Unicode.Scalar]
    let ref: ReferenceDate

    static let relativeYears: [([Unicode.Scalar], Int)] = [
        (scalars("今年"), 0), (scalars("本年"), 0), (scalars("去年"), -1), (scalars("上年"), -1), (scalars("明年"), 1),
        (scalars("前年"), -2), (scalars("后年"), 2),
    ]
    static let festivals: [([Unicode.Scalar], Int, Int)] = [
        (scalars("双十一"), 11, 11), (scalars("双11"), 11, 11), (scalars("双十二"), 12, 12), (scalars("双12"), 12, 12),
    ]
    static let yearEndWords: [([Unicode.Scalar], String)] = [("年底", "year-late"), ("年末", "year-late"), ("年初", "year-early"), ("上半年", "year-h1"), ("下半年", "year-h2")].map { (scalars($0.0), $0.1) }
    static let notBeforeYearEnd = Set("每今去明前本当近多半一两三四五六七八九十0123456789".unicodeScalars)
    static let modifierWords: [([Unicode.Scalar], String)] = [("截止到", "截至"), ("截至", "截至"), ("截止", "截至"), ("到", "到"), ("至", "至")].map { (scalars($0.0), $0.1) }
    static let since = scalars("以来"), fen = scalars("份"), de = scalars("的"), du = scalars("度"), nian = scalars("年")
    static let monthSuffixes: [([Unicode.Scalar], String)] = [("上旬", "month-early"), ("初", "month-early"), ("中旬", "month-mid"), ("下旬", "month-late"), ("底", "month-late"), ("末", "month-late")].map { (scalars($0.0), $0.1) }
    static let yearSuffixes: [([Unicode.Scalar], String)] = [("底", "year-late"), ("末", "year-late"), ("初", "year-early"), ("伊始", "year-early"), ("上半年", "year-h1"), ("下半年", "year-h2")].map { (scalars($0.0), $0.1) }
    static let relativeYearEnds: [([Unicode.Scalar], String)] = [("年底", "year-late"), ("年末", "year-late"), ("年初", "year-early")].map { (scalars($0.0), $0.1) }
    static let planTails = [scalars("期末"), scalars("末")]
    static let planTerms: [([Unicode.Scalar], Int)] = [
        (scalars("十一五"), 2010), (scalars("十二五"), 2015), (scalars("十三五"), 2020), (scalars("十四五"), 2025), (scalars("十五五"), 2030),
    ]

    func sentence(_ r: Range<Int>) -> [DateMatch] {
        var out: [DateMatch] = []
        var carry: Int?
        var i = r.lowerBound
        while i < r.upperBound {
            if let m = match(at: i, limit: r.upperBound, carry: carry) {
                out.append(withModifiers(m, sentenceStart: r.lowerBound))
                if let c = m.carries { carry = c }
                i = m.range.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    /// 截至/到/至 before a date, 以来 after it (kept in the span, as the convention does).
    func withModifiers(_ m0: DateMatch, sentenceStart: Int) -> DateMatch {
        var m = m0
        let s = m.range.lowerBound
        for (ws, label) in Self.modifierWords where s - ws.count >= sentenceStart && t.has(ws, at: s - ws.count) {
            m.modifier = label
            break
        }
        if t.has(Self.since, at: m.range.upperBound) {
            m.modifier = "以来"
            m.range = m.range.lowerBound..<(m.range.upperBound + 2)
        }
        return m
    }

    func digitsAt(_ i: Int, max n: Int) -> (Int, Int)? {
        var j = i, v = 0
        while j < t.count, j - i < n + 1, isDigit(t[j]) { v = v * 10 + Int(t[j].value - 48); j += 1 }
        guard j > i, j - i <= n else { return nil }
        return (v, j)
    }

    func boundaryBefore(_ i: Int) -> Bool {
        i == 0 || !(isASCIIAlnum(t[i - 1]) || t[i - 1] == "." || t[i - 1] == "第")
    }

    func match(at i: Int, limit: Int, carry: Int?) -> DateMatch? {
        // 1. Explicit year: 2015年…, also 2015-09-10 and 2015/9/10.
        if isDigit(t[i]), boundaryBefore(i), let (y, j) = digitsAt(i, max: 4), j - i == 4, (1900...2100).contains(y) {
            if j < t.count, t[j] == "年" {
                return afterYear(start: i, year: y, at: j + 1, carries: y)
            }
            if j + 1 < t.count, t[j] == "-" || t[j] == "/" || t[j] == ".", let (mo, k) = digitsAt(j + 1, max: 2), (1...12).contains(mo),
               k + 1 < t.count, t[k] == t[j], let (d, e) = digitsAt(k + 1, max: 2), (1...31).contains(d),
               e >= t.count || !isDigit(t[e]) {
                return DateMatch(range: i..<e, year: y, month: mo, day: d, precision: "day", carries: y)
            }
            return nil
        }
        // 2. 今年 / 去年 …
        for (w, delta) in Self.relativeYears where t.has(w, at: i) {
            let y = ref.year + delta
            return afterYear(start: i, year: y, at: i + w.count, carries: y, relative: true)
        }
        // 3. A month (and day) without a year: the sentence's year, else the reference year.
        if isDigit(t[i]), boundaryBefore(i), i == 0 || t[i - 1] != "年", let m = monthDay(at: i) {
            let y = carry ?? yearFor(month: m.month)
            return DateMatch(range: i..<m.end, year: y, month: m.month, day: m.day, endDay: m.endDay, precision: m.precision)
        }
        // 4. Festivals: 双十一, 双十二.
        for (w, mo, d) in Self.festivals where t.has(w, at: i) {
            var y = carry ?? ref.year
            if carry == nil, let rm = ref.month, mo > rm { y -= 1 }  // the last one before the article
            return DateMatch(range: i..<(i + w.count), year: y, month: mo, day: d, precision: "day")
        }
        // 5. Plan terms: “十三五”末 → end of 2020.
        for (w, end) in Self.planTerms where t.has(w, at: i) {
            var j = i + w.count
            if j < t.count, t[j] == "”" || t[j] == "\"" || t[j] == "」" { j += 1 }
            for tail in Self.planTails where t.has(tail, at: j) {
                var s = i
                if s > 0, t[s - 1] == "“" || t[s - 1] == "\"" || t[s - 1] == "「" { s -= 1 }
                return DateMatch(range: s..<(j + tail.count), year: end, precision: "year-late", carries: end)
            }
            return nil
        }
        // 6. Bare 年底 / 年初 / 上半年 …: the sentence's year, else the reference year.
        if i == 0 || !Self.notBeforeYearEnd.contains(t[i - 1]) {
            for (w, p) in Self.yearEndWords where t.has(w, at: i) {
                let y = carry ?? ref.year
                return DateMatch(range: i..<(i + w.count), year: y, precision: p)
            }
        }
        return nil
    }

    /// A bare month later in the year than the article's own month is last year's.
    func yearFor(month: Int) -> Int {
        if let rm = ref.month, month > rm + 1 { return ref.year - 1 }
        return ref.year
    }

    struct MonthDay { var month: Int; var day: Int?; var endDay: Int?; var precision: String; var end: Int }

    /// `10月`, `10月底`, `9月10日`, `12月17日—18日`, `1月份`.
    func monthDay(at i: Int) -> MonthDay? {
        guard let (mo, j) = digitsAt(i, max: 2), (1...12).contains(mo), j < t.count, t[j] == "月" else { return nil }
        var k = j + 1
        if let (d, e) = digitsAt(k, max: 2), (1...31).contains(d), e < t.count, t[e] == "日" || t[e] == "号" {
            k = e + 1
            // 17日—18日, 17—18日
            if k < t.count, Lexicon.rangeSeparators.contains(t[k]), let (d2, e2) = digitsAt(k + 1, max: 2), d2 > d, d2 <= 31,
               e2 < t.count, t[e2] == "日" || t[e2] == "号" {
                return MonthDay(month: mo, day: d, endDay: d2, precision: "day-range", end: e2 + 1)
            }
            return MonthDay(month: mo, day: d, precision: "day", end: k)
        }
        if t.has(Self.fen, at: k) { k += 1 }
        for (w, p) in Self.monthSuffixes where t.has(w, at: k) {
            return MonthDay(month: mo, precision: p, end: k + w.count)
        }
        return MonthDay(month: mo, precision: "month", end: k)
    }

    /// What follows a year (explicit or relative): a month and day, 年底, 上半年, 伊始, 度.
    func afterYear(start: Int, year y: Int, at j0: Int, carries: Int?, relative: Bool = false) -> DateMatch {
        var j = j0
        if relative, t.has(Self.de, at: j) {
            for (w, mo, d) in Self.festivals where t.has(w, at: j + 1) {
                return DateMatch(range: start..<(j + 1 + w.count), year: y, month: mo, day: d, precision: "day", carries: carries)
            }
        }
        if let md = monthDay(at: j) {
            return DateMatch(range: start..<md.end, year: y, month: md.month, day: md.day, endDay: md.endDay,
                             precision: md.precision, carries: carries)
        }
        if !relative, t.has(Self.du, at: j) { return DateMatch(range: start..<(j + 1), year: y, precision: "year", carries: carries) }
        if !relative, t.has(Self.nian, at: j) { j += 1 }  // 2015年年底
        for (w, p) in Self.yearSuffixes where t.has(w, at: j) {
            return DateMatch(range: start..<(j + w.count), year: y, precision: p, carries: carries)
        }
        if relative {
            for (w, p) in Self.relativeYearEnds where t.has(w, at: j) {
                return DateMatch(range: start..<(j + w.count), year: y, precision: p, carries: carries)
            }
        }
        return DateMatch(range: start..<j0, year: y, precision: "year", carries: carries)
    }
}
