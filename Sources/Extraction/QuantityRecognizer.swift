import Foundation

/// Money (`8000万元`, `近3000万元`, `60万-80万元`, `一百二十到一百五十万元`, `六十四万零一百四十三元一角七分`,
/// `几十万元`, `至少九千块`) and counts with their measure words (`14名`, `2200余人`, `5万锭`,
/// `6.3万多人`, `96.5%`) in one sentence, all read by the one numeral grammar (`Numerals`).
struct QuantityRecognizer {
    let t: [Unicode.Scalar]

    struct Money { var range: Range<Int>; var value: Decimal; var low: Decimal?; var high: Decimal?; var approx: String? }
    struct Count { var range: Range<Int>; var value: Decimal; var low: Decimal? = nil; var high: Decimal? = nil; var unit: String; var approx: String? }

    enum Found {
        case money(Money), count(Count)
        var range: Range<Int> {
            switch self { case .money(let m): return m.range; case .count(let c): return c.range }
        }
    }

    /// Money and counts start with one of these: a digit, a Chinese numeral character, the
    /// first character of a vague numeral (几十, 数百, 上千, 成千) or of an approximation word
    /// (约, 超过, 近), or 从 (从10元到20元). `sentence` reads nowhere else.
    static let starts: ScalarSet = {
        let approx: [Unicode.Scalar] = Lexicon.approxBefore.map { $0.0[0] }
        return ScalarSet(Array("0123456789几数上成从".unicodeScalars) + Numerals.numeralChars.scalars + approx)
    }()

    /// `taken` must be sorted (the date matches of the sentence, in order).
    func sentence(_ r: Range<Int>, skipping taken: [Range<Int>]) -> [Found] {
        var out: [Found] = []
        var i = r.lowerBound
        var next = 0  // the next taken range not yet passed: one pass, not a search per position
        var clauseEnd = r.lowerBound, moneyClause = false  // worked out once per clause
        let starts = Self.starts
        while i < r.upperBound {
            while next < taken.count, taken[next].upperBound <= i { next += 1 }
            if next < taken.count, taken[next].contains(i) { i = taken[next].upperBound; continue }
            guard starts.contains(t[i]) else { i += 1; continue }
            // Clause marks never start a number: the clause of `i` is the one around it.
            if i >= clauseEnd {
                var a = i, b = i
                while a > r.lowerBound, !Extractor.clauseMarks.contains(t[a - 1]) { a -= 1 }
                while b < r.upperBound, !Extractor.clauseMarks.contains(t[b]) { b += 1 }
                moneyClause = Lexicon.isMoneyClause(t, a..<b)
                clauseEnd = b + 1
            }
            if let m = money(at: i, limit: r.upperBound, moneyClause: moneyClause) {
                out.append(.money(m)); i = m.range.upperBound; continue
            }
            if let c = count(at: i, limit: r.upperBound) {
                out.append(.count(c)); i = c.range.upperBound; continue
            }
            // A numeral nothing could read whole is skipped whole: never a fragment of it
            // (`225.00元` out of `82，225.00元`, `20人` out of `10-20人`).
            if isDigit(t[i]) {
                var j = i
                while j < r.upperBound, isDigit(t[j]) || t[j] == "." || Numerals.isSeparator(t[j]) && j + 1 < r.upperBound && isDigit(t[j + 1]) { j += 1 }
                if j < r.upperBound, Lexicon.rangeSeparators.contains(t[j]), j + 1 < r.upperBound, isDigit(t[j + 1]) {
                    j += 1
                    while j < r.upperBound, isDigit(t[j]) || t[j] == "." { j += 1 }
                }
                i = max(j, i + 1)
                continue
            }
            i += 1
        }
        return out
    }

    /// An approximation or bound word ending right at `i`'s number, as (start of number, label).
    /// The 约 of 签约, 节约, 合约 is no approximation.
    func approxPrefix(at i: Int) -> (Int, String)? {
        for (w, label) in Lexicon.approxBefore where t.has(w, at: i) {
            if w == Lexicon.yue, i > 0, Lexicon.yueCompounds.contains(t[i - 1]) { continue }
            return (i + w.count, label)
        }
        return nil
    }

