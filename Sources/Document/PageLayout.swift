import Canvas
import Charts
import Timeline

/// The briefing laid out on pages, ready for `Renderer.pdf`.
public struct LaidOutDocument: Sendable {
    public var pages: [Frame]
    /// Each heading with the page (0-based) it landed on, in order.
    public var headingPages: [(text: String, level: Int, page: Int)]
    /// Compromises made on the way: figure labels shortened, a table row taller than a page.
    public var warnings: [String]
}

public enum DocumentError: Error, Equatable, CustomStringConvertible {
    case figure(id: String, message: String)
    case table(id: String, message: String)
    case empty
    /// More pages than `PageLayout.maxPages`: a spec (or an article) asking for a book.
    case tooManyPages(limit: Int)

    public var description: String {
        switch self {
        case .figure(let id, let m): return "figure \"\(id)\": \(m)"
        case .table(let id, let m): return "table \"\(id)\": \(m)"
        case .empty: return "the document has no title and no content"
        case .tooManyPages(let limit):
            return "the briefing runs past \(limit) pages (the limit on pages in one briefing); shorten its text or tables, or split the report"
        }
    }
}

/// Flows a `BriefingDocument` onto A4 pages: title page with key figures and contents, then the
/// sections. Headings stay with what follows them, figures are never split, paragraphs break
/// between lines (never leaving a single line behind), tables repeat their header under `续表`.
public enum PageLayout {
    /// A briefing is a handful of pages; laying out thousands costs minutes and helps nobody.
    public static let maxPages = 500

    public static func layout(_ doc: BriefingDocument, style: PageStyle = .a4, measurer: TextMeasurer) throws(DocumentError) -> LaidOutDocument {
        guard !doc.title.isEmpty || !doc.blocks.isEmpty else { throw .empty }
        var flow = Flow(style: style, measurer: measurer)
        flow.titleBlock(doc)
        flow.keyFigures(doc.keyFigures)
        let toc = flow.contents(doc.headings + (doc.sources.isEmpty ? [] : [(1, sourcesHeading)]))
        flow.newPage()
        var figureNo = 0, tableNo = 0
        for (i, b) in doc.blocks.enumerated() {
            if flow.pages.count > maxPages { throw .tooManyPages(limit: maxPages) }
            switch b {
            case .heading(let level, let text):
                flow.heading(text, level: level, keepWith: flow.keptWithHeading(doc.blocks[(i + 1)...]))
            case .paragraph(let runs): flow.paragraph(runs)
            case .bullets(let items): flow.bullets(items)
            case .figure(let f):
                figureNo += 1
                try flow.figure(f, number: figureNo)
            case .table(let t):
                tableNo += 1
                try flow.table(t, number: tableNo)
            }
        }
        if flow.pages.count > maxPages { throw .tooManyPages(limit: maxPages) }
        if !doc.sources.isEmpty {
            flow.heading(sourcesHeading, level: 1, keepWith: 40)
            flow.sources(doc.sources)
        }
        flow.finish(title: doc.title, toc: toc)
        return LaidOutDocument(pages: flow.pages, headingPages: flow.headingPages, warnings: flow.warnings)
    }

    static let sourcesHeading = "资料来源"
}

/// The running state of the page flow: finished pages, the page being filled and the cursor.
struct Flow {
    let style: PageStyle
    let measurer: TextMeasurer
    var pages: [Frame] = []
    var page: Frame
    var y: Double
    var headingPages: [(text: String, level: Int, page: Int)] = []
    var headingAnchors: [(page: Int, y: Double)] = []
    var warnings: [String] = []
    /// Structure elements open on the current page, outermost first, with the index of their
    /// first item: a page break closes them on one page and opens them again on the next.
    var openTags: [(tag: StructureTag, start: Int)] = []

    init(style: PageStyle, measurer: TextMeasurer) {
        self.style = style; self.measurer = measurer
        page = Frame(size: style.pageSize)
        y = style.contentTop
    }

