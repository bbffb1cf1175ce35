/// Page furniture: what a web page or a wire story prints around the article — metadata lines,
/// date and source lines, datelines, bylines and credits, photo captions, URLs, e-mail
/// addresses, clock times, image file names, phone and QQ numbers. None of it is a fact, and
/// none of it may become part of a sentence (a timeline label `08，46` or `央广网乌鲁木齐消息(记者…`
/// is worse than none), so the extractor blanks it before splitting sentences.
///
/// Works on normalised text (`NormalizedText.text`): full-width digits and letters are ASCII,
/// `\n` is a hard break. Returns the positions to blank; offsets are unchanged.
enum Furniture {
    static func mask(_ t: [Unicode.Scalar], isPDFLike: Bool) -> [Bool] {
        var m = [Bool](repeating: false, count: t.count)
        func blank(_ r: Range<Int>) { for k in r.clamped(to: 0..<t.count) { m[k] = true } }
        let lines = lineRanges(t)
        // Metadata at the top of the file: `# source: URL`, `# date: …`, YAML front matter.
        var li = 0
        if let first = lines.first, t.string(first) == "---" {
            blank(first)
            li = 1
            while li < lines.count { let l = lines[li]; blank(l); li += 1; if t.string(l) == "---" { break } }
        }
        while li < lines.count, t.has(hash, at: lines[li].lowerBound) { blank(lines[li]); li += 1 }
        if !isPDFLike {
            for l in lines where !m[l.lowerBound] && isFurnitureLine(t, l) { blank(l) }
        }
        for l in lines where !m[l.lowerBound] {
            if let d = dateline(t, l) { blank(d) }
        }
        inline(t, &m)
        return m
    }

    static let hash = scalars("#")

    static func lineRanges(_ t: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var a = 0
        for (i, c) in t.enumerated() where c == "\n" { if i > a { out.append(a..<i) }; a = i + 1 }
        if a < t.count { out.append(a..<t.count) }
        return out
    }

    /// Labels that open a line of page furniture rather than of the article.
    static let lineLabels = ["责任编辑", "编辑", "作者", "来源", "记者", "通讯员", "摄影", "图片来源", "图片", "图文", "原标题",
                             "本文来源", "稿源", "发布时间", "发稿时间", "发布日期", "时间", "日期", "浏览", "点击", "字号", "分享到", "【", "[责任编辑"].map(scalars)
    static let captionStarts = ["图为", "图：", "图:", "（图", "(图", "▲"].map(scalars)

    /// A line that is furniture as a whole: a credit or source line (`来源:杭州日报 作者:…`,
    /// `[责任编辑:…]`), a date/time line (`2019-12-19 08:46`, `16.07.2016 04:38`), a photo caption
    /// (`图为…`, `… 袁晶 摄`), or a lone name in brackets closing the story (`(吕娜)`).
    static func isFurnitureLine(_ t: [Unicode.Scalar], _ l: Range<Int>) -> Bool {
        let a = l.lowerBound
        var e = l.upperBound
        while e > a, isSpace(t[e - 1]) { e -= 1 }
        guard e > a else { return false }
        let n = e - a
        if captionStarts.contains(where: { t.has($0, at: a) }) { return true }
        if n <= 80, t[e - 1] == "摄", e - 2 >= a, !isDigit(t[e - 2]) { return true }
        if n <= 100, let w = t.longest(lineLabels, at: a) {
            let k = a + w.count
            if w == scalars("【") || w == scalars("[责任编辑") { return true }
            if k < e, t[k] == ":" || t[k] == "：" || isSpace(t[k]) { return true }
            if w == scalars("记者") || w == scalars("通讯员") { return n <= 30 && !t[a..<e].contains(where: { $0 == "，" || $0 == "。" || $0 == "," }) }
        }
        // A date or time line: mostly digits and - / . : with at most a short tail of labels.
        if n <= 80, isDigit(t[a]) {
            var j = a
            while j < e, isDigit(t[j]) || "-/.: 年月日".unicodeScalars.contains(t[j]) { j += 1 }
            let head = j - a
            if head >= 8, t[a..<j].contains(where: { $0 == ":" }) || j == e { return true }
        }
        // A source line with a timestamp anywhere (`http://… 2012-02-29 14:53 来源: …`), and
        // navigation or counters (`看点>>`, `共有 0 条评论`).
        if n <= 120, hasTimestamp(t, a..<e), !t[a..<e].contains(where: { "，。,；;".unicodeScalars.contains($0) }) { return true }
        if n <= 40, t.contains(scalars(">>"), in: a..<e) || t.contains(scalars("评论"), in: a..<e) || t.contains(scalars("分享"), in: a..<e) { return true }
        // `(吕娜)`: a short bracketed name on a line of its own.
        if n <= 12, t[a] == "(" || t[a] == "（", t[e - 1] == ")" || t[e - 1] == "）" { return true }
        return false
    }

