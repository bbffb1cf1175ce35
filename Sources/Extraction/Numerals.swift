import Foundation

/// One numeral grammar for money, counts and dates: Arabic digits with thousands separators in
/// any width (`8,000`, `82，225.00`, `８，０００` once folded), Chinese numerals in the everyday and
/// the 大写 form (`两千五百`, `壹仟玖佰`, `六十四万零一百四十三`, `廿`), mixed forms with 万/亿
/// (`3亿5000万`, `1.2万`, `十二亿三千万`), and vague magnitudes (`几十万`, `数十亿`, `十几`, `三五百`,
/// `上千`) read as ranges. Values are `Decimal`, so `17.56亿` is 1756000000 exactly.
///
/// A reading either covers the whole numeral or is nil: `82，225.00` is never `225.00`, and a
/// Chinese numeral followed by 点 (`二十七点三`) is left alone.
enum Numerals {
    struct Reading {
        var value: Decimal
        var end: Int
        var isArabic: Bool
        var digits: Int
        /// Vague magnitudes (`几十`, `三五百`) and 上千: low and high bounds.
        var low: Decimal? = nil
        var high: Decimal? = nil
        /// The last 万 or 亿 read (`一百五十万` → 10000): a range's first half may share it.
        var lastMagnitude: Int? = nil
        var vague: Bool { low != nil }
    }

    static let maxDigits = 15
    // `Decimal(string:)` without a locale reads `.` as the decimal point: no Locale (and no ICU
    // locale data) is made for it.

    static func isSeparator(_ c: Unicode.Scalar) -> Bool { c == "," || c == "，" || c == "\u{FF0C}" }

