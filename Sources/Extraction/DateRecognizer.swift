import Foundation

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
    /// A day range across months (`1月3日至2月10日`): the end's month.
    var endMonth: Int?
    /// A range whose end names its own year (`2023年12月29日至2024年1月3日`, `2014年至2016年`).
    var endYear: Int?
    var precision: String
    var modifier: String?
    /// The year the mention names, to carry to later bare months in the same sentence.
    var carries: Int?
    /// The text names the year itself (`2015年`, `二〇一五年`, `2015-09-10`).
    var explicitYear = false
    /// A relative date (今年, 3月, 20日) in an article with no reference date: read, so its
    /// characters are no quantity, but not resolved and not a fact.
    var unresolved = false
    /// A month without a year, given the reference year (no year in the text or its sentence).
    var yearFromReference = false

    var resolved: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)" + (month.map { "-" + two($0) } ?? "") + (day.map { "-" + two($0) } ?? "")
    }
    var resolvedEnd: String? {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        if let endYear, endMonth == nil, endDay == nil, month == nil { return "\(endYear)" }
        if endDay == nil, let endMonth, let month {
            return "\(endYear ?? (endMonth < month ? year + 1 : year))-\(two(endMonth))"
        }
        guard let endDay, let month else { return nil }
        let m = endMonth ?? month
        return "\(endYear ?? (m < month ? year + 1 : year))-\(two(m))-\(two(endDay))"
    }

    /// Where the mention starts in the calendar, for ordering the two ends of a range.
    var startKey: (Int, Int, Int) { (year, month ?? 0, day ?? 0) }

    /// `self` — separator — `next` as one range (`21日至22日`, `2023年12月29日至2024年1月3日`,
    /// `2014年至2016年`, `2015年3月到2016年6月`), when both ends are of one kind and the second
    /// comes later; nil otherwise (`2015年到2016年底` stays two dates).
    func joined(to next: DateMatch) -> DateMatch? {
        guard unresolved == next.unresolved, !unresolved, endDay == nil, endMonth == nil, endYear == nil,
              next.endDay == nil, next.endMonth == nil, next.precision == precision else { return nil }
        let startsBefore = startKey < next.startKey
        var r = self
        r.range = range.lowerBound..<next.range.upperBound
        r.carries = next.carries ?? carries
        switch precision {
        case "day":
            guard startsBefore, let nm = next.month, let nd = next.day else { return nil }
            r.endDay = nd
            r.endMonth = nm == month && next.year == year ? nil : nm
            r.endYear = next.year == year ? nil : next.year
            r.precision = "day-range"
        case "month":
            guard startsBefore, let nm = next.month else { return nil }
            r.endMonth = nm
            r.endYear = next.year == year ? nil : next.year
        case "year":
            guard explicitYear, next.explicitYear, next.year > year, month == nil, next.month == nil else { return nil }
            r.endYear = next.year
        default:
            return nil
        }
        return r
    }
}

/// Finds full, partial, relative, festival and plan-term dates in one sentence, in Arabic or
/// Chinese numerals (`2015年6月中旬`, `二〇一五年六月中旬`, `十二月月底`, `10月22`, `1月3至2月10`,
/// `今(28)日`, `昨日`, `20日`, `当年`, `一季度`).
struct DateRecognizer {
    let t: [Unicode.Scalar]
    /// nil when the article's date is unknown: relative dates are then unresolved.
    let ref: ReferenceDate?

