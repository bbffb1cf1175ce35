import Charts
import Document
import Foundation

/// A number ready for prose: its value, how to say it, and where it came from.
public struct ResolvedValue: Sendable, Hashable {
    public enum Kind: String, Sendable { case money, count, number }
    public var value: Double
    public var kind: Kind
    /// 元 for money; the measure word for counts (个, 名, 人次).
    public var unit: String
    /// 多, 余, 近, 约, 超, 以上 as the source sentence said it (the extractor's label).
    public var approx: String?
    /// The text the number was read from (`5.8亿余元`), which says where `approx` stands.
    public var written: String?
    /// The precision to print, when it is not the value's own: a sum keeps its inputs' precision.
    public var quantum: Double?
    public var sources: [SourceNote]

    public init(value: Double, kind: Kind, unit: String, approx: String? = nil, written: String? = nil,
                quantum: Double? = nil, sources: [SourceNote]) {
        self.value = value; self.kind = kind; self.unit = unit; self.approx = approx; self.written = written
        self.quantum = quantum; self.sources = sources
    }

    /// The approximation word in the place the source put it.
    public var approximation: Approximation? {
        approx.map { Approximation.reading($0, in: written) }
    }

    /// `8000万元`, `2.8027亿元`, `5.8亿余元`, `90多万元`, `超2500万元`, `1740批次以上`, `69万人次`.
    /// Chinese prose writes no thousands separators and keeps the figure as precise as the
    /// source gave it. `textUnit` is what the template writes right after the value (`万元`,
    /// `类`): the value then leaves out what the text says itself, so no unit is doubled.
    public func prose(_ format: String? = nil, textUnit: String? = nil) -> String {
        var m: Double
        switch format {
        case "亿", "亿元": m = 1e8
        case "万", "万元": m = 1e4
        case "元", "number", "raw": m = 1
        default:
            let a = abs(value)
            m = kind == .number ? 1 : a >= 1e8 ? 1e8 : a >= 1e4 && (kind == .money || a >= 1e5) ? 1e4 : 1
        }
        var unit = format == "number" ? "" : self.unit
        var magnitude = m == 1e8 ? "亿" : m == 1e4 ? "万" : ""
        if let textUnit {
            if kind == .money, format == nil, let written = ProseTemplate.moneyUnits.first(where: { textUnit.hasPrefix($0.0) }) {
                m = written.1  // `{{x}}万元`: the text names the magnitude and the unit
                magnitude = ""; unit = ""
            } else if kind == .money, textUnit.hasPrefix("元") || textUnit.hasPrefix("万元") || textUnit.hasPrefix("亿元") {
                unit = ""  // `{{x|万}}元`
            } else if kind != .money, ProseTemplate.startsWithMeasureWord(textUnit, own: unit) {
                unit = ""  // `{{x}}类`, `{{x}}项`: the text's measure word, not the value's
            }
        }
        let digits = NumberFormatter.precise(value, scale: m, quantum: quantum, grouping: false)
        return approximation.apply(digits: digits, magnitude: magnitude, unit: unit)
    }

    /// `x` without separators, as precise as it is: 2.8027, 39.5, 7650.
    static func trimmed(_ x: Double) -> String {
        NumberFormatter.precise(x, scale: 1, grouping: false)
    }
}

/// Numbers the citations of a document in order of first use. One sentence is one citation: the
/// numbers read in it share its number, and its entry lists every span cited (a reader sees each
/// sentence once under 资料来源, not once per number in it).
struct NoteBook {
    private(set) var notes: [SourceNote] = []
    private var index: [String: Int] = [:]

    mutating func cite(_ n: SourceNote) -> Int {
        let file = (n.file as NSString).lastPathComponent
        let key = n.start == nil || n.sentence.isEmpty ? "\(file)|\(n.start ?? -1)|\(n.end ?? -1)|\(n.sentence)" : "\(file)|\(n.sentence)"
        if let i = index[key] {
            if let start = n.start, let end = n.end, notes[i - 1].start != start || notes[i - 1].end != end,
               !notes[i - 1].moreSpans.contains(start..<end) {
                notes[i - 1].moreSpans.append(start..<end)
            }
            return i
        }
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
    /// Formats that say the value is money: a count or measure under them is an error.
    static let moneyFormats: Set<String> = ["亿元", "万元", "元"]
    /// Money units a template may write after a value, longest first, with their size.
    static let moneyUnits: [(String, Double)] = [("亿元", 1e8), ("万元", 1e4), ("元", 1)]
    /// Measure words and classifiers that a template may write after a count (`{{n}}类`).
    static let measureWords: [String] = ["人次", "批次", "万人", "类", "项", "个", "家", "名", "人", "批", "次", "件", "条", "所", "座",
                                         "户", "场", "笔", "套", "台", "种", "处", "支", "只", "头", "株", "亩", "吨", "位", "期", "辆", "本", "%", "％"]

    static func startsWithMeasureWord(_ text: String, own: String) -> Bool {
        (!own.isEmpty && text.hasPrefix(own)) || measureWords.contains { text.hasPrefix($0) }
    }

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
            if let format, moneyFormats.contains(format), v.kind != .money {
                problems.append(.data(path: path, line: line, field: "text",
                                      message: "\"\(name)\" is a \(v.kind == .count ? "count" : "number") in \(v.unit.isEmpty ? "no unit" : v.unit), not money; \"|\(format)\" would print it as yuan. Use {{\(name)}}, {{\(name)|万}} or {{\(name)|number}}"))
            }
            out.append(Inline(v.prose(format, textUnit: String(rest.prefix(4))), style: bold ? .strong : .plain, citations: notes.cite(v.sources)))
        }
        if bold { problems.append(.data(path: path, line: line, field: "text", message: "\"**\" opens bold text that the line never closes")) }
        return out
    }
}
