import CSV
import Charts
import Foundation

/// A CSV file as read for charts: a header row, then rows of equal length.
///
/// Columns named `file`, `start`, `end`, `sentence` or `note` carry provenance (where a number
/// came from) and are never plotted; the first column names the category or x value; every other
/// column is a series of numbers, where an empty cell is a gap.
public struct DataTable: Sendable, Equatable {
    public static let provenanceColumns: Set<String> = ["file", "start", "end", "sentence", "note"]

    public var path: String
    public var header: [String]
    public var rows: [[String]]
    /// 1-based line of each row in the file, for error messages.
    public var lines: [Int]
    /// The unit a `单位：万元` line above the header gives every number column.
    public var tableUnit: ColumnUnit?

    public static let maxBytes = 200 * 1024 * 1024

    public static func load(_ path: String) throws(BuildError) -> DataTable {
        let text = try SourceText.read(path, limit: maxBytes).text
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(BuildError) -> DataTable {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .data(path: path, line: 1, field: nil, message: "the file is empty; it needs a header row and at least one data row")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: false) } catch {
            throw .data(path: path, line: 1, field: nil, message: "not readable as CSV (\(error))")
        }
        var all: [[String]] = []
        var lines: [Int] = []
        var line = 1
        while let row = reader.next() {
            let physical = row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            if !(row.count == 1 && row[0].isEmpty) { all.append(row); lines.append(line) }
            line += 1 + physical
        }
        if let e = reader.error {
            throw .data(path: path, line: line, field: nil, message: "malformed CSV (\(e)); check quotes on this line")
        }
        // A `单位：万元` line above the header gives the unit of every number column.
        var tableUnit: ColumnUnit?
        if let first = all.first, let u = ColumnUnit.unitLine(first) {
            tableUnit = u
            all.removeFirst(); lines.removeFirst()
        }
        guard let header = all.first else {
            throw .data(path: path, line: 1, field: nil, message: "no header row")
        }
        let cleanHeader = header.map { $0.trimmingCharacters(in: .whitespaces) }
        for (k, row) in all.enumerated().dropFirst() where row.count != header.count {
            throw .data(path: path, line: lines[k], field: nil,
                        message: "\(row.count) fields where the header has \(header.count); every row needs one cell per column (quote cells that contain commas)")
        }
        guard all.count > 1 else { throw .data(path: path, line: 2, field: nil, message: "a header but no data rows") }
        return DataTable(path: path, header: cleanHeader, rows: Array(all.dropFirst()), lines: Array(lines.dropFirst()), tableUnit: tableUnit)
    }

    /// Column indices that hold numbers to plot.
    public var seriesColumns: [Int] {
        header.indices.dropFirst().filter { !Self.provenanceColumns.contains(header[$0].lowercased()) }
    }

    /// The unit of a number column: from its header (`金额（亿元）`, `投资(万元)`, `销售额（单位：万元）`),
    /// else from a `单位：…` line above the header; `nil` when neither says.
    public func unit(column: Int) -> ColumnUnit? {
        ColumnUnit(header: header[column]) ?? tableUnit
    }

    /// A column's header without its unit: `金额（亿元）` → `金额`.
    public func name(column: Int) -> String {
        ColumnUnit(header: header[column]) == nil ? header[column] : ColumnUnit.stripped(header[column])
    }

    /// Reads a number cell in the column's unit and returns it in the base unit (`17.56` under
    /// `（亿元）` is 1,756,000,000 元); empty is `nil` (a gap).
    ///
    /// Strict on purpose: digits with an optional sign, decimal part, exponent (`1.5e6`) and
    /// thousands separators only in groups of three (`8,000`, `1,234,567.5`). `Double("0x10")`,
    /// `1,5` (a decimal comma?), `12,34` and `,8000` are errors naming file, line and column,
    /// never a guess.
    public func number(row: Int, column: Int) throws(BuildError) -> Double? {
        let cell = rows[row][column]
        let raw = cell.trimmingCharacters(in: .whitespaces)
        if raw.isEmpty { return nil }
        let scale = unit(column: column)?.scale ?? 1
        guard let v = Self.strictNumber(raw), v.isFinite, (v * scale).isFinite else {
            throw .data(path: path, line: lines[row], field: header[column],
                        message: "column \(column + 1): \"\(raw)\" is not a finite number as written; write digits like 8000, 8,000 or 17.56 (separators only in groups of three), or leave the cell empty for a gap")
        }
        guard scale != 1 else { return v }
        // 17.56 x 1e8 is 1755999999.9999998 in binary; round to the digits the cell wrote.
        let q = NumberFormatter.quantum(v) * scale
        return q >= 1 ? ((v * scale) / q).rounded() * q : v * scale
    }

    /// `8000`, `-3`, `17.56`, `8,000`, `1,234,567.5`, `1.5e6`; nil for anything else.
    static func strictNumber(_ s: String) -> Double? {
        let b = Array(s.utf8)
        var i = 0
        func digits() -> Int { let start = i; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }; return i - start }
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        let lead = digits()
        guard lead > 0 else { return nil }
        var grouped = false
        if i < b.count, b[i] == UInt8(ascii: ",") {
            guard lead <= 3 else { return nil }
            while i < b.count, b[i] == UInt8(ascii: ",") {
                i += 1
                guard digits() == 3 else { return nil }
            }
            grouped = true
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E"), !grouped {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        return Double(grouped ? s.replacingOccurrences(of: ",", with: "") : s)
    }

    public func cell(row: Int, named name: String) -> String? {
        header.firstIndex(of: name).map { rows[row][$0] }
    }
}