    static let relativeYears: [([Unicode.Scalar], Int)] = [
        (scalars("今年"), 0), (scalars("本年"), 0), (scalars("去年"), -1), (scalars("上年"), -1), (scalars("明年"), 1),
        (scalars("前年"), -2), (scalars("后年"), 2),
    ]
    static let relativeDays: [([Unicode.Scalar], Int)] = [
        (scalars("今天"), 0), (scalars("今日"), 0), (scalars("昨日"), -1), (scalars("昨天"), -1), (scalars("前天"), -2),
        (scalars("明天"), 1), (scalars("明日"), 1),
    ]
    static let festivals: [([Unicode.Scalar], Int, Int)] = [
        (scalars("双十一"), 11, 11), (scalars("双11"), 11, 11), (scalars("双十二"), 12, 12), (scalars("双12"), 12, 12),
    ]
    static let yearEndWords: [([Unicode.Scalar], String)] = [("年底", "year-late"), ("年末", "year-late"), ("年初", "year-early"), ("上半年", "year-h1"), ("下半年", "year-h2")].map { (scalars($0.0), $0.1) }
    static let notBeforeYearEnd: ScalarSet = "每今去明前本当近多半一两三四五六七八九十0123456789"
    static let modifierWords: [([Unicode.Scalar], String)] = [("截止到", "截至"), ("截至", "截至"), ("截止", "截至"), ("到", "到"), ("至", "至")].map { (scalars($0.0), $0.1) }
    static let since = scalars("以来"), fen = scalars("份"), de = scalars("的"), du = scalars("度"), nian = scalars("年"), dang = scalars("当年"), tongqi = scalars("同期")
    static let monthSuffixes: [([Unicode.Scalar], String)] = [("上旬", "month-early"), ("月初", "month-early"), ("初", "month-early"), ("中旬", "month-mid"), ("下旬", "month-late"), ("月底", "month-late"), ("月末", "month-late"), ("底", "month-late"), ("末", "month-late")].map { (scalars($0.0), $0.1) }
    static let yearSuffixes: [([Unicode.Scalar], String)] = [("底", "year-late"), ("末", "year-late"), ("初", "year-early"), ("伊始", "year-early"), ("上半年", "year-h1"), ("下半年", "year-h2")].map { (scalars($0.0), $0.1) }
    static let relativeYearEnds: [([Unicode.Scalar], String)] = [("年底", "year-late"), ("年末", "year-late"), ("年初", "year-early"), ("上半年", "year-h1"), ("下半年", "year-h2")].map { (scalars($0.0), $0.1) }
    static let planTails = [scalars("期末"), scalars("末")]
    static let planTerms: [([Unicode.Scalar], Int)] = [
        (scalars("十一五"), 2010), (scalars("十二五"), 2015), (scalars("十三五"), 2020), (scalars("十四五"), 2025), (scalars("十五五"), 2030),
    ]
    /// What follows a bare `N日` when it is a duration or a name, not a date: 10日内, 3日游.
    static let notAfterBareDay: ScalarSet = "内游来起以之左前后均"
    static let notBeforeBareDay: ScalarSet = "近每前后第数几连当该次"

    /// Every branch of `match(at:)` starts with one of these: a digit, a Chinese numeral
    /// character, or the first character of one of its words. `sentence` asks `match` nowhere
    /// else, which spares the checks of every branch at most characters of the text.
    static let starts: ScalarSet = {
        let words: [[Unicode.Scalar]] = relativeYears.map(\.0) + relativeDays.map(\.0) + festivals.map(\.0) + planTerms.map(\.0) + yearEndWords.map(\.0)
        let firsts: [Unicode.Scalar] = words.map { $0[0] }
        return ScalarSet(Array("0123456789第当今".unicodeScalars) + Numerals.numeralChars.scalars + firsts)
    }()