    var left: Double { style.marginLeft }
    var width: Double { style.contentWidth }
    var bottom: Double { style.contentBottom }
    var remaining: Double { bottom - y }
    var pageIndex: Int { pages.count }
    var atTop: Bool { y <= style.contentTop + 0.5 }

    mutating func newPage() {
        let open = openTags
        for t in open.reversed() { wrap(t) }
        pages.append(page)
        page = Frame(size: style.pageSize)
        y = style.contentTop
        openTags = open.map { ($0.tag, 0) }
    }

    // MARK: Structure (tagged PDF)

    /// Starts a structure element: what is placed until `end()` is its content, in reading order.
    mutating func begin(_ role: StructureTag.Role) { openTags.append((StructureTag(role), page.items.count)) }

    mutating func end() {
        guard let t = openTags.popLast() else { return }
        wrap(t)
    }

    /// Moves the items placed since `t` began into one structure item.
    mutating func wrap(_ t: (tag: StructureTag, start: Int)) {
        guard t.start < page.items.count else { return }
        let inner = Array(page.items[t.start...])
        page.items.removeSubrange(t.start...)
        page.items.append(.structure(t.tag, inner))
    }

    /// Moves to a new page unless `height` fits below the cursor (or the page is still empty).
    mutating func ensure(_ height: Double) {
        if height > remaining, !atTop { newPage() }
    }

    mutating func space(_ h: Double) { if !atTop { y += h } }

    @discardableResult
    mutating func place(_ block: TextBlock, x: Double, y top: Double) -> TextMetrics {
        let m = measurer.measure(block)
        page.add(.text(TextItem(block: block, origin: Point(x, top), box: m.logical)))
        return m
    }

    func markup(_ runs: [Inline]) -> String { laid(runs).markup }

    func laid(_ runs: [Inline]) -> Typeset.Laid { Typeset.lay(runs, gap: style.gap, accent: style.accent) }

    // MARK: Title page

    mutating func titleBlock(_ doc: BriefingDocument) {
        if let org = doc.organisation, !org.isEmpty {
            begin(.paragraph)
            place(TextBlock(org, style: style.text(10, color: style.accent), width: width), x: left, y: y)
            end()
            y += 22
        }
        y += 40
        begin(.paragraph)
        let t = place(TextBlock(markup([Inline(doc.title)]), style: style.text(24, weight: .bold), width: width, isMarkup: true), x: left, y: y)
        end()
        y += t.logical.height + 8
        if let sub = doc.subtitle, !sub.isEmpty {
            begin(.paragraph)
            let m = place(TextBlock(markup([Inline(sub)]), style: style.text(14, color: style.muted), width: width, isMarkup: true), x: left, y: y)
            end()
            y += m.logical.height + 6
        }
        if let d = doc.date, !d.isEmpty {
            begin(.paragraph)
            let m = place(TextBlock(d, style: style.text(10.5, color: style.muted)), x: left, y: y)
            end()
            y += m.logical.height
        }
        y += 14
        page.stroke(.line(from: Point(left, y), to: Point(left + width, y)), StrokeStyle(color: style.accent, width: 2))
        y += 24
    }