    func moreOrOver(at i: Int) -> (String, Int)? {
        if i < t.count, t[i] == "多" { return ("多", i + 1) }
        if i < t.count, t[i] == "余" { return ("余", i + 1) }
        return nil
    }

    /// A number starting a token at `i`: Arabic (with 万/亿 compounds: `3亿5000万`), Chinese
    /// (`六十四万零一百四十三`), or vague (`几十万`, `三五百`, `上千`) when Chinese is allowed.
    func number(at i: Int, allowChinese: Bool, rangeEnd: Bool = false) -> Numerals.Reading? {
        guard i < t.count else { return nil }
        if isDigit(t[i]) {
            guard i == 0 || !(isASCIIAlnum(t[i - 1]) || t[i - 1] == "." || t[i - 1] == "%") else { return nil }
            // The second half of a range (`10-20`) is read with its first half or not at all.
            if !rangeEnd, i >= 2, Lexicon.rangeSeparators.contains(t[i - 1]), isDigit(t[i - 2]) { return nil }
            guard let a = Numerals.arabic(t, i) else { return nil }
            if a.end < t.count, t[a.end] == "点", a.end + 1 < t.count, isDigit(t[a.end + 1]) { return nil }  // 24点5
            return Numerals.compound(t, a, i)
        }
        guard allowChinese else { return nil }
        if i > 0, Numerals.isChineseNumeralChar(t[i - 1]) || t[i - 1] == "第" || t[i - 1] == "初" { return nil }
        if let v = Numerals.vague(t, i) { return v }
        return Numerals.chinese(t, i)
    }

    /// 千万/百万/千 after an Arabic number without 万/亿 (`5千万元`), and 个亿 (`6个亿`).
    func arabicMagnitude(at j: Int, after n: Numerals.Reading) -> (Decimal, Int)? {
        if t.has(Lexicon.geYi, at: j) { return (100_000_000, j + 2) }
        if t.has(Lexicon.geWan, at: j) { return (10_000, j + 2) }
        guard n.isArabic, n.lastMagnitude == nil else { return nil }
        for (w, v) in Lexicon.arabicMagnitudes where t.has(w, at: j) { return (v, j + w.count) }
        return nil
    }

    /// The 元 (圆, 块) of an amount at `j`, with 角/毛 and 分 after it: returns the yuan added and the end.
    func yuanUnit(at j: Int, value: Decimal, chinese: Bool) -> (fraction: Decimal, end: Int)? {
        guard j < t.count else { return nil }
        let c = t[j]
        guard c == "元" || c == "圆" || c == "块" else { return nil }
        let nextC: Unicode.Scalar = j + 1 < t.count ? t[j + 1] : "。"
        if c == "元", Lexicon.notYuanAfter.contains(nextC) { return nil }  // 元旦, 元年, 元素
        var k = j + 1
        var fraction: Decimal = 0
        func small(_ at: Int) -> (Int, Int)? {
            guard at < t.count else { return nil }
            if isDigit(t[at]), at + 1 < t.count, !isDigit(t[at + 1]) { return (Int(t[at].value - 48), at + 1) }
            if let d = Numerals.digitValues[t[at]] { return (d, at + 1) }
            return nil
        }
        if let (d, e) = small(k), e < t.count, t[e] == "角" || t[e] == "毛" { fraction += Decimal(d) / 10; k = e + 1 }
        if let (d, e) = small(k), e < t.count, t[e] == "分", !(e + 1 < t.count && "之钟".unicodeScalars.contains(t[e + 1])) { fraction += Decimal(d) / 100; k = e + 1 }
        if k < t.count, t[k] == "钱" || t[k] == "整" { k += 1 }
        if c == "块", k == j + 1 {
            // 块 is also a piece (一块土地): money only at a clause end or before an amount word.
            guard Extractor.clauseMarks.contains(nextC) || "左以上多余的".unicodeScalars.contains(nextC) || j + 1 >= t.count else { return nil }
        }
        return (fraction, k)
    }

    static let han = scalars("(含)"), hanFull = scalars("（含）")

    /// `(含)` after a bound: skipped.
    func skipInclusive(_ j: Int) -> Int {
        if t.has(Self.han, at: j) { return j + 3 }
        if t.has(Self.hanFull, at: j) { return j + 3 }
        return j
    }

