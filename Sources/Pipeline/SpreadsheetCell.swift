/// CSV cells that a spreadsheet will not run.
///
/// Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` as a
/// formula (and a leading tab or carriage return can hide such a start), so a category or an
/// article sentence like `=HYPERLINK(…)` or `+cmd|' /C calc'!A0` in a CSV sidecar runs when a
/// colleague opens it. As OWASP recommends, such a cell is written with a leading `'`, which
/// spreadsheets show as text and hide. A cell that is exactly a number (`-5`, `+3`, `-8,000`,
/// `-1.5e3`) is left alone: it stays a number, and a number runs nothing.
public enum SpreadsheetCell {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    public static func escape(_ cell: String) -> String {
        // Leading spaces do not stop some spreadsheets from reading what follows as a formula.
        guard let first = cell.first(where: { $0 != " " }), triggers.contains(first) else { return cell }
        if isNumber(cell) { return cell }
        return "'" + cell
    }

    /// An optional sign, digits (with `,` between groups), an optional fraction and exponent.
    static func isNumber(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "-" || u.first == "+" { u = u.dropFirst() }
        let mantissa = u.prefix { $0 != "e" && $0 != "E" }
        let exponent = u.dropFirst(mantissa.count)
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, parts.count <= 2 else { return false }
        let fraction = parts.count == 2 ? parts[1] : ""
        func digits(_ x: Substring) -> Bool { x.allSatisfy { $0.isASCII && $0.isNumber } }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard !(whole.isEmpty && fraction.isEmpty), groups.allSatisfy(digits), digits(fraction),
              groups.count == 1 || groups.dropFirst().allSatisfy({ $0.count == 3 }) && !(groups.first?.isEmpty ?? true),
              parts.count == 1 || !fraction.isEmpty else { return false }
        if exponent.isEmpty { return true }
        var e = exponent.dropFirst()
        if e.first == "-" || e.first == "+" { e = e.dropFirst() }
        return !e.isEmpty && digits(e)
    }
}
