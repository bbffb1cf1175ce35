/// Reading numbers as Chinese text writes them: Arabic (`8000`, `2.8027`, `1,429`) and Chinese
/// (`两千五百`, `三`, `一百二十`), each returning the value and where it ends.
enum Numerals {
    struct Reading { var value: Double; var end: Int; var isArabic: Bool; var digits: Int }

    static let maxDigits = 15

    /// An Arabic number at `i`: digits, optional `,` thousands groups, optional decimals.
    static func arabic(_ t: [Unicode.Scalar], _ i: Int) -> Reading? {
        guard i < t.count, isDigit(t[i]) else { return nil }
        var j = i
        var s = ""
        var digits = 0, group = 0
        while j < t.count {
            if isDigit(t[j]) { s.unicodeScalars.append(t[j]); digits += 1; group += 1; j += 1; continue }
            // A thousands separator only after 1–3 digits and before exactly three: web text
            // also uses "," as the clause comma.
            if t[j] == ",", group <= 3, j + 3 < t.count, isDigit(t[j + 1]), isDigit(t[j + 2]), isDigit(t[j + 3]),
               j + 4 >= t.count || !isDigit(t[j + 4]) {
                group = 0
                j += 1
                continue
            }
            break
        }
        if j + 1 < t.count, t[j] == ".", isDigit(t[j + 1]) {
            s += "."
            j += 1
            while j < t.count, isDigit(t[j]) { s.unicodeScalars.append(t[j]); j += 1 }
        }
        // More than 15 digits is an identifier (an 18-digit ID card number, a serial), not a
        // quantity: no amount in a report needs them, and 300 of them overflow to infinity.
        guard digits <= maxDigits, let v = Double(s), v.isFinite else { return nil }
        return Reading(value: v, end: j, isArabic: true, digits: digits)
    }

    static let digitValues: [Unicode.Scalar: Double] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let smallUnits: [Unicode.Scalar: Double] = ["十": 10, "百": 100, "千": 1000]
    static let bigUnits: [Unicode.Scalar: Double] = ["万": 1e4, "亿": 1e8]

    /// A Chinese numeral at `i` (`两千五百`, `十`, `三万`). Stops before a trailing 万/亿 when
    /// `keepMagnitude` is false, so `两千五百万元` reads 2500 and the caller applies 万.
    static func chinese(_ t: [Unicode.Scalar], _ i: Int, keepMagnitude: Bool = false) -> Reading? {
        var j = i
        var total = 0.0, section = 0.0, digit: Double? = nil
        var sawDigitOrTen = false
        while j < t.count {
            let c = t[j]
            if let d = digitValues[c] {
                digit = d; sawDigitOrTen = true; j += 1
            } else if let u = smallUnits[c] {
                section += (digit ?? 1) * u; digit = nil; sawDigitOrTen = true; j += 1
            } else if let u = bigUnits[c], keepMagnitude, sawDigitOrTen {
                total += (section + (digit ?? 0)) * u; section = 0; digit = nil; j += 1
            } else {
                break
            }
        }
        guard sawDigitOrTen, j > i else { return nil }
        return Reading(value: total + section + (digit ?? 0), end: j, isArabic: false, digits: 0)
    }

    /// Arabic first, then Chinese.
    static func any(_ t: [Unicode.Scalar], _ i: Int) -> Reading? { arabic(t, i) ?? chinese(t, i) }
}

extension Array where Element == Unicode.Scalar {
    /// True when `word` occurs at `i`.
    @inline(__always) func has(_ word: [Unicode.Scalar], at i: Int) -> Bool {
        guard i >= 0, i + word.count <= count else { return false }
        for k in 0..<word.count where self[i + k] != word[k] { return false }
        return true
    }

    /// The longest of `words` at `i`.
    func longest(_ words: [[Unicode.Scalar]], at i: Int) -> [Unicode.Scalar]? {
        var best: [Unicode.Scalar]?
        for w in words where has(w, at: i) && w.count > (best?.count ?? 0) { best = w }
        return best
    }

    func string(_ r: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: self[r.clamped(to: 0..<count)])
        return String(s)
    }

    func contains(_ word: [Unicode.Scalar], in r: Range<Int>) -> Bool {
        let r = r.clamped(to: 0..<count)
        guard r.count >= word.count else { return false }
        for i in r.lowerBound...(r.upperBound - word.count) where has(word, at: i) { return true }
        return false
    }
}

func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