    /// Headline numbers in boxes, up to four a row.
    mutating func keyFigures(_ figures: [KeyFigure]) {
        guard !figures.isEmpty else { return }
        let perRow = min(4, figures.count), gapX = 10.0
        let boxW = (width - gapX * Double(perRow - 1)) / Double(perRow)
        for rowStart in stride(from: 0, to: figures.count, by: perRow) {
            let row = figures[rowStart..<min(figures.count, rowStart + perRow)]
            // The numbers are the point of the boxes: one size for the row, shrunk until the
            // longest fits rather than cut.
            var size = boxW < 110 ? 16.0 : 20.0
            while size > 10, row.contains(where: {
                measurer.measure(TextBlock($0.value, style: style.text(size, weight: .bold))).logical.width > boxW - 16
            }) { size -= 1 }
            let blocks = row.map { f -> (TextBlock, TextBlock) in
                let value = TextBlock(f.value, style: style.text(size, weight: .bold, color: style.accent), width: boxW - 16, maxLines: 1)
                let cite = f.citations.isEmpty ? "" : " " + Typeset.citationLabel(f.citations)
                let label = TextBlock(TextBlock.escape(f.label) + "<span foreground=\"\(String(style.accent.hexString.prefix(7)))\">\(cite)</span>",
                                      style: style.text(9, color: style.muted), width: boxW - 16, maxLines: 3, isMarkup: true)
                return (value, label)
            }
            let h = (blocks.map { measurer.measure($0.0).logical.height + 4 + measurer.measure($0.1).logical.height }.max() ?? 0) + 20
            ensure(h)
            for (k, (v, l)) in blocks.enumerated() {
                let x = left + Double(k) * (boxW + gapX)
                page.fill(.roundedRect(Rect(x: x, y: y, width: boxW, height: h), radius: 4), style.accent.withAlpha(0.07))
                page.fill(.rect(Rect(x: x, y: y, width: 3, height: h)), style.accent)
                begin(.paragraph)
                let vm = place(v, x: x + 10, y: y + 10)
                place(l, x: x + 10, y: y + 10 + vm.logical.height + 4)
                end()
            }
            y += h + 10
        }
        y += 14
    }

    /// Contents with room for page numbers, which `finish` fills in once pages are known.
    mutating func contents(_ headings: [(level: Int, text: String)]) -> [(page: Int, rect: Rect, level: Int)] {
        let entries = headings.filter { $0.level <= 2 }
        guard !entries.isEmpty else { return [] }
        ensure(60)
        begin(.h1)
        let m = place(TextBlock("目录", style: style.text(14, weight: .bold)), x: left, y: y)
        end()
        page.add(.outline(OutlineEntry(title: "目录", level: 1, y: y)))
        y += m.logical.height + 8
        begin(.toc)
        defer { end() }
        var slots: [(Int, Rect, Int)] = []
        for e in entries {
            let indent = e.level == 1 ? 0.0 : 18.0
            let b = TextBlock(TextBlock.escape(e.text), style: style.text(e.level == 1 ? 11 : 10, weight: e.level == 1 ? .medium : .regular),
                              width: width - indent - 40, maxLines: 1, isMarkup: true)
            let h = measurer.measure(b).logical.height
            ensure(h + 6)
            begin(.tocItem)
            place(b, x: left + indent, y: y)
            end()
            slots.append((pageIndex, Rect(x: left + indent, y: y, width: width - indent, height: h), e.level))
            y += h + 6
        }
        return slots
    }

    // MARK: Body blocks

    /// The least height a block needs at the top of a page region: what a heading must keep
    /// with it.
    func minimumHeight(_ b: Block) -> Double {
        switch b {
        case .heading(let l, _): return style.headingSize(l) * 2
        case .paragraph(let runs): return firstChunk(runs)
        case .bullets(let items): return items.first.map(firstChunk) ?? 0
        case .figure(let f): return figureHeight(f)
        case .table: return 90
        }
    }

    /// What a heading must keep on its page: the first block after it (through any headings that
    /// follow at once); and when that is a short
    /// lead-in paragraph (`下图为…`, `据报道…：`) before a figure, table or list, the start of that too, so
    /// a heading and its one line never close a page whose figure went to the next.
    func keptWithHeading(_ following: ArraySlice<Block>) -> Double {
        guard let first = following.first else { return 0 }
        let h = minimumHeight(first)
        // A heading right under a heading: both stay with what the second one keeps.
        if case .heading = first { return h + keptWithHeading(following.dropFirst()) }
        guard case .paragraph(let runs) = first, following.count > 1, let lines = paragraphLines(runs), lines < 4 else { return h }
        switch following[following.index(after: following.startIndex)] {
        case .figure, .table, .bullets: return h + minimumHeight(following[following.index(after: following.startIndex)])
        default: return h
        }
    }