    func sentence(_ r: Range<Int>) -> [DateMatch] {
        var out: [DateMatch] = []
        var carry: Int?, carryMonth: Int?
        var i = r.lowerBound
        let starts = Self.starts
        while i < r.upperBound {
            if starts.contains(t[i]), var m = match(at: i, limit: r.upperBound, carry: carry, carryMonth: carryMonth) {
                // Two dates joined by 至/到/— are one range, not a date and an "until" date.
                if let sep = rangeSep(at: m.range.upperBound), sep < r.upperBound,
                   let next = match(at: sep, limit: r.upperBound, carry: m.carries ?? carry, carryMonth: m.endMonth ?? m.month ?? carryMonth),
                   let joined = m.joined(to: next) {
                    m = joined
                }
                out.append(asOfNotAfterReference(withModifiers(m, sentenceStart: r.lowerBound)))
                if let c = m.carries { carry = c }
                if let mo = m.endMonth ?? m.month { carryMonth = mo }
                i = m.range.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    /// 截至11月底 in an article of 9 November: the figures of a day still to come cannot be
    /// reported, so a month given the reference year that would end after the article's own
    /// date is last year's (the article reports the year just closed).
    func asOfNotAfterReference(_ m0: DateMatch) -> DateMatch {
        guard m0.modifier == "截至", m0.yearFromReference, let ref, let rm = ref.month, let mo = m0.month, m0.year == ref.year else { return m0 }
        var m = m0
        let day: Int
        switch m.precision {
        case "day", "day-range": day = m.day ?? 1
        case "month-late": day = 28
        case "month-mid": day = 15
        default: day = 1
        }
        if (mo, day) > (rm, ref.day ?? 31) { m.year -= 1 }
        return m
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
        i == 0 || !(isASCIIAlnum(t[i - 1]) || t[i - 1] == "." || t[i - 1] == "第" || Numerals.isChineseNumeralChar(t[i - 1]))
    }

    /// A number for a month or a day at `i`: digits or a Chinese numeral.
    func small(_ i: Int) -> (Int, Int)? {
        guard i < t.count else { return nil }
        if isDigit(t[i]) { return digitsAt(i, max: 2) }
        guard Numerals.isChineseNumeralChar(t[i]), t[i] != "两" else { return nil }
        return Numerals.smallInt(t, i, maxDigits: 2)
    }

    func unresolvedMatch(_ r: Range<Int>, _ p: String) -> DateMatch {
        DateMatch(range: r, year: 0, precision: p, unresolved: true)
    }

    func match(at i: Int, limit: Int, carry: Int?, carryMonth: Int? = nil) -> DateMatch? {
        // 1. Explicit year: 2015年…, 二〇一五年…, also 2015-09-10 and 2015/9/10.
        if isDigit(t[i]), boundaryBefore(i), let (y, j) = digitsAt(i, max: 4), j - i == 4, (1900...2100).contains(y) {
            if j < t.count, t[j] == "年" {
                var m = afterYear(start: i, year: y, at: j + 1, carries: y)
                m.explicitYear = true
                return m
            }
            // 2014—2016年: a range of years written with 年 once.
            if let sep = rangeSep(at: j), let (y2, j2) = digitsAt(sep, max: 4), j2 - sep == 4, y2 > y, y2 <= 2100, j2 < t.count, t[j2] == "年",
               j2 + 1 >= t.count || !(isDigit(t[j2 + 1]) || Numerals.isChineseNumeralChar(t[j2 + 1]) || t[j2 + 1] == "度" || t[j2 + 1] == "底" || t[j2 + 1] == "末" || t[j2 + 1] == "初") {
                var m = DateMatch(range: i..<(j2 + 1), year: y, precision: "year", carries: y2, explicitYear: true)
                m.endYear = y2
                return m
            }
            if j + 1 < t.count, t[j] == "-" || t[j] == "/" || t[j] == ".", let (mo, k) = digitsAt(j + 1, max: 2), (1...12).contains(mo),
               k + 1 < t.count, t[k] == t[j], let (d, e) = digitsAt(k + 1, max: 2), (1...31).contains(d),
               e >= t.count || !isDigit(t[e]) {
                return DateMatch(range: i..<e, year: y, month: mo, day: d, precision: "day", carries: y, explicitYear: true)
            }
            return nil
        }
        if Numerals.digitValues[t[i]] != nil, boundaryBefore(i), let (y, j) = Numerals.digitString(t, i, count: 4), (1900...2100).contains(y),
           j < t.count, t[j] == "年" {
            var m = afterYear(start: i, year: y, at: j + 1, carries: y)
            m.explicitYear = true
            return m
        }
        // 2. 今年 / 去年 …, 当年 (the sentence's year), 今天 / 昨日 …, 今(28)日.
        for (w, delta) in Self.relativeYears where t.has(w, at: i) {
            guard let ref else { return unresolvedYear(start: i, at: i + w.count) }
            let y = ref.year + delta
            return afterYear(start: i, year: y, at: i + w.count, carries: y, relative: true)
        }
        if t.has(Self.dang, at: i), i + 2 >= t.count || t[i + 2] != "地" {
            guard let y = carry ?? ref?.year else { return unresolvedMatch(i..<(i + 2), "year") }
            return afterYear(start: i, year: y, at: i + 2, carries: y, relative: true)
        }
        for (w, delta) in Self.relativeDays where t.has(w, at: i) {
            guard let ref, let m = ref.month, let d = ref.day else { return unresolvedMatch(i..<(i + w.count), "day") }
            let (yy, mm, dd) = Self.addDays(ref.year, m, d, delta)
            return DateMatch(range: i..<(i + w.count), year: yy, month: mm, day: dd, precision: "day")
        }
        if t[i] == "今", i + 1 < t.count, t[i + 1] == "(" || t[i + 1] == "（", let (d, e) = digitsAt(i + 2, max: 2), e + 1 < t.count,
           t[e] == ")" || t[e] == "）", t[e + 1] == "日", (1...31).contains(d) {
            guard let ref, let m = ref.month else { return unresolvedMatch(i..<(e + 2), "day") }
            return DateMatch(range: i..<(e + 2), year: ref.year, month: m, day: d, precision: "day")
        }
        // 3. A month (and day) without a year: the sentence's year, else the reference year.
        if boundaryBefore(i), i == 0 || t[i - 1] != "年", let m = monthDay(at: i) {
            guard let y = carry ?? yearFor(month: m.month) else { return unresolvedMatch(i..<m.end, m.precision) }
            var d = DateMatch(range: i..<m.end, year: y, month: m.month, day: m.day, endDay: m.endDay, endMonth: m.endMonth, precision: m.precision)
            d.yearFromReference = carry == nil
            return d
        }
        // 3b. A bare day (`20日`): the sentence's month, else the reference month.
        if isDigit(t[i]), boundaryBefore(i), i == 0 || !Self.notBeforeBareDay.contains(t[i - 1]), let (d, e) = digitsAt(i, max: 2), (1...31).contains(d),
           e < t.count, t[e] == "日", e + 1 >= t.count || !Self.notAfterBareDay.contains(t[e + 1]) {
            // After 月 the month is a word: 本月/当月 is the article's, 每月 none.
            if i > 0, t[i - 1] == "月", !(i >= 2 && (t[i - 2] == "本" || t[i - 2] == "当")) { return nil }
            let month = carryMonth ?? ref?.month
            guard let month, let y = carry ?? ref?.year else { return unresolvedMatch(i..<(e + 1), "day") }
            return DateMatch(range: i..<(e + 1), year: y, month: month, day: d, precision: "day")
        }
        // 4. Festivals: 双十一, 双十二.
        for (w, mo, d) in Self.festivals where t.has(w, at: i) {
            guard var y = carry ?? ref?.year else { return unresolvedMatch(i..<(i + w.count), "day") }
            if carry == nil, let rm = ref?.month, mo > rm { y -= 1 }  // the last one before the article
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
        // 6. Bare 年底 / 年初 / 上半年 / 一季度 …: the sentence's year, else the reference year.
        if i == 0 || !Self.notBeforeYearEnd.contains(t[i - 1]) {
            for (w, p) in Self.yearEndWords where t.has(w, at: i) {
                guard let y = carry ?? ref?.year else { return unresolvedMatch(i..<(i + w.count), p) }
                return DateMatch(range: i..<(i + w.count), year: y, precision: p)
            }
        }
        if i == 0 || !(Numerals.isChineseNumeralChar(t[i - 1]) || isDigit(t[i - 1]) || t[i - 1] == "第" || t[i - 1] == "年"), let (q, e) = quarter(at: i) {
            guard let y = carry ?? ref?.year else { return unresolvedMatch(i..<e, "year-q\(q)") }
            return DateMatch(range: i..<e, year: y, precision: "year-q\(q)")
        }
        return nil
    }

    /// 一季度, 第一季度, 1季度, 四季度 → the quarter and where it ends.
    func quarter(at i: Int) -> (Int, Int)? {
        var k = i
        if k < t.count, t[k] == "第" { k += 1 }
        guard k < t.count else { return nil }
        let q: Int
        if isDigit(t[k]) { q = Int(t[k].value - 48) } else if let d = Numerals.digitValues[t[k]] { q = d } else { return nil }
        guard (1...4).contains(q), t.has(scalars("季度"), at: k + 1) else { return nil }
        return (q, k + 3)
    }

    func unresolvedYear(start: Int, at j: Int) -> DateMatch {
        let m = afterYear(start: start, year: 0, at: j, carries: nil, relative: true)
        return unresolvedMatch(m.range, m.precision)
    }

    static func addDays(_ y: Int, _ m: Int, _ d: Int, _ delta: Int) -> (Int, Int, Int) {
        var comps = DateComponents()
        comps.year = y; comps.month = m; comps.day = d
        var cal = Calendar(identifier: .gregorian)
        // A fixed offset, not a zone name: naming a zone loads ICU's zone data for one day's arithmetic.
        cal.timeZone = TimeZone(secondsFromGMT: 0) ?? cal.timeZone
        guard let date = cal.date(from: comps), let moved = cal.date(byAdding: .day, value: delta, to: date) else { return (y, m, d) }
        let c = cal.dateComponents([.year, .month, .day], from: moved)
        return (c.year ?? y, c.month ?? m, c.day ?? d)
    }

    /// A bare month later in the year than the article's own month is last year's.
    func yearFor(month: Int) -> Int? {
        guard let ref else { return nil }
        if let rm = ref.month, month > rm + 1 { return ref.year - 1 }
        return ref.year
    }

    struct MonthDay { var month: Int; var day: Int?; var endDay: Int?; var endMonth: Int? = nil; var precision: String; var end: Int }

    func dayEnd(_ e: Int) -> Int? {
        guard e <= t.count else { return nil }
        if e < t.count, t[e] == "日" || t[e] == "号" { return e + 1 }
        return nil
    }

    /// A day without 日 after a month (`10月22`): only where nothing makes it a quantity.
    func bareDayEnds(_ e: Int) -> Bool {
        guard e < t.count else { return true }
        let c = t[e]
        if isDigit(c) || c == "." || c == "%" || Numerals.bigUnits[c] != nil || Numerals.isChineseNumeralChar(c) { return false }
        if Lexicon.measures.starts(at: e, in: t) { return false }
        return true
    }

    /// `10月`, `十二月月底`, `9月10日`, `10月22`, `12月17日—18日`, `1月3日至2月10日`, `1月份`, `六月中旬`.
    func monthDay(at i: Int) -> MonthDay? {
        guard i < t.count else { return nil }
        // 1—9月, 3至5月: a range of months (the first is read with the second's 月).
        if isDigit(t[i]), let (m1, j1) = digitsAt(i, max: 2), (1...12).contains(m1), let sep = rangeSep(at: j1),
           let (m2, j2) = digitsAt(sep, max: 2), m2 > m1, m2 <= 12, j2 < t.count, t[j2] == "月", j2 + 1 >= t.count || !isDigit(t[j2 + 1]) {
            var k = j2 + 1
            if t.has(Self.fen, at: k) { k += 1 }
            return MonthDay(month: m1, endMonth: m2, precision: "month", end: k)
        }
        guard let (mo, j) = small(i), (1...12).contains(mo), j < t.count, t[j] == "月" else { return nil }
        if !isDigit(t[i]), i > 0 {
            // A Chinese-numeral month starts a phrase (统一月 is no month).
            let p = t[i - 1]
            guard Extractor.clauseMarks.contains(p) || "年在于从至到自和、的—-\n“(（".unicodeScalars.contains(p) else { return nil }
        }
        var k = j + 1
        if let (d, e) = small(k), (1...31).contains(d), let de = dayEnd(e) ?? (isDigit(t[k]) && bareDayEnds(e) ? e : nil) {
            k = de
            // 17日—18日, 17—18日, 17至18日; 3日至2月10日 (across months).
            if let sep = rangeSep(at: k) {
                if let (m2, j2) = small(sep), (1...12).contains(m2), j2 < t.count, t[j2] == "月", let (d2, e2) = small(j2 + 1), (1...31).contains(d2),
                   let end = dayEnd(e2) ?? (bareDayEnds(e2) ? e2 : nil), m2 != mo {
                    return MonthDay(month: mo, day: d, endDay: d2, endMonth: m2, precision: "day-range", end: end)
                }
                if let (d2, e2) = small(sep), d2 > d, d2 <= 31, let end = dayEnd(e2) {
                    return MonthDay(month: mo, day: d, endDay: d2, precision: "day-range", end: end)
                }
            }
            return MonthDay(month: mo, day: d, precision: "day", end: k)
        }
        if t.has(Self.fen, at: k) { k += 1 }
        for (w, p) in Self.monthSuffixes where t.has(w, at: k) {
            return MonthDay(month: mo, precision: p, end: k + w.count)
        }
        return MonthDay(month: mo, precision: "month", end: k)
    }

    func rangeSep(at k: Int) -> Int? {
        guard k < t.count, Lexicon.rangeSeparators.contains(t[k]) else { return nil }
        if k + 1 < t.count, t[k + 1] == t[k], t[k] == "—" { return k + 2 }
        return k + 1
    }

    /// What follows a year (explicit or relative): a month and day, 年底, 上半年, 伊始, 度, 一季度, 同期.
    func afterYear(start: Int, year y: Int, at j0: Int, carries: Int?, relative: Bool = false) -> DateMatch {
        var j = j0
        if relative, t.has(Self.de, at: j) {
            for (w, mo, d) in Self.festivals where t.has(w, at: j + 1) {
                return DateMatch(range: start..<(j + 1 + w.count), year: y, month: mo, day: d, precision: "day", carries: carries)
            }
        }
        if let md = monthDay(at: j) {
            return DateMatch(range: start..<md.end, year: y, month: md.month, day: md.day, endDay: md.endDay, endMonth: md.endMonth,
                             precision: md.precision, carries: carries)
        }
        if let (q, e) = quarter(at: j) { return DateMatch(range: start..<e, year: y, precision: "year-q\(q)", carries: carries) }
        if !relative, t.has(Self.du, at: j) { return DateMatch(range: start..<(j + 1), year: y, precision: "year", carries: carries) }
        if !relative, t.has(Self.nian, at: j) { j += 1 }  // 2015年年底
        for (w, p) in Self.yearSuffixes where t.has(w, at: j) {
            return DateMatch(range: start..<(j + w.count), year: y, precision: p, carries: carries)
        }
        if relative {
            for (w, p) in Self.relativeYearEnds where t.has(w, at: j) {
                return DateMatch(range: start..<(j + w.count), year: y, precision: p, carries: carries)
            }
            if t.has(Self.tongqi, at: j) { return DateMatch(range: start..<(j + 2), year: y, precision: "year", carries: carries) }
        }
        return DateMatch(range: start..<j0, year: y, precision: "year", carries: carries)
    }
}
