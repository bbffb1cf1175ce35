/// The few text patterns labels and headlines are cleaned with, as plain scans over Unicode
/// scalars.
///
/// They were ICU regular expressions (`replacingOccurrences(of:options: .regularExpression)`):
/// each call compiled its pattern again, and ICU's regex engine and its data cost a default
/// build ~1 MiB of resident memory for about a hundred short labels. Each scan here matches
/// exactly what its pattern did — leftmost match, greedy or lazy as written, `^` at the start of
/// the text, `$` at the end or before one final line break, `\s` as ICU defines it — and
/// `TextScanTests` checks that against ICU on thousands of generated strings.
enum TextScan {
    typealias Scalars = [Unicode.Scalar]

    // MARK: Character classes

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    /// `[0-9０-９]`.
    static func isAnyDigit(_ c: Unicode.Scalar) -> Bool { isDigit(c) || ("０"..."９").contains(c) }
    /// `[0-9０-９一二三四五六七八九十]`: a day or month written either way.
    static func isDateNumeral(_ c: Unicode.Scalar) -> Bool { isAnyDigit(c) || "一二三四五六七八九十".unicodeScalars.contains(c) }
    /// ICU's `\s`: the Unicode White_Space property (tabs, line breaks incl. U+000B and U+0085,
    /// all space separators).
    static func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
    /// What ICU's `$` may stand before at the end of the text.
    static func isLineTerminator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}": return true
        default: return false
        }
    }

    // MARK: Helpers

    /// Where `$` first holds: before a final line break (`\r\n` counts as one), else the end.
    static func endAnchor(_ s: Scalars) -> Int {
        if s.count >= 2, s[s.count - 2] == "\r", s[s.count - 1] == "\n" { return s.count - 2 }
        if let last = s.last, isLineTerminator(last) { return s.count - 1 }
        return s.count
    }

    static func has(_ s: Scalars, _ word: String, at i: Int) -> Bool {
        guard i >= 0 else { return false }
        var j = i
        for c in word.unicodeScalars {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    /// The length of the first of `words` found at `i`, tried in order (a regex alternation).
    static func firstWord(_ s: Scalars, _ words: [String], at i: Int) -> Int? {
        for w in words where has(s, w, at: i) { return w.unicodeScalars.count }
        return nil
    }

    /// How many scalars from `i` satisfy `test`, at most `limit`.
    static func run(_ s: Scalars, from i: Int, limit: Int = .max, _ test: (Unicode.Scalar) -> Bool) -> Int {
        var n = 0
        while i + n < s.count, n < limit, test(s[i + n]) { n += 1 }
        return n
    }

    static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s)
        return String(out)
    }

    static func string(_ s: Scalars) -> String { string(s[...]) }

    /// The text with every match (found left to right, each search starting where the last match
    /// ended) removed. `match(s, i)` is the length of the match starting at `i`, if any.
    static func removingMatches(_ text: String, _ match: (Scalars, Int) -> Int?) -> String {
        let s = Array(text.unicodeScalars)
        var out = Scalars()
        out.reserveCapacity(s.count)
        var i = 0, changed = false
        while i < s.count {
            if let n = match(s, i), n > 0 {
                i += n
                changed = true
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return changed ? string(out) : text
    }

    // MARK: The patterns

    /// `^[0-9０-９\s]+[，,、．.]\s*` removed: a stray page number before a label (`38 ，…`).
    static func droppingListNumber(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        let n = run(s, from: 0) { isAnyDigit($0) || isSpace($0) }
        guard n > 0, n < s.count, "，,、．.".unicodeScalars.contains(s[n]) else { return text }
        let end = n + 1 + run(s, from: n + 1, isSpace)
        return string(s[end...])
    }

    /// `[(（](记者|通讯员)[^)）]*[)）]` removed: bracketed credits (`(记者王某)`).
    static func droppingBylines(_ text: String) -> String {
        removingMatches(text) { s, i in
            guard s[i] == "(" || s[i] == "（", let w = firstWord(s, ["记者", "通讯员"], at: i + 1) else { return nil }
            let body = i + 1 + w
            let n = run(s, from: body) { $0 != ")" && $0 != "）" }
            return body + n < s.count ? 1 + w + n + 1 : nil
        }
    }

    /// `[0-9０-９.]+[个项所家名人座条批类户次万亿元]*$` removed: a trailing count (`…项目58个`).
    static func droppingTrailingQuantity(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        let end = endAnchor(s)
        let units = "个项所家名人座条批类户次万亿元".unicodeScalars
        var i = end
        while i > 0, units.contains(s[i - 1]) { i -= 1 }
        let unitsStart = i
        while i > 0, isAnyDigit(s[i - 1]) || s[i - 1] == "." { i -= 1 }
        guard i < unitsStart else { return text }
        return string(s[..<i] + s[end...])
    }

    /// `(https?:)?//[^\s，。]*|https?:?` removed: web addresses and their stray pieces.
    static func droppingWebAddresses(_ text: String) -> String {
        removingMatches(text) { s, i in
            let scheme = has(s, "https://", at: i) ? 6 : (has(s, "http://", at: i) ? 5 : (has(s, "//", at: i) ? 0 : nil))
            if let scheme {
                let body = i + scheme + 2
                return scheme + 2 + run(s, from: body) { !isSpace($0) && $0 != "，" && $0 != "。" }
            }
            guard has(s, "http", at: i) else { return nil }
            var n = 4
            if i + n < s.count, s[i + n] == "s" { n += 1 }
            if i + n < s.count, s[i + n] == ":" { n += 1 }
            return n
        }
    }

    /// `^[0-9０-９]{1,4}(年|月|日)(底|初|末)?` removed again and again: leading dates (`2015年12月`).
    static func droppingLeadingDates(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var i = 0
        while true {
            let n = run(s, from: i, isAnyDigit)
            guard (1...4).contains(n), i + n < s.count, "年月日".unicodeScalars.contains(s[i + n]) else { break }
            i += n + 1
            if i < s.count, "底初末".unicodeScalars.contains(s[i]) { i += 1 }
        }
        return i == 0 ? text : string(s[i...])
    }

    /// `[“”「」"()（）\[\]《》]` removed: quotes and brackets around a label's words.
    static func droppingQuotesAndBrackets(_ text: String) -> String {
        let marks = "“”「」\"()（）[]《》".unicodeScalars
        return removingMatches(text) { s, i in marks.contains(s[i]) ? 1 : nil }
    }

    /// `[0-9０-９]{1,2}[:：][0-9０-９]{2}` anywhere: a clock time (`18:28`).
    static func hasClockTime(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        guard s.count >= 4 else { return false }
        for p in 1..<(s.count - 2) where (s[p] == ":" || s[p] == "：") && isAnyDigit(s[p - 1]) && isAnyDigit(s[p + 1]) && isAnyDigit(s[p + 2]) {
            return true
        }
        return false
    }

    /// `^([0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4})`: a line
    /// that opens with a numeric date (`2024-03-31`, `21.11.2014`).
    static func opensWithNumericDate(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        /// One or two digits at `i` followed by one of `seps`: where the separator is.
        func part(_ i: Int, _ seps: String) -> Int? {
            let n = run(s, from: i, isDigit)
            guard (1...2).contains(n), i + n < s.count, seps.unicodeScalars.contains(s[i + n]) else { return nil }
            return i + n
        }
        if run(s, from: 0, isDigit) >= 4, s.count > 4, "-/.".unicodeScalars.contains(s[4]),
           let sep = part(5, "-/."), run(s, from: sep + 1, isDigit) >= 1 {
            return true
        }
        if let a = part(0, "./"), let b = part(a + 1, "./"), run(s, from: b + 1, isDigit) >= 4 { return true }
        return false
    }

    /// `^[^，,。\s]{1,6}[:：]`: a short `label:` opening a line (`来源：`, `编辑:`).
    static func opensWithShortLabel(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        for k in 1...6 {
            guard k < s.count else { return false }
            let c = s[k - 1]
            guard !isSpace(c), c != "，", c != ",", c != "。" else { return false }
            if s[k] == ":" || s[k] == "：" { return true }
        }
        return false
    }

    /// `^[图圖]为|^图片来源|供图$|摄$`: a photo caption or credit.
    static func isCaption(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        if has(s, "图为", at: 0) || has(s, "圖为", at: 0) || has(s, "图片来源", at: 0) { return true }
        let end = endAnchor(s)
        return has(s, "供图", at: end - 2) || has(s, "摄", at: end - 1)
    }

    // MARK: A headline's lead-in

    /// The lead-ins `ArticleTitle.lead` cuts from a first line, in order; each returns the
    /// length of its match at the start of the text (all are anchored with `^`).
    static let leadCuts: [@Sendable (Scalars) -> Int?] = [datelineWithDate, dateline, openingBracket, reporterLearned, accordingTo]

    /// `^[^，,。；;]{0,24}?[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日(电|讯|消息)`.
    static func datelineWithDate(_ s: Scalars) -> Int? {
        lazyOpening(s, limit: 24, stop: "，,。；;") { s, k in
            let m = run(s, from: k, limit: 3, isDateNumeral)
            guard (1...2).contains(m), k + m < s.count, s[k + m] == "月" else { return nil }
            let d0 = k + m + 1
            let d = run(s, from: d0, limit: 4, isDateNumeral)
            guard (1...3).contains(d), d0 + d < s.count, s[d0 + d] == "日" else { return nil }
            return firstWord(s, ["电", "讯", "消息"], at: d0 + d + 1).map { d0 + d + 1 + $0 - k }
        }
    }

    /// `^[^，,。；;]{0,16}?(电|讯|消息)[)）]?`.
    static func dateline(_ s: Scalars) -> Int? {
        lazyOpening(s, limit: 16, stop: "，,。；;") { s, k in
            guard let w = firstWord(s, ["电", "讯", "消息"], at: k) else { return nil }
            let close = k + w < s.count && (s[k + w] == ")" || s[k + w] == "）") ? 1 : 0
            return w + close
        }
    }

    /// `^\s*[(（][^)）]{0,40}[)）]`.
    static func openingBracket(_ s: Scalars) -> Int? {
        let w = run(s, from: 0, isSpace)
        guard w < s.count, s[w] == "(" || s[w] == "（" else { return nil }
        let n = run(s, from: w + 1) { $0 != ")" && $0 != "）" }
        guard n <= 40, w + 1 + n < s.count else { return nil }
        return w + 1 + n + 1
    }

    /// `^(记者|笔者)?(从|自|在)[^，,。]{0,40}(了解到|获悉|获知|得知)[，,：:]?`.
    static func reporterLearned(_ s: Scalars) -> Int? {
        let p = firstWord(s, ["记者", "笔者"], at: 0) ?? 0
        guard p < s.count, "从自在".unicodeScalars.contains(s[p]) else { return nil }
        return greedyRun(s, from: p + 1, limit: 40, stop: "，,。", words: ["了解到", "获悉", "获知", "得知"], after: "，,：:", afterRequired: false)
    }

    /// `^据[^，,。]{0,30}(介绍|消息|报道|统计)[，,：:]`.
    static func accordingTo(_ s: Scalars) -> Int? {
        guard has(s, "据", at: 0) else { return nil }
        return greedyRun(s, from: 1, limit: 30, stop: "，,。", words: ["介绍", "消息", "报道", "统计"], after: "，,：:", afterRequired: true)
    }

    /// `^[^stop]{0,limit}?` then `rest`: the shortest opening after which `rest` matches
    /// (`rest(s, k)` is the length it matches at `k`). The length of the whole match.
    static func lazyOpening(_ s: Scalars, limit: Int, stop: String, rest: (Scalars, Int) -> Int?) -> Int? {
        let stops = stop.unicodeScalars
        var k = 0
        while true {
            if let n = rest(s, k) { return k + n }
            guard k < limit, k < s.count, !stops.contains(s[k]) else { return nil }
            k += 1
        }
    }

    /// `[^stop]{0,limit}(words)[after]` from `start` (the characters before it already matched):
    /// the longest run after which one of `words` follows. The end of the whole match.
    static func greedyRun(_ s: Scalars, from start: Int, limit: Int, stop: String, words: [String], after: String,
                          afterRequired: Bool) -> Int? {
        let stops = stop.unicodeScalars, afters = after.unicodeScalars
        let n = run(s, from: start, limit: limit) { !stops.contains($0) }
        for j in stride(from: n, through: 0, by: -1) {
            guard let w = firstWord(s, words, at: start + j) else { continue }
            let end = start + j + w
            if end < s.count, afters.contains(s[end]) { return end + 1 }
            if !afterRequired { return end }
        }
        return nil
    }

    /// The text without the match of `cut` at its start, if any.
    static func droppingLead(_ text: String, _ cut: (Scalars) -> Int?) -> String {
        let s = Array(text.unicodeScalars)
        guard let n = cut(s), n > 0 else { return text }
        return string(s[n...])
    }
}
