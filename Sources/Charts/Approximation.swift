import Foundation

/// An approximation word and where it stands in the number as written: `5.8亿余元`, `90多万元`,
/// `近3000万元`, `1740批次以上`.
///
/// WHY one type: text, key figures, tables and labels must all print `5.8亿余元` the way the
/// article did; a rule that always put 余 after the digits printed `5.8余亿元`, which says
/// something else (5.8-and-some 亿 vs a bit over 5.8亿).
public struct Approximation: Sendable, Hashable, Codable {
    public enum Place: String, Sendable, Codable {
        /// 近/约/超/突破/逾 3000万元
        case beforeNumber
        /// 90多万元, 3500余万元
        case afterDigits
        /// 5.8亿余元
        case afterMagnitude
        /// 1740批次以上, 20万元左右
        case afterUnit
    }

    public var word: String
    public var place: Place

    public init(word: String, place: Place? = nil) {
        self.word = word
        self.place = place ?? Self.usualPlace(word)
    }

    /// Where a word stands when nothing says otherwise.
    public static func usualPlace(_ word: String) -> Place {
        switch word {
        case "多", "余", "来", "几": return .afterDigits
        case "以上", "左右", "上下", "许", "以内", "之多", "有余": return .afterUnit
        default: return .beforeNumber
        }
    }

    /// The word as it stands in `written`, the text the number was read from: 余 right after a
    /// 万/亿/千/百 that follows the digits is `afterMagnitude`; a word that follows the unit is
    /// `afterUnit`; a word before the first digit is `beforeNumber`. The label an extractor gives
    /// (突破 → 超) is replaced by the word the text used, when the text has it before the digits.
    public static func reading(_ label: String, in written: String?) -> Approximation {
        guard let written, !written.isEmpty else { return Approximation(word: label) }
        let chars = Array(written)
        // Digits and the numerals written between them; 万 and 亿 are the magnitude, not digits.
        let numerals: Set<Character> = Set("0123456789０１２３４５６７８９.,，〇零一二三四五六七八九十百千两")
        let isDigit: (Character) -> Bool = { numerals.contains($0) }
        guard let firstDigit = chars.firstIndex(where: isDigit) else { return Approximation(word: label) }
        var lastDigit = firstDigit
        while lastDigit + 1 < chars.count, isDigit(chars[lastDigit + 1]) { lastDigit += 1 }
        let before = String(chars[..<firstDigit]).trimmingCharacters(in: .whitespaces)
        if !before.isEmpty, usualPlace(before) == .beforeNumber || before.contains(label) { return Approximation(word: before, place: .beforeNumber) }
        let after = Array(chars[(lastDigit + 1)...])
        guard let at = indexOf(Array(label), in: after) else { return Approximation(word: label) }
        if at == 0 { return Approximation(word: label, place: .afterDigits) }
        let magnitudes: Set<Character> = ["万", "亿"]
        if after[..<at].allSatisfy({ magnitudes.contains($0) }) {
            return Approximation(word: label, place: usualPlace(label) == .afterUnit ? .afterUnit : .afterMagnitude)
        }
        return Approximation(word: label, place: .afterUnit)
    }

    private static func indexOf(_ needle: [Character], in hay: [Character]) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where Array(hay[i..<i + needle.count]) == needle { return i }
        return nil
    }

    /// The number with the word in its place: digits `5.8`, magnitude `亿`, unit `元` → `5.8亿余元`.
    /// With no magnitude an afterMagnitude word follows the digits (`5余元` is not written, `5元余` is odd).
    public func apply(digits: String, magnitude: String, unit: String) -> String {
        switch place {
        case .beforeNumber: return word + digits + magnitude + unit
        case .afterDigits: return digits + word + magnitude + unit
        case .afterMagnitude: return magnitude.isEmpty ? digits + word + unit : digits + magnitude + word + unit
        case .afterUnit: return digits + magnitude + unit + word
        }
    }
}

extension Optional where Wrapped == Approximation {
    /// The number with or without an approximation word.
    public func apply(digits: String, magnitude: String, unit: String) -> String {
        self?.apply(digits: digits, magnitude: magnitude, unit: unit) ?? digits + magnitude + unit
    }
}
