import Document
import Foundation

/// A number ready for prose: its value, how to say it, and where it came from.
public struct ResolvedValue: Sendable, Hashable {
    public enum Kind: String, Sendable { case money, count, number }
    public var value: Double
    public var kind: Kind
    /// 元 for money; the measure word for counts (个, 名, 人次).
    public var unit: String
    /// 多, 余, 近, 约, 超 as the source sentence said it.
    public var approx: String?
    public var sources: [SourceNote]

    /// `8000万元`, `2.8027亿元`, `90多万元`, `超2500万元`, `21个`, `69万人次`. Chinese prose writes
    /// no thousands separators and keeps the figure as precise as the source gave it.
    public func prose(_ format: String? = nil) -> String {
        let m: Double
        switch format {
        case "亿", "亿元": m = 1e8
        case "万", "万元": m = 1e4
        case "元", "number", "raw": m = 1
        default:
            let a = abs(value)
            m = kind == .number ? 1 : a >= 1e8 ? 1e8 : a >= 1e4 && (kind == .money || a >= 1e5) ? 1e4 : 1
        }
        var digits = Self.trimmed(value / m)
        let magnitude = m == 1e8 ? "亿" : m == 1e4 ? "万" : ""
        switch approx {
        case "多", "余": digits += approx ?? ""
        case let a?: digits = a + digits
        case nil: break
        }
        return digits + magnitude + (format == "number" ? "" : unit)
    }

    /// Up to four decimals, trailing zeros dropped: 2.8027, 39.5, 7650.
    static func trimmed(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        var s = String(format: "%.4f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}

/// Numbers the citations of a document in order of first use; the same sentence keeps its number.
struct NoteBook {
    private(set) var notes: [SourceNote] = []
    private var index: [String: Int] = [:]

    mutating func cite(_ n: SourceNote) -> Int {
        let key = "\((n.file as NSString).lastPathComponent)|\(n.start ?? -1)|\(n.end ?? -1)|\(n.start == nil ? n.sentence : "")"
        if let i = index[key] { return i }
        notes.append(n)
        index[key] = notes.count
        return notes.count
    }

    mutating func cite(_ ns: [SourceNote]) -> [Int] {
        var out: [Int] = []
        for n in ns { let i = cite(n); if !out.contains(i) { out.append(i) } }
        return out
    }
}

/// Section text with live numbers: `{{name}}` or `{{name|万元}}` inserts a named value with a
/// citation marker, `**…**` is bold, a blank line starts a new paragraph. Nothing else is
/// special, so user text cannot run code or reach files.
enum ProseTemplate {
    static let formats: Set<String> = ["亿", "亿元", "万", "万元", "元", "number", "raw"]

    /// Paragraphs of styled runs. Unknown names and bad formats are reported with their line.
    static func render(_ text: String, path: String, line: Int, values: [String: ResolvedValue],
                       notes: inout NoteBook, problems: inout [BuildError]) -> [[Inline]] {
        var paragraphs: [[Inline]] = []
        var current: [Inline] = []
        var lineNo = line
        for raw in text.components(separatedBy: "\n") {
            defer { lineNo += 1 }
            let l = raw.trimmingCharacters(in: .whitespaces)
            if l.isEmpty {
                if !current.isEmpty { paragraphs.append(current); current = [] }
                continue
            }
            current += inlines(l, path: path, line: lineNo, values: values, notes: &notes, problems: &problems)
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    static func inlines(_ s: String, path: String, line: Int, values: [String: ResolvedValue],
                        notes: inout NoteBook, problems: inout [BuildError]) -> [Inline] {
        var out: [Inline] = []
        var bold = false
        var rest = Substring(s)
        func emit(_ t: Substring) { if !t.isEmpty { out.append(Inline(String(t), style: bold ? .strong : .plain)) } }
        while !rest.isEmpty {
            let open = rest.range(of: "{{"), star = rest.range(of: "**")
            if let star, open.map({ star.lowerBound < $0.lowerBound }) ?? true {
                emit(rest[..<star.lowerBound]); bold.toggle(); rest = rest[star.upperBound...]; continue
            }
            guard let open else { emit(rest); break }
            emit(rest[..<open.lowerBound])
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                problems.append(.data(path: path, line: line, field: "text", message: "\"{{\" without a closing \"}}\""))
                emit(rest[open.lowerBound...]); break
            }
            let inner = rest[open.upperBound..<close.lowerBound].split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let name = inner.first ?? "", format = inner.count > 1 ? inner[1] : nil
            rest = rest[close.upperBound...]
            guard let v = values[name] else {
                let near = closestKey(to: name, in: values.keys)
                problems.append(.data(path: path, line: line, field: "text", message: "no value named \"\(name)\" under values" + (near.isEmpty ? "" : "; did you mean \"\(near)\"?")))
                continue
            }
            if let format, !formats.contains(format) {
                problems.append(.data(path: path, line: line, field: "text", message: "\"\(format)\" is not a number format; use 万元, 亿元, 元 or number"))
            }
            out.append(Inline(v.prose(format), style: bold ? .strong : .plain, citations: notes.cite(v.sources)))
        }
        if bold { problems.append(.data(path: path, line: line, field: "text", message: "\"**\" opens bold text that the line never closes")) }
        return out
    }
}