    func paragraphLines(_ runs: [Inline]) -> Int? {
        // A paragraph longer than the measuring window is not a lead-in.
        guard Typeset.window(runs, scalars: windowScalars) == nil else { return nil }
        return measurer.lines(TextBlock(markup(runs), style: style.body, width: width, alignment: .justify, isMarkup: true)).count
    }

    func firstChunk(_ runs: [Inline]) -> Double {
        let head = Typeset.window(runs, scalars: windowScalars)?.head ?? runs
        let lines = measurer.lines(TextBlock(markup(head), style: style.body, width: width, alignment: .justify, isMarkup: true))
        // What `paragraph` would put first: a paragraph of under four lines never splits.
        let k = lines.count < 4 ? lines.count : 2
        return k == 0 ? 0 : style.bodySize * 0.6 + lines[k - 1].top + lines[k - 1].height
    }

    mutating func heading(_ text: String, level: Int, keepWith next: Double) {
        let size = style.headingSize(level)
        let b = TextBlock(markup([Inline(text)]), style: style.text(size, weight: .bold, color: level == 1 ? style.accent : nil),
                          width: width, isMarkup: true)
        let m = measurer.measure(b)
        let before = level == 1 ? 20.0 : level == 2 ? 14 : 10
        let after = level == 1 ? 10.0 : 6
        if !atTop, before + m.logical.height + after + next > remaining { newPage() }
        space(before)
        page.add(.outline(OutlineEntry(title: text, level: level, y: y)))
        headingPages.append((text, level, pageIndex))
        headingAnchors.append((pageIndex, y))
        begin(.heading(level))
        place(b, x: left, y: y)
        end()
        y += m.logical.height
        if level == 1 {
            y += 3
            page.stroke(.line(from: Point(left, y), to: Point(left + width, y)), StrokeStyle(color: style.accent.withAlpha(0.35), width: 0.6))
        }
        y += after
    }

    /// What a page of Chinese holds (one em per character), half again: a first window that
    /// runs past the page's end for Chinese text; narrower Latin text widens it (×4 a time).
    var windowScalars: Int {
        max(2048, Int(1.5 * (width / style.bodySize) * ((bottom - style.contentTop) / (style.bodySize * style.lineSpacing))))
    }

    /// A paragraph, cut between lines across pages; at least two lines stay on each side.
    ///
    /// Each page lays out only a window of the text that surely runs past the page's end (and
    /// widens it if it does not), not all that is left: laying out the whole rest for every
    /// page made a long paragraph quadratic (100,000 characters took 3.8 s).
    mutating func paragraph(_ runs: [Inline], indent: Double = 0, firstLineMarker: String? = nil, role: StructureTag.Role = .paragraph) {
        var rest = runs
        var first = true
        space(style.bodySize * 0.6)
        begin(role)
        defer { end() }
        while pages.count <= PageLayout.maxPages {  // beyond it `layout` fails
            var limit = windowScalars
            var part: [Inline], beyond: [Inline]
            var l: Typeset.Laid, b: TextBlock, lines: [TextLine]
            // Three lines past the page: the cut and the lines around it are as in the whole text.
            repeat {
                if let w = Typeset.window(rest, scalars: limit) { (part, beyond) = w } else { (part, beyond) = (rest, []) }
                l = laid(part)
                b = TextBlock(l.markup, style: style.body, width: width - indent, alignment: .justify, isMarkup: true)
                lines = measurer.lines(b)
                limit *= 4
            } while !beyond.isEmpty && lines.filter({ $0.top + $0.height > remaining }).count < 3
            guard let last = lines.last else { return }
            let total = last.top + last.height
            if total <= remaining || (atTop && lines.count == 1) {
                if first, let marker = firstLineMarker { place(TextBlock(marker, style: style.body), x: left + indent - 12, y: y) }
                place(b, x: left + indent, y: y)
                y += total
                return
            }
            var fit = lines.firstIndex { $0.top + $0.height > remaining } ?? lines.count
            if lines.count - fit < 2 { fit = lines.count - 2 }
            if fit < 2 || lines.count < 4 {
                if atTop {  // a paragraph taller than a page: cut wherever the page ends
                    fit = max(1, lines.firstIndex { $0.top + $0.height > remaining } ?? 1)
                } else {
                    newPage()
                    continue
                }
            }
            let (head, tail) = Typeset.split(part, l, atLayout: lines[fit].utf8Start)
            var hb = TextBlock(markup(head), style: style.body, width: width - indent, alignment: .justify, isMarkup: true)
            hb.justifyLastLine = true
            if first, let marker = firstLineMarker { place(TextBlock(marker, style: style.body), x: left + indent - 12, y: y) }
            place(hb, x: left + indent, y: y)
            first = false
            rest = Typeset.joined(tail, beyond)
            newPage()
        }
    }