    /// An ISO date followed by a clock time: `2012-02-29 14:53`.
    static func hasTimestamp(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        for i in r where isDigit(t[i]) && (i == r.lowerBound || !isDigit(t[i - 1])) {
            if let d = Extractor.isoDate(t, i), d.end + 3 < r.upperBound, t[d.end] == " " || t[d.end] == "\u{3000}", isDigit(t[d.end + 1]),
               t[(d.end + 1)..<min(r.upperBound, d.end + 4)].contains(":") { return true }
        }
        return false
    }

    static let datelineEnds = ["消息", "电", "讯", "报道"].map(scalars)

    /// A dateline opening a line: `新华社北京7月20日电`, `央广网乌鲁木齐10月31日消息`,
    /// `红网长沙2月16日讯`, `本报讯`, with the bracketed byline after it (`(记者…)`).
    static func dateline(_ t: [Unicode.Scalar], _ l: Range<Int>) -> Range<Int>? {
        let a = l.lowerBound
        var end: Int?
        if t.has(scalars("本报讯"), at: a) { end = a + 3 }
        if end == nil, let md = datelineDate(t, l) { end = md.end }
        guard var e = end else { return nil }
        if e < l.upperBound, t[e] == "(" || t[e] == "（", let close = closing(t, e, limit: min(l.upperBound, e + 40)) { e = close + 1 }
        return a..<e
    }

    /// The month and day of a dateline at the start of line `l`, and where its 电/消息/讯 ends.
    static func datelineDate(_ t: [Unicode.Scalar], _ l: Range<Int>) -> (month: Int, day: Int, end: Int)? {
        let a = l.lowerBound
        var i = a
        while i < min(l.upperBound, a + 24) {
            let c = t[i]
            if Extractor.clauseMarks.contains(c) || c == "“" || c == "《" { return nil }
            if isDigit(c) {
                var j = i, mo = 0
                while j < l.upperBound, isDigit(t[j]), j - i < 2 { mo = mo * 10 + Int(t[j].value - 48); j += 1 }
                guard j < l.upperBound, t[j] == "月", (1...12).contains(mo) else { return nil }
                var k = j + 1, d = 0
                while k < l.upperBound, isDigit(t[k]), k - j <= 2 { d = d * 10 + Int(t[k].value - 48); k += 1 }
                guard k > j + 1, k < l.upperBound, t[k] == "日", (1...31).contains(d), i - a >= 2 else { return nil }
                // The hour a wire story was filed: `9月28日18时讯`, `7月20日10时30分电`.
                var e = k + 1
                if let h = clockHour(t, e, limit: l.upperBound) { e = h }
                guard let w = t.longest(datelineEnds, at: e) else { return nil }
                return (mo, d, e + w.count)
            }
            i += 1
        }
        return nil
    }

    /// `18时` or `10时30分` at `i`: where it ends.
    static func clockHour(_ t: [Unicode.Scalar], _ i: Int, limit: Int) -> Int? {
        func digits(_ a: Int) -> Int? {
            var b = a
            while b < limit, b - a < 2, isDigit(t[b]) { b += 1 }
            return b > a ? b : nil
        }
        guard let h = digits(i), h < limit, t[h] == "时" else { return nil }
        if let m = digits(h + 1), m < limit, t[m] == "分" { return m + 1 }
        return h + 1
    }

    static func closing(_ t: [Unicode.Scalar], _ open: Int, limit: Int) -> Int? {
        var k = open + 1
        while k < limit { if t[k] == ")" || t[k] == "）" { return k }; if t[k] == "\n" { return nil }; k += 1 }
        return nil
    }

    static let creditWords = ["记者", "通讯员", "摄", "编辑", "供图", "实习生", "报道", "来源", "图为", "图/", "文/"].map(scalars)
    static let imageExtensions = ["jpg", "jpeg", "png", "gif", "bmp", "webp", "tif"]

    // Built once: this pass looks at every character of the text.
    static let http = scalars("http://"), https = scalars("https://"), www = scalars("www."), qq = scalars("qq")
    static let phoneLabels = ["电话", "热线", "手机", "传真"].map(scalars)
    static let phoneLabelStarts: ScalarSet = "qQ电热手传"
    static let urlPunctuation: ScalarSet = "-._~:/?#[]@!$&'*+,;=%"