    /// An Arabic number at `i`: digits, optional thousands groups (`,` or `，`), optional decimals.
    /// A `，` is a separator only between a group of 1–3 digits and exactly three more that end
    /// the number (a decimal point, a magnitude or a unit follows): Chinese text also uses it as
    /// the clause comma.
    static func arabic(_ t: [Unicode.Scalar], _ i: Int) -> Reading? {
        guard i < t.count, isDigit(t[i]) else { return nil }
        var j = i
        var s = ""
        var digits = 0, group = 0, groups = 0
        while j < t.count {
            if isDigit(t[j]) { s.unicodeScalars.append(t[j]); digits += 1; group += 1; j += 1; continue }
            // Three digits after the separator, all inside the text (a text may end on `0,08`).
            if isSeparator(t[j]), group <= 3, groups == 0 || group == 3, j + 3 < t.count,
               isDigit(t[j + 1]), isDigit(t[j + 2]), isDigit(t[j + 3]),
               j + 4 >= t.count || !isDigit(t[j + 4]) {
                if t[j] != "," {
                    // The full-width comma: only inside an amount that plainly goes on.
                    let after = j + 4 < t.count ? t[j + 4] : " "
                    guard after == "." || isSeparator(after) || Lexicon.numberFollowers.contains(after) else { break }
                }
                group = 0; groups += 1
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
        guard digits <= maxDigits, let v = Decimal(string: s) else { return nil }
        return Reading(value: v, end: j, isArabic: true, digits: digits)
    }

    static let digitValues: ScalarTable = [
        "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
        "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
    ]
    static let smallUnits: ScalarTable = ["十": 10, "拾": 10, "什": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]
    static let bigUnits: ScalarTable = ["万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000]
    static let tens: ScalarTable = ["廿": 20, "卅": 30]

    /// The characters a Chinese numeral is written with (digits, 十/百/千 and 廿/卅; not 万/亿).
    static let numeralChars = ScalarSet(digitValues.keySet.scalars + smallUnits.keySet.scalars + tens.keySet.scalars)

    @inline(__always) static func isChineseNumeralChar(_ c: Unicode.Scalar) -> Bool { numeralChars.contains(c) }

    /// A Chinese numeral below 10000 at `i` (`两千五百`, `十`, `壹仟玖佰`, `一百二`), stopping
    /// before 万/亿. Two digits in a row (`三五百`, `二〇一五`) are not one number: nil.
    static func chineseSection(_ t: [Unicode.Scalar], _ i: Int) -> Reading? {
        var j = i
        var section = 0, digit: Int? = nil
        var lastUnit: Int? = nil, zeroGap = false, any = false
        while j < t.count {
            let c = t[j]
            if let d = digitValues[c] {
                if digit != nil { if d == 0 || digit == 0 { zeroGap = true; digit = d == 0 ? nil : d; j += 1; any = true; continue }; return nil }
                if d == 0 { zeroGap = true; j += 1; any = true; continue }
                digit = d; j += 1; any = true
            } else if let u = smallUnits[c] {
                if let l = lastUnit, u >= l, digit == nil { break }
                if let l = lastUnit, u >= l { return nil }
                section += (digit ?? 1) * u; digit = nil; lastUnit = u; zeroGap = false; j += 1; any = true
            } else if let v = tens[c], section == 0, digit == nil {
                section = v; lastUnit = 10; j += 1; any = true
            } else {
                break
            }
        }
        guard any, j > i else { return nil }
        var value = section
        if let d = digit {
            // 一百二 is 120, 两千五 2500 (the unit below the last one is understood); not after 零.
            if let l = lastUnit, l >= 100, !zeroGap { value += d * l / 10 } else { value += d }
        }
        if j < t.count, t[j] == "点", j + 1 < t.count, isChineseNumeralChar(t[j + 1]) || isDigit(t[j + 1]) { return nil }
        return Reading(value: Decimal(value), end: j, isArabic: false, digits: 0)
    }

    /// A Chinese numeral with 万/亿 (`六十四万零一百四十三`, `十二亿三千万`, `壹万二千三百四十五`).
    static func chinese(_ t: [Unicode.Scalar], _ i: Int, keepMagnitude: Bool = true) -> Reading? {
        guard let first = chineseSection(t, i) else { return nil }
        guard keepMagnitude else { return first }
        return compound(t, first, i)
    }

    /// Follows a first part with lower magnitudes: `3亿5000万`, `一亿零五百万`, `六十四万零一百四十三`.
    /// Stops (without the magnitude) when the magnitude starts an amount's unit (`万元` stays for
    /// the caller only through `magnitude`).
    static func compound(_ t: [Unicode.Scalar], _ first: Reading, _ i: Int) -> Reading {
        var total = first.value
        var j = first.end
        var lastMag: Int?
        var anyArabic = first.isArabic
        while j < t.count, let mag = bigUnits[t[j]] {
            if let l = lastMag, mag >= l {
                // 一万亿: magnitudes multiply.
                if mag > l { total *= Decimal(mag); j += 1; lastMag = mag; continue }
                break
            }
            total *= Decimal(mag)
            j += 1
            lastMag = mag
            // A lower part: 亿 then 万 (or nothing), after an optional 零.
            var k = j
            if k < t.count, t[k] == "零" || t[k] == "〇" { k += 1 }
            guard k < t.count else { break }
            let part = isDigit(t[k]) ? Numerals.arabic(t, k) : chineseSection(t, k)
            guard let p = part else { break }
            if let next = p.end < t.count ? bigUnits[t[p.end]] : nil, next < mag {
                total += p.value * Decimal(next)
                j = p.end + 1
                lastMag = next
                anyArabic = anyArabic || p.isArabic
                continue
            }
            // A bare last part: only Chinese (`六十四万零一百四十三`, `一万五`), never an Arabic
            // number that is something else (`3万 5人`).
            if !p.isArabic, !isDigit(t[k]) {
                var v = p.value
                // 一万五 = 15000, 三亿五 = 3.5亿: a lone digit right after the magnitude.
                if k == j, p.end - k == 1, digitValues[t[k]] != nil { v *= Decimal(mag / 10) }
                total += v
                j = p.end
            }
            break
        }
        return Reading(value: total, end: j, isArabic: anyArabic, digits: first.digits, lastMagnitude: lastMag)
    }

    /// A vague magnitude: 几十/数十/数百 (10–100 per unit), 十几 (11–19), 二十几, 三五百 and 四五千
    /// (adjacent digits before a unit), 上千/上万/成千 (1000+); each with its magnitude multiplied in.
    static func vague(_ t: [Unicode.Scalar], _ i: Int) -> Reading? {
        guard i < t.count else { return nil }
        var low: Decimal, high: Decimal, j: Int
        if (t[i] == "几" || t[i] == "数"), i + 1 < t.count, let u = smallUnits[t[i + 1]] ?? bigUnits[t[i + 1]] {
            low = Decimal(u); high = Decimal(u * 10); j = i + 2
            if t[i + 1] == "十", j < t.count, let u2 = smallUnits[t[j]], u2 > 10 { return nil }
        } else if t[i] == "上" || t[i] == "成", i + 1 < t.count, let u = smallUnits[t[i + 1]] ?? bigUnits[t[i + 1]], u >= 100 {
            low = Decimal(u); high = Decimal(u * 10); j = i + 2
        } else if let d1 = digitValues[t[i]], d1 > 0, i + 2 < t.count, let d2 = digitValues[t[i + 1]], d2 > d1, d2 - d1 <= 2,
                  let u = smallUnits[t[i + 2]] ?? bigUnits[t[i + 2]] {
            low = Decimal(d1 * u); high = Decimal(d2 * u); j = i + 3  // 三五百, 四五千, 两三万
        } else if let tensPart = chineseSection(t, i), tensPart.end < t.count, t[tensPart.end] == "几",
                  let last = t[i..<tensPart.end].last, smallUnits[last] != nil {
            let u = smallUnits[last] ?? 10
            low = tensPart.value + Decimal(u / 10); high = tensPart.value + Decimal(9 * u / 10); j = tensPart.end + 1  // 十几, 二十几, 三百几
            if j < t.count, let u2 = smallUnits[t[j]], u2 < u { low = tensPart.value + Decimal(u2); high = tensPart.value + Decimal(9 * u2); j += 1 }  // 一百几十
        } else {
            return nil
        }
        // 十几万, 几十万, 三五百万: a magnitude after it.
        var mag: Int?
        if j < t.count, let m = bigUnits[t[j]] { low *= Decimal(m); high *= Decimal(m); j += 1; mag = m }
        if j < t.count, let m = bigUnits[t[j]] { low *= Decimal(m); high *= Decimal(m); j += 1; mag = m }  // 几千万亿 (rare)
        return Reading(value: (low + high) / 2, end: j, isArabic: false, digits: 0, low: low, high: high, lastMagnitude: mag)
    }

    /// A digit-by-digit Chinese year (`二〇一五`, `二零二零`): four digits, no units.
    static func digitString(_ t: [Unicode.Scalar], _ i: Int, count n: Int) -> (Int, Int)? {
        guard i + n <= t.count else { return nil }
        var v = 0
        for k in i..<(i + n) {
            guard let d = digitValues[t[k]], t[k] != "两" else { return nil }
            v = v * 10 + d
        }
        if i + n < t.count, digitValues[t[i + n]] != nil { return nil }
        return (v, i + n)
    }

    /// A small integer in digits or Chinese (months, days, years): `10`, `十`, `二十一`, `廿`.
    static func smallInt(_ t: [Unicode.Scalar], _ i: Int, maxDigits n: Int) -> (Int, Int)? {
        guard i < t.count else { return nil }
        if isDigit(t[i]) {
            var j = i, v = 0
            while j < t.count, j - i <= n, isDigit(t[j]) { v = v * 10 + Int(t[j].value - 48); j += 1 }
            guard j - i <= n else { return nil }
            return (v, j)
        }
        guard let r = chineseSection(t, i), r.value < 100, t[i] != "零", t[i] != "〇" else { return nil }
        return (NSDecimalNumber(decimal: r.value).intValue, r.end)
    }
}

extension Decimal {
    /// The nearest Double, through the exact decimal string (1756000000, never 1755999999.9999998).
    var double: Double { Double(description) ?? NSDecimalNumber(decimal: self).doubleValue }
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

    func string(_ r: Range<Int>) -> String { makeString(self[r.clamped(to: 0..<count)]) }

    /// The scalars of `r`, clamped to the array.
    func slice(_ r: Range<Int>) -> [Unicode.Scalar] { Array(self[r.clamped(to: 0..<count)]) }

    func contains(_ word: [Unicode.Scalar], in r: Range<Int>) -> Bool {
        let r = r.clamped(to: 0..<count)
        guard r.count >= word.count, !word.isEmpty else { return false }
        for i in r.lowerBound...(r.upperBound - word.count) where has(word, at: i) { return true }
        return false
    }
}

func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

/// A string of `scalars`, encoded to UTF-8 in one go: appending them one at a time to a
/// `String.UnicodeScalarView` was a sixth of extraction's time (every fact cites its sentence).
func makeString<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
    guard !scalars.isEmpty else { return "" }
    return String(unsafeUninitializedCapacity: scalars.count * 4) { buf in
        var n = 0
        for c in scalars {
            let v = c.value
            if v < 0x80 {
                buf[n] = UInt8(v); n += 1
            } else if v < 0x800 {
                buf[n] = UInt8(0xC0 | v >> 6); buf[n + 1] = UInt8(0x80 | v & 0x3F); n += 2
            } else if v < 0x10000 {
                buf[n] = UInt8(0xE0 | v >> 12); buf[n + 1] = UInt8(0x80 | v >> 6 & 0x3F); buf[n + 2] = UInt8(0x80 | v & 0x3F); n += 3
            } else {
                buf[n] = UInt8(0xF0 | v >> 18); buf[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                buf[n + 2] = UInt8(0x80 | v >> 6 & 0x3F); buf[n + 3] = UInt8(0x80 | v & 0x3F); n += 4
            }
        }
        return n
    }
}