    mutating func bullets(_ items: [[Inline]]) {
        begin(.list)
        for item in items { paragraph(item, indent: 14, firstLineMarker: "•", role: .listItem) }
        end()
    }

    // MARK: Figures

    func figureSize(_ f: Figure) -> Size { FigureFrames.size(f, width: width) }

    /// What a figure takes on the page: the space above, the drawing, its caption and note. A
    /// heading keeps this much below it, so it never stays alone at a page foot.
    func figureHeight(_ f: Figure, number: Int = 99) -> Double {
        let (caption, note) = figureTexts(f, number: number)
        return 12 + figureSize(f).height + 6 + measurer.measure(caption).logical.height + (note.map { measurer.measure($0).logical.height + 2 } ?? 0)
    }

    func figureTexts(_ f: Figure, number: Int) -> (caption: TextBlock, note: TextBlock?) {
        let cite = f.citations.isEmpty ? [] : [Inline("", citations: f.citations)]
        let caption = TextBlock(markup([Inline("图\(number)　\(f.caption)", style: .strong)] + cite), style: style.text(10),
                                width: width, alignment: .center, isMarkup: true)
        let note = f.note.map { TextBlock(markup([Inline($0)]), style: style.text(8.5, color: style.muted), width: width, alignment: .center, isMarkup: true) }
        return (caption, note)
    }

    /// Lays the chart or timeline out at the text width and draws it as vectors, caption below.
    mutating func figure(_ f: Figure, number: Int) throws(DocumentError) {
        let size = figureSize(f)
        let (frame, w) = try FigureFrames.frame(f, size: size, measurer: measurer)
        warnings += w.map { "图\(number)（\(f.id)）: \($0)" }
        let (caption, note) = figureTexts(f, number: number)
        let ch = measurer.measure(caption).logical.height, nh = note.map { measurer.measure($0).logical.height + 2 } ?? 0
        space(12)
        ensure(size.height + 6 + ch + nh)
        let box = Rect(x: left, y: y, width: size.width, height: size.height)
        begin(.figure)
        page.add(.group(frame.items, transform: .translation(left, y), clip: .rect(Rect(x: 0, y: 0, width: size.width, height: size.height))))
        end()
        y = box.maxY + 6
        begin(.caption)
        place(caption, x: left, y: y)
        y += ch
        if let note { place(note, x: left, y: y + 2); y += nh }
        end()
        y += 6
    }

    // MARK: Tables

