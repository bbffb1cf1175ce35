/// The article's own date, the reference for 今年, 去年, 3月, 20日 and 昨日.
///
/// Pages state it in many places, in this order of trust: metadata (`# date:`, YAML front
/// matter), a dateline (`新华社北京7月20日电`: the story's own day, kept over an aggregator's
/// page time; its year comes from the other metadata), a date line near the top
/// (`时间:2020-10-28 16:33`, `发稿时间：…`, `2016-07-16 04:38`, `16.07.2016`), a date in the source
/// URL's path (`/2016-07/21/`, `/20170720/`, `t20170720_`), a signature date closing a notice.
/// Only without all of these are the text's years used — the year 今年 clauses describe, else
/// the latest year named outside plans — and then with a warning. With no basis at all there
/// is no reference: relative dates stay unresolved. A year is never invented.
enum ArticleDate {
    struct Found { var date: ReferenceDate; var note: String; var inferred: Bool }

    static func find(_ t: [Unicode.Scalar]) -> Found? {
        let lines = Furniture.lineRanges(t)
        let head = Array(lines.prefix(14))
        var meta: ReferenceDate?, metaNote = ""
        // 1. Metadata lines: `# date: 2020-10-28`, front matter `date: 2020-10-28`.
        var inFront = false
        for (k, l) in lines.prefix(40).enumerated() {
            let s = t.string(l.lowerBound..<min(l.upperBound, l.lowerBound + 400))
            if k == 0, s == "---" { inFront = true; continue }
            if inFront, s == "---" { break }
            guard inFront || s.hasPrefix("#") else { if !inFront { break } else { continue } }
            let body = s.drop(while: { $0 == "#" || $0 == " " }).lowercased()
            for key in ["date:", "published:", "pubdate:", "time:", "日期:", "时间:", "date：", "日期："] where body.hasPrefix(key) {
                let v = scalars(String(body.dropFirst(key.count)))
                if let d = firstDate(v, 0..<v.count) { meta = d; metaNote = "metadata line" }
            }
        }
        // 2. A date line in the head.
        var line: ReferenceDate?
        for l in head where line == nil { line = dateLine(t, l.lowerBound..<min(l.upperBound, l.lowerBound + 80)) }
        // 3. The source URL's path.
        var url: ReferenceDate?
        for l in lines.prefix(40) where url == nil {
            let l = l.lowerBound..<min(l.upperBound, l.lowerBound + 400)
            let s = t.string(l)
            if s.contains("http") || s.contains("www.") { url = urlDate(t, l) }
        }
        // 4. A signature date: a line near the end holding only a full date.
        var signature: ReferenceDate?
        for l in lines.suffix(4).reversed() where signature == nil && l.count <= 40 {
            if let d = firstDate(t, l), d.day != nil {
                let rest = t[l].filter { !isSpace($0) }.count
                if rest <= 14 { signature = d }
            }
        }
        let page = meta ?? line ?? url ?? signature
        let pageNote = meta != nil ? metaNote : line != nil ? "date line" : url != nil ? "source URL" : "signature date"
        // A dateline names the story's day; the year comes from the page, or from the text.
        for l in head {
            guard let dl = Furniture.datelineDate(t, l) else { continue }
            if let p = page {
                var y = p.year
                if let pm = p.month, dl.month > pm { y -= 1 }  // a December story on a January page
                return Found(date: ReferenceDate(year: y, month: dl.month, day: dl.day), note: "dateline + \(pageNote)", inferred: false)
            }
            if let y = textYear(t) {
                return Found(date: ReferenceDate(year: y.year, month: dl.month, day: dl.day), note: "dateline; year from the text (\(y.note))", inferred: true)
            }
            break
        }
        if let p = page { return Found(date: p, note: pageNote, inferred: false) }
        if let y = textYear(t) { return Found(date: ReferenceDate(year: y.year), note: y.note, inferred: true) }
        return nil
    }

    /// `时间:2020-10-28 16:33`, `发布日期：2020年10月28日`, `2016-07-16 04:38`, `16.07.2016 04:38`.
    static func dateLine(_ t: [Unicode.Scalar], _ l: Range<Int>) -> ReferenceDate? {
        let labelled = ["时间", "日期", "发布", "发稿", "更新"].contains { w in t.contains(scalars(w), in: l.lowerBound..<min(l.upperBound, l.lowerBound + 12)) }
        for i in l where isDigit(t[i]) && (i == l.lowerBound || !isDigit(t[i - 1])) {
            if let d = Extractor.isoDate(t, i), labelled || i == l.lowerBound || (d.end < t.count && t[d.end] == " " && d.end + 3 < t.count && isDigit(t[d.end + 1])) {
                return ReferenceDate(year: d.y, month: d.m, day: d.d)
            }
            if let (d, j) = Extractor.twoDigits(t, i), j < t.count, t[j] == ".", let (mo, k) = Extractor.twoDigits(t, j + 1), k < t.count, t[k] == ".",
               k + 4 < t.count, let y = Int(t.string((k + 1)..<(k + 5))), (1900...2100).contains(y), (1...12).contains(mo), (1...31).contains(d) {
                return ReferenceDate(year: y, month: mo, day: d)
            }
            if labelled || i == l.lowerBound, let d = firstDate(t, i..<l.upperBound), d.day != nil { return d }
        }
        return nil
    }

