import Canvas

/// The briefing as GitHub-flavoured Markdown with PNG figures beside it and citations as
/// footnotes, for wikis and for pasting into other documents.
public enum MarkdownWriter {
    public struct Output: Sendable {
        public var markdown: [UInt8]
        /// PNG files the Markdown links to, by file name (`<stem>-fig1.png`).
        public var images: [(name: String, png: [UInt8])]
        public var warnings: [String]
    }

    /// Figures are PNGs at 144 dpi (two pixels per point, as in the Word document and the deck),
    /// drawn through `rasters`: a Word document of the same width asking the same `rasters`
    /// gets the same images without drawing them again.
    public static func markdown(_ doc: BriefingDocument, stem: String, measurer: TextMeasurer,
                                width: Double = PageStyle.a4.contentWidth, dpi: Double = 144,
                                rasters: FigureRasters = FigureRasters()) throws(DocumentError) -> Output {
        let drawn = try rasters.images(doc.figures, size: { FigureFrames.size($0, width: width) }, dpi: dpi, measurer: measurer)
        var md = "# \(line(doc.title))\n\n"
        var meta: [String] = []
        if let s = doc.subtitle { meta.append("**\(line(s))**") }
        if let o = doc.organisation { meta.append(line(o)) }
        if let d = doc.date { meta.append(line(d)) }
        if !meta.isEmpty { md += meta.joined(separator: "  \n") + "\n\n" }
        if !doc.keyFigures.isEmpty {
            md += "| " + doc.keyFigures.map { "\(cell($0.label))\(notes($0.citations))" }.joined(separator: " | ") + " |\n"
            md += "|" + String(repeating: " ---: |", count: doc.keyFigures.count) + "\n"
            md += "| " + doc.keyFigures.map { "**\(cell($0.value))**" }.joined(separator: " | ") + " |\n\n"
        }
        var images: [(String, [UInt8])] = []
        var warnings: [String] = []
        var figureNo = 0, tableNo = 0
        for b in doc.blocks {
            switch b {
            case .heading(let level, let text): md += String(repeating: "#", count: min(6, level + 1)) + " \(line(text))\n\n"
            case .paragraph(let runs): md += inline(runs) + "\n\n"
            case .bullets(let items): md += items.map { "- " + inline($0) + "\n" }.joined() + "\n"
            case .figure(let f):
                figureNo += 1
                warnings += drawn[figureNo - 1].warnings
                let name = "\(stem)-fig\(figureNo).png"
                images.append((name, drawn[figureNo - 1].png))
                md += "![\(alt(FigureDescription.text(f)))](\(name))\n\n"
                md += "**图\(figureNo)　\(line(f.caption))**\(notes(f.citations))"
                if let n = f.note { md += "  \n*\(line(n))*" }
                md += "\n\n"
            case .table(let t):
                tableNo += 1
                md += "**表\(tableNo)　\(line(t.caption))**\n\n"
                let cites = !t.rowCitations.isEmpty
                md += "| " + t.columns.map { cell($0.title) }.joined(separator: " | ") + (cites ? " | 来源" : "") + " |\n"
                md += "|" + t.columns.map { $0.numeric ? " ---: |" : " --- |" }.joined() + (cites ? " --- |" : "") + "\n"
                for (i, r) in t.rows.enumerated() {
                    md += "| " + r.map(cell).joined(separator: " | ")
                    if cites { md += " | " + notes(i < t.rowCitations.count ? t.rowCitations[i] : []) }
                    md += " |\n"
                }
                if let total = t.total { md += "| " + total.map { $0.isEmpty ? "" : "**\(cell($0))**" }.joined(separator: " | ") + (cites ? " | " : "") + " |\n" }
                md += "\n"
                if let n = t.note { md += "*\(line(n))*\n\n" }
            }
        }
        if !doc.sources.isEmpty {
            md += "## 资料来源\n\n"
            for (i, n) in doc.sources.enumerated() { md += "[^\(i + 1)]: \(code(n.location)) “\(line(n.sentence))”\n" }
        }
        return Output(markdown: Array(md.utf8), images: images, warnings: warnings)
    }

    static func notes(_ ns: [Int]) -> String { Array(Set(ns)).sorted().map { "[^\($0)]" }.joined() }

    static func inline(_ runs: [Inline]) -> String {
        // `**a****b**` does not parse; join neighbouring runs of one style first.
        var merged: [Inline] = []
        for r in runs {
            if let last = merged.last, last.style == r.style, last.citations.isEmpty {
                merged[merged.count - 1] = Inline(last.text + r.text, style: r.style, citations: r.citations)
            } else { merged.append(r) }
        }
        return merged.map { r in
            let t = line(r.text)
            let styled = t.isEmpty ? "" : r.style == .strong ? "**\(t)**" : r.style == .emphasis ? "*\(t)*" : t
            return styled + notes(r.citations)
        }.joined()
    }

    /// Text on one line with Markdown's punctuation escaped: names, labels and sentences come
    /// from users' files and articles, so none of it may open a link, an image, raw HTML, a code
    /// span, emphasis, a table cell or (at the start) a list or heading.
    static func line(_ s: String) -> String {
        var o = ""
        for c in s {
            switch c {
            case "\n", "\r", "\t": o += " "
            case "\\", "*", "_", "`", "[", "]", "<", ">", "#", "|", "!", "~", "&", "$": o += "\\\(c)"
            default: o.append(c)
            }
        }
        // At the start of a line, `- x`, `+ x`, `1. x` would make a list, and `---` or `===` a
        // rule or (under a line) a heading. A number such as `-5` or `1.5` is left as it is.
        let spaced = { (rest: Substring) in rest.isEmpty || rest.first == " " }
        if let first = o.first, "-+=".contains(first), (first != "=" && spaced(o.dropFirst())) || o.allSatisfy({ $0 == first || $0 == " " }) {
            o = "\\" + o
        }
        let digits = o.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = o.dropFirst(digits.count).first, next == "." || next == ")", spaced(o.dropFirst(digits.count + 1)) {
            o = String(digits) + "\\" + String(o.dropFirst(digits.count))
        }
        return o
    }

    /// A code span that `s` cannot close: its fence is one backtick longer than the longest run
    /// of backticks in `s` (CommonMark §6.1), so `<img onerror=…>` in a file name stays text.
    static func code(_ s: String) -> String {
        let flat = String(s.map { $0.isNewline || $0 == "\t" || ($0.asciiValue.map { $0 < 0x20 } ?? false) ? " " : $0 })
        var longest = 0, run = 0
        for c in flat { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || (flat.hasPrefix(" ") && flat.hasSuffix(" ")) ? " " : ""
        return fence + pad + flat + pad + fence
    }

    static func cell(_ s: String) -> String { line(s) }

    /// Image alt text: the same escaping as `line` (brackets would end the alt text early and
    /// `(` after `]` would start a link target), with the brackets dropped for readers that show
    /// alt text raw.
    static func alt(_ s: String) -> String { line(s.filter { !"[]()".contains($0) }) }
}