    /// A three-line table (the Chinese house style): thick rules above and below, a thin one
    /// under the header; numbers right-aligned; the header repeats under `续表N` after a break.
    mutating func table(_ t: Table, number: Int) throws(DocumentError) {
        let cols = t.columns.count + (t.rowCitations.isEmpty ? 0 : 1)
        guard cols > 0 else { throw .table(id: t.id, message: "no columns") }
        for (i, r) in t.rows.enumerated() where r.count != t.columns.count {
            throw .table(id: t.id, message: "row \(i + 1) has \(r.count) cells, the header \(t.columns.count)")
        }
        let columns = t.columns + (t.rowCitations.isEmpty ? [] : [Table.Column("来源")])
        let citeCells = t.rowCitations.map { $0.isEmpty ? "" : Typeset.citationLabel($0) }
        var rows = t.rows.enumerated().map { i, r in r + (t.rowCitations.isEmpty ? [] : [i < citeCells.count ? citeCells[i] : ""]) }
        let totalRow = t.total.map { $0 + (t.rowCitations.isEmpty ? [] : [""]) }
        let cell = style.text(9.5), head = style.text(9.5, weight: .bold)
        // Column widths: numbers and citations take what they need, text columns share the rest.
        let pad = 6.0
        var natural = [Double](repeating: 0, count: cols)
        for r in [columns.map(\.title)] + rows + (totalRow.map { [$0] } ?? []) {
            for (c, s) in r.enumerated() where c < cols {
                natural[c] = max(natural[c], measurer.measure(TextBlock(s, style: c == 0 ? cell : head)).logical.width + 2 * pad)
            }
        }
        let fixed = (0..<cols).filter { $0 < t.columns.count ? t.columns[$0].numeric : true }
        let fixedW = fixed.reduce(0) { $0 + natural[$1] }
        let flexible = (0..<cols).filter { !fixed.contains($0) }
        var widths = natural
        if fixedW + flexible.reduce(0, { $0 + natural[$1] }) > width || !flexible.isEmpty {
            let share = max(60, width - fixedW)
            let want = flexible.reduce(0) { $0 + natural[$1] }
            for c in flexible { widths[c] = want <= share ? natural[c] + (share - want) / Double(flexible.count) : share * natural[c] / max(1, want) }
        }
        let scale = min(1, width / widths.reduce(0, +))
        widths = widths.map { $0 * scale }
        func rowBlocks(_ r: [String], bold: Bool) -> [TextBlock] {
            r.enumerated().map { c, s in
                let numeric = c < t.columns.count ? t.columns[c].numeric : true
                let st = bold ? head : cell, w = widths[c] - 2 * pad
                // Text cells break between words in balanced lines (ChineseLineBreak), not anywhere.
                let text = numeric ? s : ChineseLineBreak.wrap(s, width: w, maxLines: 3) { measurer.measure(TextBlock($0, style: st)).logical.width }
                return TextBlock(text, style: st, width: w, alignment: numeric ? .right : .left)
            }
        }
        func height(_ blocks: [TextBlock]) -> Double { (blocks.map { measurer.measure($0).logical.height }.max() ?? 0) + 2 * 4 }
        let header = rowBlocks(columns.map(\.title), bold: true)
        let headerH = height(header)
        let thick = StrokeStyle(color: style.theme.text, width: 1.2), thin = StrokeStyle(color: style.theme.text, width: 0.5)

        func drawRow(_ blocks: [TextBlock], _ h: Double, shade: Bool, header: Bool = false) {
            if shade { page.fill(.rect(Rect(x: left, y: y, width: width, height: h)), style.accent.withAlpha(0.05)) }
            begin(.row)
            var x = left
            for (c, b) in blocks.enumerated() {
                begin(header ? .headerCell : .cell)
                place(b, x: x + pad, y: y + 4)
                end()
                x += widths[c]
            }
            end()
            y += h
        }
        func caption(_ text: String) {
            let b = TextBlock(markup([Inline(text, style: .strong)]), style: style.text(10), width: width, alignment: .center, isMarkup: true)
            begin(.caption)
            let m = place(b, x: left, y: y)
            end()
            y += m.logical.height + 4
        }
        func rule(_ s: StrokeStyle) { page.stroke(.line(from: Point(left, y), to: Point(left + width, y)), s) }

        let captionH = measurer.measure(TextBlock("表", style: style.text(10))).logical.height + 4
        let firstRowH = rows.first.map { height(rowBlocks($0, bold: false)) } ?? 0
        space(12)
        ensure(captionH + headerH + firstRowH + 4)
        begin(.table)
        caption("表\(number)　\(t.caption)")
        rule(thick)
        drawRow(header, headerH, shade: false, header: true)
        rule(thin)
        if let total = totalRow { rows.append(total) }
        for (i, r) in rows.enumerated() {
            let isTotal = totalRow != nil && i == rows.count - 1
            let blocks = rowBlocks(r, bold: isTotal)
            let h = height(blocks)
            if h > remaining {
                rule(thick)
                newPage()
                caption("续表\(number)　\(t.caption)")
                rule(thick)
                drawRow(header, headerH, shade: false, header: true)
                rule(thin)
                if h > remaining { warnings.append("表\(number)（\(t.id)）: row \(i + 1) is taller than a page and was cut") }
            }
            if isTotal { rule(thin) }
            drawRow(blocks, h, shade: !isTotal && i % 2 == 1)
        }
        rule(thick)
        end()
        y += 4
        if let note = t.note {
            let b = TextBlock(markup([Inline(note)]), style: style.text(8.5, color: style.muted), width: width, isMarkup: true)
            let h = measurer.measure(b).logical.height
            ensure(h)
            begin(.note)
            place(b, x: left, y: y)
            end()
            y += h
        }
        y += 4
    }

