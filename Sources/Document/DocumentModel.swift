import Charts
import Timeline

/// A compiled briefing as plain values: what it says, not where it goes on a page. One model
/// feeds every output (PDF pages, HTML, Markdown, the slide deck), so they never disagree.
public struct BriefingDocument: Sendable, Hashable {
    public var title: String
    public var subtitle: String?
    /// Issuing organisation, printed in the title block and as the PDF author.
    public var organisation: String?
    /// The date printed on the title block (already formatted, e.g. `2026年11月24日`).
    public var date: String?
    public var keywords: [String]
    public var keyFigures: [KeyFigure]
    public var blocks: [Block]
    /// The notes that citation markers in the text point to, numbered from 1 in order.
    public var sources: [SourceNote]

    public init(title: String, subtitle: String? = nil, organisation: String? = nil, date: String? = nil,
                keywords: [String] = [], keyFigures: [KeyFigure] = [], blocks: [Block] = [], sources: [SourceNote] = []) {
        self.title = title; self.subtitle = subtitle; self.organisation = organisation; self.date = date
        self.keywords = keywords; self.keyFigures = keyFigures; self.blocks = blocks; self.sources = sources
    }

    /// Headings in order, as the table of contents and the PDF outline list them.
    public var headings: [(level: Int, text: String)] {
        blocks.compactMap { if case .heading(let l, let t) = $0 { return (l, t) } else { return nil } }
    }

    /// Figures in order; their position is their number (图1, 图2 …).
    public var figures: [Figure] {
        blocks.compactMap { if case .figure(let f) = $0 { return f } else { return nil } }
    }
}

/// A headline number on the title page: `8000万元` over `天网工程投入`.
public struct KeyFigure: Sendable, Hashable {
    public var value: String
    public var label: String
    /// Citation numbers (into `BriefingDocument.sources`) behind the value.
    public var citations: [Int]
    public init(value: String, label: String, citations: [Int] = []) {
        self.value = value; self.label = label; self.citations = citations
    }
}

/// A run of text with one style. Paragraphs are lists of these, so emphasis and citation
/// markers survive into every output format.
public struct Inline: Sendable, Hashable {
    public enum Style: String, Sendable, Hashable { case plain, strong, emphasis }
    public var text: String
    public var style: Style
    /// Citation numbers shown as a superscript after the run (`[3]`).
    public var citations: [Int]
    public init(_ text: String, style: Style = .plain, citations: [Int] = []) {
        self.text = text; self.style = style; self.citations = citations
    }
}

public enum Block: Sendable, Hashable {
    /// Level 1–3.
    case heading(level: Int, text: String)
    case paragraph([Inline])
    case bullets([[Inline]])
    case figure(Figure)
    case table(Table)
}

/// A chart or timeline placed in the document; drawn as vectors in PDF and SVG outputs.
public struct Figure: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case chart(ChartSpec)
        case timeline(TimelineSpec)
    }
    /// A stable name (the chart's name); file names of exported images derive from it.
    public var id: String
    public var caption: String
    /// A line under the caption: what the figure leaves out, where its numbers come from.
    public var note: String?
    public var content: Content
    public var citations: [Int]
    /// The user's own text alternative (`alt:` in a chart file); `nil` lets `FigureDescription`
    /// write one from the data.
    public var alt: String?
    public init(id: String, caption: String, note: String? = nil, content: Content, citations: [Int] = [], alt: String? = nil) {
        self.id = id; self.caption = caption; self.note = note; self.content = content; self.citations = citations; self.alt = alt
    }
}

/// A table of pre-formatted cells. Numeric columns are right-aligned; a page break repeats the
/// header row under a `续表` caption.
public struct Table: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var title: String
        public var numeric: Bool
        public init(_ title: String, numeric: Bool = false) { self.title = title; self.numeric = numeric }
    }
    public var id: String
    public var caption: String
    public var columns: [Column]
    public var rows: [[String]]
    /// A closing row set in bold (合计).
    public var total: [String]?
    public var note: String?
    /// Citation numbers per row (same count as `rows`), shown in the last column as `[n]`.
    public var rowCitations: [[Int]]
    public init(id: String, caption: String, columns: [Column], rows: [[String]], total: [String]? = nil,
                note: String? = nil, rowCitations: [[Int]] = []) {
        self.id = id; self.caption = caption; self.columns = columns; self.rows = rows; self.total = total
        self.note = note; self.rowCitations = rowCitations
    }
}

/// Where a number came from: the article and the sentence that states it.
public struct SourceNote: Sendable, Hashable {
    public var file: String
    public var start: Int?
    public var end: Int?
    public var sentence: String
    /// Other numbers cited from the same sentence: one entry under 资料来源 lists them all, so a
    /// sentence with five numbers is printed once, not five times.
    public var moreSpans: [Range<Int>] = []
    public init(file: String, start: Int? = nil, end: Int? = nil, sentence: String) {
        self.file = file; self.start = start; self.end = end; self.sentence = sentence
    }

    /// `seeds/000.txt:2481–2487`, or `seeds/000.txt:120–126, 2481–2487` for several numbers of one
    /// sentence (in text order).
    public var location: String {
        guard let start, let end else { return file }
        let spans = ([start..<end] + moreSpans).sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        return "\(file):" + spans.map { "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
    }
}
