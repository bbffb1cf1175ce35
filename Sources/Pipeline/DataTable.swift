import CSV
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
        guard let header = all.first else {
            throw .data(path: path, line: 1, field: nil, message: "no header row")
        }
        let cleanHeader = header.map { $0.trimmingCharacters(in: .whitespaces) }
        for (k, row) in all.enumerated().dropFirst() where row.count != header.count {
            throw .data(path: path, line: lines[k], field: nil,
                        message: "\(row.count) fields where the header has \(header.count); every row needs one cell per column (quote cells that contain commas)")
        }
        guard all.count > 1 else { throw .data(path: path, line: 2, field: nil, message: "a header but no data rows") }
        return DataTable(path: path, header: cleanHeader, rows: Array(all.dropFirst()), lines: Array(lines.dropFirst()))
    }

    /// Column indices that hold numbers to plot.
    public var seriesColumns: [Int] {
        header.indices.dropFirst().filter { !Self.provenanceColumns.contains(header[$0].lowercased()) }
    }

    /// Reads a number cell: `8000`, `8,000`, `1.5e6`, `-3`; empty is `nil` (a gap).
    public func number(row: Int, column: Int) throws(BuildError) -> Double? {
        let cell = rows[row][column]
        if let v = Double(cell), v.isFinite { return v }  // the common case, without Foundation
        let raw = cell.trimmingCharacters(in: .whitespaces)
        if raw.isEmpty { return nil }
        let cleaned = raw.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        guard let v = Double(cleaned), v.isFinite else {
            throw .data(path: path, line: lines[row], field: header[column],
                        message: "\"\(raw)\" is not a finite number; write digits like 8000 or 8,000, or leave the cell empty for a gap")
        }
        return v
    }

    public func cell(row: Int, named name: String) -> String? {
        header.firstIndex(of: name).map { rows[row][$0] }
    }
}