    // MARK: Sources

    /// Numbered notes with a hanging indent: `[3] seeds/000.txt:2481–2487　“这项工程……”`.
    mutating func sources(_ notes: [SourceNote]) {
        let numW = 28.0
        begin(.list)
        defer { end() }
        for (i, n) in notes.enumerated() {
            let num = TextBlock("[\(i + 1)]", style: style.text(8.5, color: style.accent))
            let body = TextBlock(
                "<span foreground=\"\(String(style.muted.hexString.prefix(7)))\">\(TextBlock.escape(n.location))</span>　" + TextBlock.escape("“\(n.sentence)”"),
                style: style.text(8.5), width: width - numW, isMarkup: true)
            let h = measurer.measure(body).logical.height
            ensure(h + 4)
            begin(.listItem)
            begin(.label)
            place(num, x: left, y: y)
            end()
            begin(.listBody)
            place(body, x: left + numW, y: y)
            end()
            end()
            y += h + 4
        }
    }

    // MARK: Page furniture

    /// Closes the last page; adds running headers, `第 N 页 / 共 M 页` footers, and the contents'
    /// page numbers and links.
    mutating func finish(title: String, toc: [(page: Int, rect: Rect, level: Int)]) {
        while !openTags.isEmpty { end() }
        pages.append(page)
        let total = pages.count
        let anchors = zip(headingPages, headingAnchors).filter { $0.0.level <= 2 }.map(\.1)
        for (k, slot) in toc.enumerated() where k < anchors.count {
            let target = anchors[k]
            let b = TextBlock("\(target.page + 1)", style: style.text(slot.level == 1 ? 11 : 10), width: 40, alignment: .right)
            let m = measurer.measure(b)
            pages[slot.page].add(.text(TextItem(block: b, origin: Point(slot.rect.maxX - 40, slot.rect.minY), box: m.logical)))
            pages[slot.page].stroke(.line(from: Point(slot.rect.minX, slot.rect.maxY + 1), to: Point(slot.rect.maxX, slot.rect.maxY + 1)),
                                    StrokeStyle(color: style.theme.grid, width: 0.4, dash: [1, 2]))
            pages[slot.page].add(.link(slot.rect, .page(target.page, y: max(0, target.y - 12))))
        }
        for i in pages.indices {
            if i > 0 {
                let b = TextBlock(TextBlock.escape(title), style: style.text(8, color: style.muted), width: width, maxLines: 1, isMarkup: true)
                let m = measurer.measure(b)
                let hy = style.marginTop - 30
                pages[i].add(.text(TextItem(block: b, origin: Point(left, hy), box: m.logical)))
                pages[i].stroke(.line(from: Point(left, hy + m.logical.height + 3), to: Point(left + width, hy + m.logical.height + 3)),
                                StrokeStyle(color: style.theme.grid, width: 0.5))
            }
            let f = TextBlock("第 \(i + 1) 页 / 共 \(total) 页", style: style.text(8, color: style.muted), width: width, alignment: .center)
            let m = measurer.measure(f)
            pages[i].add(.text(TextItem(block: f, origin: Point(left, style.pageSize.height - style.marginBottom + 24), box: m.logical)))
        }
    }
}