    /// Furniture inside a line: URLs, e-mail addresses, clock times, phone and QQ numbers,
    /// image file names, bracketed credits and captions.
    static func inline(_ t: [Unicode.Scalar], _ m: inout [Bool]) {
        func blank(_ r: Range<Int>) { for k in r.clamped(to: 0..<t.count) { m[k] = true } }
        func urlChar(_ c: Unicode.Scalar) -> Bool { isASCIIAlnum(c) || urlPunctuation.contains(c) }
        var i = 0
        let n = t.count
        while i < n {
            let c = t[i]
            // URL
            if c == "h" || c == "w" || c == "H" || c == "W", t.hasCaseless(http, at: i) || t.hasCaseless(https, at: i) || t.hasCaseless(www, at: i) {
                var j = i
                while j < n, urlChar(t[j]) { j += 1 }
                // A trailing ASCII comma or period is the sentence's, not the URL's.
                while j > i, ",.;:".unicodeScalars.contains(t[j - 1]) { j -= 1 }
                blank(i..<j); i = j; continue
            }
            // e-mail: word@word.tld
            if c == "@", i > 0, isASCIIAlnum(t[i - 1]), i + 1 < n, isASCIIAlnum(t[i + 1]) {
                var a = i
                while a > 0, isASCIIAlnum(t[a - 1]) || "._-".unicodeScalars.contains(t[a - 1]) { a -= 1 }
                var j = i + 1
                while j < n, isASCIIAlnum(t[j]) || "._-".unicodeScalars.contains(t[j]) { j += 1 }
                while j > i, t[j - 1] == "." { j -= 1 }
                blank(a..<j); i = j; continue
            }
            // QQ number, phone label
            if phoneLabelStarts.contains(c), t.hasCaseless(qq, at: i) || phoneLabels.contains(where: { t.has($0, at: i) }) {
                var j = i + 2
                while j < n, t[j] == ":" || t[j] == "：" || t[j] == "号" || isSpace(t[j]) { j += 1 }
                let d0 = j
                while j < n, isDigit(t[j]) || t[j] == "-" || t[j] == "(" || t[j] == ")" { j += 1 }
                if j - d0 >= 5 { blank(d0..<j); i = j; continue }
            }
            if isDigit(c), i == 0 || !(isDigit(t[i - 1]) || t[i - 1] == "." || t[i - 1] == ":" || t[i - 1] == "-") {
                var j = i
                while j < n, isDigit(t[j]) { j += 1 }
                let run = j - i
                // A page timestamp glued to the text: 2025-11-05 11:03:53.
                if run == 4, let d = Extractor.isoDate(t, i), hasTimestamp(t, i..<min(n, d.end + 9)) {
                    var e = d.end + 1
                    while e < n, isDigit(t[e]) || t[e] == ":" { e += 1 }
                    blank(i..<e); i = e; continue
                }
                // Clock time: 08:46, 17:28:34 (not 1:2, a ratio written with digits only either side).
                if run <= 2, j + 2 < n, t[j] == ":", isDigit(t[j + 1]), isDigit(t[j + 2]), j + 3 >= n || !isDigit(t[j + 3]),
                   let h = Int(t.string(i..<j)), h <= 24 {
                    var e = j + 3
                    if e + 2 < n, t[e] == ":", isDigit(t[e + 1]), isDigit(t[e + 2]) { e += 3 }
                    blank(i..<e); i = e; continue
                }
                // Phone: 0571-88888888, 400-123-4567; mobile 13912345678.
                if (3...4).contains(run), j < n, t[j] == "-" {
                    var e = j + 1
                    while e < n, isDigit(t[e]) || (t[e] == "-" && e + 1 < n && isDigit(t[e + 1])) { e += 1 }
                    let digits = t[i..<e].filter(isDigit).count
                    if digits >= 10, digits <= 12 { blank(i..<e); i = e; continue }
                }
                if run == 11, t[i] == "1", (j >= n || !isDigit(t[j])) { blank(i..<j); i = j; continue }
            }
            // Image file name: IMG_0012.jpg, 20160716abc.png
            if c == ".", i > 0, isASCIIAlnum(t[i - 1]) {
                var j = i + 1
                while j < n, isASCIIAlnum(t[j]) { j += 1 }
                let ext = t.string((i + 1)..<j).lowercased()
                if imageExtensions.contains(ext) {
                    var a = i
                    while a > 0, isASCIIAlnum(t[a - 1]) || "_-".unicodeScalars.contains(t[a - 1]) { a -= 1 }
                    blank(a..<j); i = j; continue
                }
            }
            // A bracketed credit or caption: (记者 …), （图为…）, (袁晶 摄).
            if c == "(" || c == "（", let close = closing(t, i, limit: min(n, i + 60)) {
                let inner = (i + 1)..<close
                if creditWords.contains(where: { t.contains($0, in: inner) }), !t[inner].contains(where: { $0 == "，" || $0 == "。" }) {
                    blank(i..<(close + 1)); i = close + 1; continue
                }
            }
            i += 1
        }
    }
}

extension Array where Element == Unicode.Scalar {
    /// True when ASCII `word` occurs at `i`, ignoring ASCII case.
    func hasCaseless(_ w: [Unicode.Scalar], at i: Int) -> Bool {
        guard i >= 0, i + w.count <= count else { return false }
        for k in 0..<w.count {
            var a = self[i + k].value, b = w[k].value
            if a >= 65 && a <= 90 { a += 32 }
            if b >= 65 && b <= 90 { b += 32 }
            if a != b { return false }
        }
        return true
    }
}