    /// The first full date in `r`: ISO (`2020-10-28`, `2020/10/28`) or Chinese (`2020年10月28日`,
    /// `二〇二〇年十月二十八日`), or a year and month.
    static func firstDate(_ t: [Unicode.Scalar], _ r: Range<Int>) -> ReferenceDate? {
        let rec = DateRecognizer(t: t, ref: nil)
        var i = r.lowerBound
        while i < r.upperBound {
            if isDigit(t[i]), let d = Extractor.isoDate(t, i) { return ReferenceDate(year: d.y, month: d.m, day: d.d) }
            if let m = rec.match(at: i, limit: r.upperBound, carry: nil), m.explicitYear, m.month != nil {
                return ReferenceDate(year: m.year, month: m.month, day: m.day)
            }
            i += 1
        }
        return nil
    }

    /// `/2016-07/21/`, `/2016/07/21/`, `/2019/1122/`, `/20170720/`, `t20170720_`, `/201707/t…` in a URL.
    static func urlDate(_ t: [Unicode.Scalar], _ l: Range<Int>) -> ReferenceDate? {
        let s = t.string(l)
        let u = Array(s.unicodeScalars)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count, (a..<(a + n)).allSatisfy({ isDigit(u[$0]) }) else { return nil }
            return Int(String(String.UnicodeScalarView(u[a..<(a + n)])))
        }
        func ok(_ y: Int, _ m: Int, _ d: Int?) -> ReferenceDate? {
            guard (1990...2100).contains(y), (1...12).contains(m) else { return nil }
            if let d, !(1...31).contains(d) { return nil }
            return ReferenceDate(year: y, month: m, day: d)
        }
        var monthOnly: ReferenceDate?
        for i in 0..<u.count where u[i] == "/" || u[i] == "t" || u[i] == "_" || u[i] == "-" {
            let a = i + 1
            guard let y = num(a, 4), a + 4 < u.count else { continue }
            if a + 4 < u.count, a + 8 <= u.count, let m = num(a + 4, 2), let d = num(a + 6, 2), a + 8 == u.count || !isDigit(u[a + 8]),
               let r = ok(y, m, d) { return r }  // 20170720
            let sep = u[a + 4]
            // /2019/1122/: the year, then month and day as one segment.
            if sep == "/", let m = num(a + 5, 2), let d = num(a + 7, 2), a + 9 < u.count, u[a + 9] == "/" || u[a + 9] == "_" || u[a + 9] == ".",
               let r = ok(y, m, d) { return r }
            if sep == "-" || sep == "/", let m = num(a + 5, 2) {
                if a + 8 < u.count, u[a + 7] == "/" || u[a + 7] == "-", let d = num(a + 8, 2), a + 10 == u.count || !isDigit(u[a + 10]), let r = ok(y, m, d) { return r }
                if monthOnly == nil, let r = ok(y, m, nil) { monthOnly = r }
            }
            if monthOnly == nil, let m = num(a + 4, 2), a + 6 < u.count, u[a + 6] == "/", let r = ok(y, m, nil) { monthOnly = r }  // /201707/
        }
        return monthOnly
    }

    /// The year the text is about: the year named in sentences that also say 今年 (今年是2016年,
    /// 2016年…今年), else the latest year named outside plans and targets (到2020年, 力争).
    static func textYear(_ t: [Unicode.Scalar]) -> (year: Int, note: String)? {
        var years: [Int] = [], thisYear: [Int: Int] = [:]
        let targets = ["到", "至", "预计", "计划", "力争", "争取", "目标", "前", "截至"].map(scalars)
        let jin = scalars("今年")
        let sentences = Sentences.split(t)
        for s in sentences {
            let saysThisYear = t.contains(jin, in: s)
            for i in s where isDigit(t[i]) && (i == 0 || !isDigit(t[i - 1])) {
                guard i + 4 < s.upperBound, (0..<4).allSatisfy({ isDigit(t[i + $0]) }), t[i + 4] == "年",
                      let y = Int(t.string(i..<(i + 4))), (1900...2100).contains(y) else { continue }
                if targets.contains(where: { i - $0.count >= 0 && t.has($0, at: i - $0.count) }) { continue }
                years.append(y)
                if saysThisYear { thisYear[y, default: 0] += 1 }
            }
        }
        if let best = thisYear.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            return (best.key, "the year 今年 sentences name: \(best.key)")
        }
        if let y = years.max() { return (y, "latest year named: \(y)") }
        return nil
    }
}