    struct Head { var value: Decimal; var low: Decimal?; var high: Decimal?; var end: Int; var hasMagnitude: Bool; var trailing: Decimal?; var approx: String?; var chinese: Bool }

    /// A number with what can follow it before the unit: 多/余, a magnitude, 多/余 again.
    func head(at i: Int, allowChinese: Bool, rangeEnd: Bool = false) -> Head? {
        guard let n = number(at: i, allowChinese: allowChinese, rangeEnd: rangeEnd) else { return nil }
        var v = n.value, low = n.low, high = n.high
        var j = n.end
        var approx: String? = n.vague ? "约" : nil
        var mag: Decimal? = n.lastMagnitude.map { Decimal($0) }
        if let (a, k) = moreOrOver(at: j) { approx = approx ?? a; j = k }
        if let (m, k) = arabicMagnitude(at: j, after: n) ?? bigMagnitude(at: j) {
            v *= m; low = low.map { $0 * m }; high = high.map { $0 * m }; mag = m; j = k
        }
        if let (a, k) = moreOrOver(at: j) {
            approx = approx ?? a; j = k
            // 5千多万, 3百余亿: a small magnitude, 多, then 万/亿 multiplies in (else 千多万 would be read alone).
            if let m0 = mag, m0 < 10_000, let (m, k2) = bigMagnitude(at: j) {
                v *= m; low = low.map { $0 * m }; high = high.map { $0 * m }; mag = m0 * m; j = k2
            }
        }
        return Head(value: v, low: low, high: high, end: j, hasMagnitude: mag != nil, trailing: mag, approx: approx, chinese: !n.isArabic)
    }

    func bigMagnitude(at j: Int) -> (Decimal, Int)? {
        guard j < t.count, let m = Numerals.bigUnits[t[j]] else { return nil }
        return (Decimal(m), j + 1)
    }

    /// A bound word after an amount: 以上, 以下, 左右, 上下.
    func boundSuffix(at j: Int) -> (String, Int)? {
        for (w, label) in Lexicon.boundAfter where t.has(w, at: j) { return (label, j + w.count) }
        return nil
    }

    func money(at start: Int, limit: Int, moneyClause: Bool) -> Money? {
        var i = start
        var approx: String?
        if let (after, label) = approxPrefix(at: i) { i = after; approx = label }
        if i < t.count, t[i] == "从" { i += 1 }
        guard let h1 = head(at: i, allowChinese: true) else { return nil }
        if h1.chinese, i > 0, t[i - 1] == "第" { return nil }
        approx = approx ?? h1.approx
        var j = skipInclusive(h1.end)
        // The unit right after the first number: 10元, 六十四万零一百四十三元一角七分.
        if let (fraction, k) = yuanUnit(at: j, value: h1.value, chinese: h1.chinese) {
            guard !h1.chinese || h1.hasMagnitude || h1.value >= 10 || h1.low != nil || fraction > 0 || k > j + 1 else { return nil }  // 一元复始
            var end = k
            // 10元-20元: the unit twice.
            if end < t.count, let sep = separator(at: end), let h2 = head(at: sep, allowChinese: h1.chinese, rangeEnd: true), h2.low == nil,
               let (f2, k2) = yuanUnit(at: skipInclusive(h2.end), value: h2.value, chinese: h2.chinese) {
                let lo = h1.value + fraction, hi = h2.value + f2
                if lo < hi { return Money(range: start..<k2, value: (lo + hi) / 2, low: lo, high: hi, approx: nil) }
            }
            if let (label, e) = boundSuffix(at: end) { approx = approx ?? label; end = e }
            return Money(range: start..<end, value: h1.value + fraction, low: h1.low.map { $0 + fraction }, high: h1.high.map { $0 + fraction }, approx: approx)
        }
        // A range with the unit once: 60万-80万元, 60-80万元, 一百二十到一百五十万元, 1万(含)-5万元.
        if let sep = separator(at: j), let h2 = head(at: sep, allowChinese: true, rangeEnd: true), h2.low == nil, h1.low == nil {
            let k = skipInclusive(h2.end)
            let unit = yuanUnit(at: k, value: h2.value, chinese: h2.chinese)
            if unit != nil || (moneyClause && h2.hasMagnitude && !continuesWord(at: k)) {
                let scale: Decimal = h1.hasMagnitude ? 1 : (h2.trailing ?? 1)
                let lo = h1.value * scale, hi = h2.value
                guard lo < hi else { return nil }
                var end = unit?.end ?? k
                var ap: String?
                if let (label, e) = boundSuffix(at: end) { ap = label; end = e }
                return Money(range: start..<end, value: (lo + hi) / 2, low: lo, high: hi, approx: ap)
            }
            return nil
        }
        // Money without 元 in a money clause: 110亿, 150万 (a magnitude, and no measure word after);
        // 6个亿 is money wherever it stands.
        if moneyClause && (h1.hasMagnitude || h1.low != nil) || t.has(Lexicon.geYi, at: h1.end - 2), !continuesWord(at: j) {
            var end = j
            if let (label, e) = boundSuffix(at: end) { approx = approx ?? label; end = e }
            return Money(range: start..<end, value: h1.value, low: h1.low, high: h1.high, approx: approx)
        }
        return nil
    }

