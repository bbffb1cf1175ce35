/// Money (`8000万元`, `近3000万元`, `60万-80万元`, `两千五百万元`, `5.8亿余元`) and counts with
/// their measure words (`14名`, `2200余人`, `5万锭`, `96.5%`) in one sentence.
struct QuantityRecognizer {
    let t: [Unicode.Scalar]

    struct Money { var range: Range<Int>; var value: Double; var low: Double?; var high: Double?; var approx: String? }
    struct Count { var range: Range<Int>; var value: Double; var unit: String; var approx: String? }

    enum Found { case money(Money), count(Count) }

    func sentence(_ r: Range<Int>, skipping taken: [Range<Int>]) -> [Found] {
        var out: [Found] = []
        var i = r.lowerBound
        while i < r.upperBound {
            if let busy = taken.first(where: { $0.contains(i) }) { i = busy.upperBound; continue }
            if let m = money(at: i, limit: r.upperBound) {
                out.append(.money(m)); i = m.range.upperBound; continue
            }
            if let c = count(at: i, limit: r.upperBound) {
                out.append(.count(c)); i = c.range.upperBound; continue
            }
            i += 1
        }
        return out
    }

    /// An approximation word ending right at `i`'s number, as (start, label).
    func approxPrefix(at i: Int) -> (Int, String)? {
        for (w, label) in Lexicon.approxBefore where t.has(w, at: i) { return (i + w.count, label) }
        return nil
    }

    func magnitude(at i: Int) -> (Double, Int)? {
        for (w, v) in Lexicon.moneyMagnitudes where t.has(w, at: i) { return (v, i + w.count) }
        return nil
    }

    func moreOrOver(at i: Int) -> (String, Int)? {
        if i < t.count, t[i] == "多" { return ("多", i + 1) }
        if i < t.count, t[i] == "余" { return ("余", i + 1) }
        return nil
    }

    /// A number (Arabic, or Chinese for money) starting a token at `i`.
    func number(at i: Int, allowChinese: Bool) -> Numerals.Reading? {
        guard i < t.count else { return nil }
        if isDigit(t[i]) {
            guard i == 0 || !(isASCIIAlnum(t[i - 1]) || t[i - 1] == ".") else { return nil }
            return Numerals.arabic(t, i)
        }
        return allowChinese ? Numerals.chinese(t, i) : nil
    }

    func money(at start: Int, limit: Int) -> Money? {
        var i = start
        var approx: String?
        if let (after, label) = approxPrefix(at: i) { i = after; approx = label }
        guard let n1 = number(at: i, allowChinese: true) else { return nil }
        if !n1.isArabic, i > 0, t[i - 1] == "第" { return nil }
        var j = n1.end
        if let (a, k) = moreOrOver(at: j) { approx = approx ?? a; j = k }
        let mag1 = magnitude(at: j)
        if let m = mag1 { j = m.1 }
        if let (a, k) = moreOrOver(at: j) { approx = approx ?? a; j = k }
        if j < t.count, t[j] == "元" {
            guard n1.isArabic || mag1 != nil || n1.value >= 10 else { return nil }  // 一元 is rarely an amount
            return Money(range: start..<(j + 1), value: n1.value * (mag1?.0 ?? 1), low: nil, high: nil, approx: approx)
        }
        // A range: 60万-80万元, 60-80万元.
        if j < t.count, Lexicon.rangeSeparators.contains(t[j]), let n2 = number(at: j + 1, allowChinese: false) {
            var k = n2.end
            let mag2 = magnitude(at: k)
            if let m = mag2 { k = m.1 }
            if let (_, kk) = moreOrOver(at: k) { k = kk }
            if k < t.count, t[k] == "元" {
                let low = n1.value * (mag1?.0 ?? mag2?.0 ?? 1), high = n2.value * (mag2?.0 ?? 1)
                guard low <= high else { return nil }
                return Money(range: start..<(k + 1), value: (low + high) / 2, low: low, high: high, approx: nil)
            }
        }
        return nil
    }

    func count(at start: Int, limit: Int) -> Count? {
        var i = start
        var approx: String?
        if let (after, label) = approxPrefix(at: i) { i = after; approx = label }
        guard let n = number(at: i, allowChinese: false) else { return nil }
        if i > 0, t[i - 1] == "第" { return nil }  // ordinals
        // Numbers inside names: “16234”工作法, “1+N”.
        if i > 0, "“\"「+".unicodeScalars.contains(t[i - 1]), n.end < t.count, "”\"」+".unicodeScalars.contains(t[n.end]) { return nil }
        if n.end < t.count, t[n.end] == "+" || t[n.end] == "-" && n.end + 1 < t.count && isDigit(t[n.end + 1]) { return nil }
        var j = n.end
        if j < t.count, t[j] == "%" { return Count(range: start..<(j + 1), value: n.value, unit: "%", approx: approx) }
        if let (a, k) = moreOrOver(at: j) { approx = approx ?? a; j = k }
        var mult = 1.0
        if j < t.count, t[j] == "万" || t[j] == "亿", Lexicon.measures.contains(where: { t.has($0, at: j + 1) }) {
            mult = t[j] == "万" ? 1e4 : 1e8
            j += 1
        }
        if let (a, k) = moreOrOver(at: j) { approx = approx ?? a; j = k }
        guard let unitWord = t.longest(Lexicon.measures, at: j) else { return nil }
        var unit = String(String.UnicodeScalarView(unitWord))
        var end = j + unitWord.count
        if unit == "个", Lexicon.notAfterGe.contains(where: { t.has($0, at: end) }) { return nil }
        if unit == "个人" { unit = "人" }
        if t.has(scalars("以上"), at: end) { approx = approx ?? "以上"; end += 2 }
        return Count(range: start..<end, value: n.value * mult, unit: unit, approx: approx)
    }
}