/// A unit a CSV header or a `单位：` line gives numbers: a scale (万 = 1e4, 亿 = 1e8) and what is
/// counted (元, 人次). Numbers are kept in the base unit, so a `（亿元）` column is money in 元
/// like any other and reads 亿元 on its axis because of its size, not because of its header.
public struct ColumnUnit: Sendable, Equatable {
    public var scale: Double
    public var unit: String
    public var isMoney: Bool { unit == "元" }

    /// Units that stand without a 万/亿 prefix (a header's `（2015）` or `（第一批）` is no unit).
    static let plainUnits: Set<String> = ["元", "人", "人次", "个", "项", "家", "户", "名", "吨", "亩", "公里", "千米", "米", "平方米",
                                          "立方米", "公顷", "台", "辆", "套", "所", "座", "场", "批", "批次", "件", "株", "头", "只", "次", "天", "小时"]

    /// `亿元` → 1e8 元, `万人次` → 1e4 人次, `千元` → 1e3 元, `元` → 1 元; nil for anything else.
    init?(unitText raw: String) {
        var t = raw.trimmingCharacters(in: .whitespaces)
        for p in ["单位：", "单位:", "单位"] where t.hasPrefix(p) { t = String(t.dropFirst(p.count)).trimmingCharacters(in: .whitespaces); break }
        guard !t.isEmpty, t.count <= 5, !t.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        let prefixes: [(Character, Double)] = [("亿", 1e8), ("万", 1e4), ("千", 1e3)]
        if let (c, s) = prefixes.first(where: { $0.0 == t.first }), t.count > 1 {
            let rest = String(t.dropFirst())
            guard c != "千" || rest == "元" else { return nil }
            scale = s; unit = rest
            return
        }
        guard Self.plainUnits.contains(t) else { return nil }
        scale = 1; unit = t
    }

    /// The unit in a header's trailing brackets: `金额（亿元）`, `投资(万元)`, `销售额（单位：万元）`,
    /// or a header that is `单位：万元` after its name (`金额 单位：万元`).
    init?(header: String) {
        let h = header.trimmingCharacters(in: .whitespaces)
        if let close = h.last, close == "）" || close == ")", let open = h.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            let inside = h[h.index(after: open)..<h.index(before: h.endIndex)]
            if let u = ColumnUnit(unitText: String(inside)) { self = u; return }
        }
        if let r = h.range(of: "单位"), let u = ColumnUnit(unitText: String(h[r.lowerBound...])) { self = u; return }
        return nil
    }

    /// A row that is only `单位：万元` (the other cells empty).
    static func unitLine(_ row: [String]) -> ColumnUnit? {
        guard let first = row.first?.trimmingCharacters(in: .whitespaces), first.hasPrefix("单位"),
              row.dropFirst().allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
        return ColumnUnit(unitText: first)
    }

    /// The header without its unit part.
    static func stripped(_ header: String) -> String {
        let h = header.trimmingCharacters(in: .whitespaces)
        if h.last == "）" || h.last == ")", let open = h.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            let s = h[..<open].trimmingCharacters(in: .whitespaces)
            return s.isEmpty ? h : s
        }
        if let r = h.range(of: "单位") {
            let s = h[..<r.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: " ，,：:"))
            return s.isEmpty ? h : s
        }
        return h
    }
}