    /// A range separator at `j` (`-`, `—`, `——`, `~`, `至`, `到`), returning where the second number starts.
    func separator(at j: Int) -> Int? {
        guard j < t.count, Lexicon.rangeSeparators.contains(t[j]) else { return nil }
        var k = j + 1
        if k < t.count, t[k] == t[j], t[j] == "—" { k += 1 }
        return k
    }

    /// True when a word goes on at `j` that makes the number something other than money
    /// (a measure word: 3万多亩, 5万人; a percent; a date).
    func continuesWord(at j: Int) -> Bool {
        guard j < t.count else { return false }
        if Extractor.clauseMarks.contains(t[j]) || t[j] == "\n" || t[j] == "、" || t[j] == "）" || t[j] == ")" || t[j] == " " { return false }
        if Lexicon.boundAfter.contains(where: { t.has($0.0, at: j) }) { return false }
        if t[j] == "的" || t[j] == "用" || t[j] == "和" || t[j] == "与" || t[j] == "及" || t[j] == "资" { return false }
        return true
    }

    func count(at start: Int, limit: Int) -> Count? {
        var i = start
        var approx: String?
        if let (after, label) = approxPrefix(at: i) { i = after; approx = label }
        guard i < t.count, isDigit(t[i]) else { return nil }
        if i > 0, t[i - 1] == "第" { return nil }  // ordinals
        guard let h = head(at: i, allowChinese: false) else { return nil }
        // Numbers inside names: “16234”工作法, “1+N”.
        if i > 0, "“\"「+".unicodeScalars.contains(t[i - 1]), h.end < t.count, "”\"」+".unicodeScalars.contains(t[h.end]) { return nil }
        if h.end < t.count, t[h.end] == "+" { return nil }
        approx = approx ?? h.approx
        var j = h.end
        var low: Decimal?, high: Decimal?, value = h.value
        // 10-20人: a range of counts.
        if let sep = separator(at: j), sep < t.count, isDigit(t[sep]), let h2 = head(at: sep, allowChinese: false, rangeEnd: true) {
            let scale: Decimal = h.hasMagnitude ? 1 : (h2.trailing ?? 1)
            guard h.value * scale < h2.value else { return nil }
            low = h.value * scale; high = h2.value; value = (low! + high!) / 2; j = h2.end
        }
        if j < t.count, t[j] == "%" {
            var end = j + 1
            if let (label, e) = boundSuffix(at: end) { approx = approx ?? label; end = e }
            return Count(range: start..<end, value: value, low: low, high: high, unit: "%", approx: approx)
        }
        if low == nil, h.end < t.count, t[h.end] == "-" || t[h.end] == "—" { return nil }
        guard let unitWord = Lexicon.measures.longest(at: j, in: t) else { return nil }
        var unit = String(String.UnicodeScalarView(unitWord))
        var end = j + unitWord.count
        if unit == "个", Lexicon.notAfterGe.contains(where: { t.has($0, at: end) }) { return nil }
        if unit == "个人" { unit = "人" }
        if let (label, e) = boundSuffix(at: end) { approx = approx ?? label; end = e }
        return Count(range: start..<end, value: value, low: low, high: high, unit: unit, approx: approx)
    }
}
