import Canvas
import Foundation

/// The briefing as a Word document a colleague can edit in Word, WPS or LibreOffice: built-in
/// heading styles (so the navigation pane and a TOC field work), real tables with a repeated
/// header row, figures as 2x PNGs with numbered captions, citations linked to the numbered
/// sources, and `第 N 页 / 共 M 页` as page fields in the footer. Equal input and date give equal
/// bytes (fixed ZIP order and timestamps, as in the slide deck).
public enum DOCXWriter {
    /// Twentieths of a point ("dxa"), Word's unit for page and table geometry.
    static func twips(_ pt: Double) -> Int { Int((pt * 20).rounded()) }
    static func emu(_ pt: Double) -> Int { Int((pt * 12_700).rounded()) }

    /// Figures are drawn through `rasters` (see `FigureRasters`): the Markdown of the same
    /// briefing embeds the same PNGs, drawn once.
    public static func docx(_ doc: BriefingDocument, measurer: TextMeasurer, date: Date,
                            style: PageStyle = .a4, rasters: FigureRasters = FigureRasters()) throws(DocumentError) -> (bytes: [UInt8], warnings: [String]) {
        guard !doc.title.isEmpty || !doc.blocks.isEmpty else { throw .empty }
        // 144 dpi: two pixels per point, sharp on screens and in print at this size.
        let drawn = try rasters.images(doc.figures, size: { FigureFrames.size($0, width: style.contentWidth) }, dpi: 144, measurer: measurer)
        var body = DOCXBody(style: style)
        body.titleBlock(doc)
        body.contents(doc.headings + (doc.sources.isEmpty ? [] : [(1, PageLayout.sourcesHeading)]))
        var media: [[UInt8]] = []
        var warnings: [String] = []
        var figureNo = 0, tableNo = 0
        for b in doc.blocks {
            switch b {
            case .heading(let level, let text): body.heading(text, level: level)
            case .paragraph(let runs): body.paragraph(runs)
            case .bullets(let items): for item in items { body.paragraph(item, style: "ListBullet") }
            case .figure(let f):
                figureNo += 1
                let size = FigureFrames.size(f, width: style.contentWidth)
                warnings += drawn[figureNo - 1].warnings
                media.append(drawn[figureNo - 1].png)
                body.figure(f, number: figureNo, image: media.count, size: size)
            case .table(let t):
                tableNo += 1
                body.table(t, number: tableNo)
            }
        }
        if !doc.sources.isEmpty {
            body.heading(PageLayout.sourcesHeading, level: 1)
            body.sources(doc.sources)
        }
        let document = "<w:document \(DOCXParts.ns)><w:body>\(body.xml)\(DOCXParts.section(style))</w:body></w:document>"

        var docRels: [(String, String, String)] = [
            ("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml"), ("rId3", "numbering", "numbering.xml"),
            ("rId4", "fontTable", "fontTable.xml"), ("rId5", "theme", "theme/theme1.xml"),
            ("rId6", "footer", "footer1.xml"), ("rId7", "header", "header1.xml"),
        ]
        for i in media.indices { docRels.append(("rIdImg\(i + 1)", "image", "media/image\(i + 1).png")) }
        var files: [(String, [UInt8])] = [
            ("[Content_Types].xml", OOXMLPackage.xml(DOCXParts.contentTypes)),
            ("_rels/.rels", OOXMLPackage.xml(OOXMLPackage.rootRels(main: "word/document.xml"))),
            ("docProps/core.xml", OOXMLPackage.xml(OOXMLPackage.core(doc, date))),
            ("docProps/app.xml", OOXMLPackage.xml(DOCXParts.app)),
            ("word/document.xml", OOXMLPackage.xml(document)),
            ("word/_rels/document.xml.rels", OOXMLPackage.xml(OOXMLPackage.rels(docRels))),
            ("word/styles.xml", OOXMLPackage.xml(DOCXParts.styles(style))),
            ("word/settings.xml", OOXMLPackage.xml(DOCXParts.settings)),
            ("word/numbering.xml", OOXMLPackage.xml(DOCXParts.numbering)),
            ("word/fontTable.xml", OOXMLPackage.xml(DOCXParts.fontTable)),
            ("word/theme/theme1.xml", OOXMLPackage.xml(DOCXParts.theme)),
            ("word/footer1.xml", OOXMLPackage.xml(DOCXParts.footer)),
            ("word/header1.xml", OOXMLPackage.xml(DOCXParts.header(doc.title))),
        ]
        for (i, m) in media.enumerated() { files.append(("word/media/image\(i + 1).png", m)) }
        return (try OOXMLPackage.zip(files, date: date, what: "DOCX"), warnings)
    }
}

/// The body of `word/document.xml`, built block by block. Bookmarks get ids in document order,
/// so equal documents give equal XML.
struct DOCXBody {
    let style: PageStyle
    var xml = ""
    var bookmarkID = 0
    var headingNo = 0

    init(style: PageStyle) { self.style = style }

    static func esc(_ s: String) -> String { OOXMLPackage.esc(s) }

    var contentTwips: Int { DOCXWriter.twips(style.contentWidth) }

    /// A text run; newlines inside become line breaks.
    static func run(_ text: String, props: String = "") -> String {
        let rPr = props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>"
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, part in
            (i > 0 ? "<w:r>\(rPr)<w:br/></w:r>" : "") + (part.isEmpty ? "" : "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(esc(String(part)))</w:t></w:r>")
        }.joined()
    }

    static func runs(_ inlines: [Inline], superscriptCitations: Bool = true) -> String {
        inlines.map { r in
            let props = r.style == .strong ? "<w:b/>" : r.style == .emphasis ? "<w:i/>" : ""
            return run(r.text, props: props) + citation(r.citations, superscript: superscriptCitations)
        }.joined()
    }

    /// `[1–3]` as in the PDF, each number a link to the bookmark on its source.
    static func citation(_ ns: [Int], superscript: Bool = true) -> String {
        guard !ns.isEmpty else { return "" }
        let props = superscript ? "<w:rStyle w:val=\"CitationRef\"/>" : "<w:color w:val=\"2F6DB5\"/>"
        func text(_ s: String) -> String { "<w:r><w:rPr>\(props)</w:rPr><w:t xml:space=\"preserve\">\(esc(s))</w:t></w:r>" }
        func link(_ n: Int) -> String { "<w:hyperlink w:anchor=\"src_\(n)\" w:history=\"1\">\(text(String(n)))</w:hyperlink>" }
        let sorted = Array(Set(ns)).sorted()
        var out = text("[")
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            if i > 0 { out += text(",") }
            out += j - i >= 2 ? link(sorted[i]) + text("–") + link(sorted[j]) : (i...j).map { link(sorted[$0]) }.joined(separator: text(","))
            i = j + 1
        }
        return out + text("]")
    }

    mutating func bookmark(_ name: String, around content: String) -> String {
        bookmarkID += 1
        return "<w:bookmarkStart w:id=\"\(bookmarkID)\" w:name=\"\(name)\"/>\(content)<w:bookmarkEnd w:id=\"\(bookmarkID)\"/>"
    }

    static func paragraph(_ content: String, style: String? = nil, props: String = "") -> String {
        let pPr = (style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? "") + props
        return "<w:p>\(pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>")\(content)</w:p>"
    }

    // MARK: Blocks

    mutating func titleBlock(_ doc: BriefingDocument) {
        if let o = doc.organisation, !o.isEmpty { xml += Self.paragraph(Self.run(o), style: "Organisation") }
        xml += Self.paragraph(Self.run(doc.title), style: "Title")
        if let s = doc.subtitle, !s.isEmpty { xml += Self.paragraph(Self.run(s), style: "Subtitle") }
        if let d = doc.date, !d.isEmpty { xml += Self.paragraph(Self.run(d), style: "DocDate") }
        keyFigures(doc.keyFigures)
    }

    /// The headline numbers as one row of shaded cells: value over label.
    mutating func keyFigures(_ figures: [KeyFigure]) {
        guard !figures.isEmpty else { return }
        let perRow = min(4, figures.count)
        let w = contentTwips / perRow
        xml += "<w:tbl><w:tblPr><w:tblW w:w=\"\(w * perRow)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:top w:w=\"100\" w:type=\"dxa\"/><w:left w:w=\"140\" w:type=\"dxa\"/><w:bottom w:w=\"100\" w:type=\"dxa\"/><w:right w:w=\"140\" w:type=\"dxa\"/></w:tblCellMar>"
        xml += "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>"
        xml += "<w:tblGrid>" + String(repeating: "<w:gridCol w:w=\"\(w)\"/>", count: perRow) + "</w:tblGrid>"
        for start in stride(from: 0, to: figures.count, by: perRow) {
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for k in figures[start..<min(figures.count, start + perRow)] {
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(w)\" w:type=\"dxa\"/><w:tcBorders><w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"FFFFFF\"/><w:left w:val=\"single\" w:sz=\"24\" w:space=\"0\" w:color=\"2F6DB5\"/><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"FFFFFF\"/><w:right w:val=\"single\" w:sz=\"24\" w:space=\"0\" w:color=\"FFFFFF\"/></w:tcBorders>"
                xml += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F1F5FA\"/></w:tcPr>"
                xml += Self.paragraph(Self.run(k.value), style: "KeyFigureValue")
                xml += Self.paragraph(Self.run(k.label) + Self.citation(k.citations), style: "KeyFigureLabel")
                xml += "</w:tc>"
            }
            let missing = perRow - (min(figures.count, start + perRow) - start)
            for _ in 0..<missing { xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(w)\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>" }
            xml += "</w:tr>"
        }
        xml += "</w:tbl>"
    }

    /// 目录 as a Word TOC field (levels 1–3, linked). Its cached entries list the headings and
    /// link to them; Word fills in page numbers when the field is updated (F9), LibreOffice on
    /// Tools > Update. The contents end the title page, as in the PDF.
    mutating func contents(_ headings: [(level: Int, text: String)]) {
        xml += Self.paragraph(Self.run("目录"), style: "TOCHeading")
        let shown = headings.enumerated().filter { $0.element.level <= 2 }
        let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        if shown.isEmpty {
            xml += Self.paragraph(begin + end)
        } else {
            for (n, (i, h)) in shown.enumerated() {
                // No page numbers: LibreOffice does not compute PAGEREF fields in a cached TOC, and
                // Word fills them in itself (the field is marked dirty, so Word offers to update it).
                let entry = "<w:hyperlink w:anchor=\"_Toc\(i + 1)\" w:history=\"1\">\(Self.run(h.text))</w:hyperlink>"
                xml += Self.paragraph((n == 0 ? begin : "") + entry + (n == shown.count - 1 ? end : ""), style: "TOC\(h.level)")
            }
        }
        xml += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
    }

    mutating func heading(_ text: String, level: Int) {
        headingNo += 1
        let lvl = max(1, min(3, level))
        xml += Self.paragraph(bookmark("_Toc\(headingNo)", around: Self.run(text)), style: "Heading\(lvl)")
    }

    mutating func paragraph(_ runs: [Inline], style: String? = nil) {
        xml += Self.paragraph(Self.runs(runs), style: style)
    }

    /// The picture (kept with its caption), then `图 N　caption[cites]` with a SEQ field so Word
    /// renumbers figures a user inserts, then the note.
    mutating func figure(_ f: Figure, number: Int, image: Int, size: Size) {
        let cx = DOCXWriter.emu(size.width), cy = DOCXWriter.emu(size.height)
        let name = Self.esc("图\(number)")
        let descr = Self.esc(FigureDescription.text(f))
        var d = "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
        d += "<wp:docPr id=\"\(number)\" name=\"\(name)\" descr=\"\(descr)\" title=\"\(Self.esc(f.caption))\"/>"
        d += "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
        d += "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
        d += "<pic:nvPicPr><pic:cNvPr id=\"0\" name=\"image\(image).png\" descr=\"\(descr)\"/><pic:cNvPicPr/></pic:nvPicPr>"
        d += "<pic:blipFill><a:blip r:embed=\"rIdImg\(image)\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        d += "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
        d += "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        xml += Self.paragraph(d, style: "FigurePicture")
        let note = f.note.flatMap { $0.isEmpty ? nil : $0 }
        // A caption with a note under it stays on the note's page.
        xml += Self.paragraph(Self.run("图") + Self.seq("图", number) + Self.run("　" + f.caption) + Self.citation(f.citations), style: "Caption",
                              props: note == nil ? "" : "<w:keepNext/>")
        if let note { xml += Self.paragraph(Self.run(note), style: "FigureNote") }
    }

    /// A `SEQ` field (caption numbering) showing `n` until Word updates it.
    static func seq(_ name: String, _ n: Int) -> String {
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> SEQ \(esc(name)) \\* ARABIC </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>\(n)</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    /// A three-line table (三线表): caption above, header row repeated on every page, numbers
    /// right-aligned, the 合计 row bold, sources linked in the last column.
    mutating func table(_ t: Table, number: Int) {
        xml += Self.paragraph(Self.run("表") + Self.seq("表", number) + Self.run("　" + t.caption), style: "TableCaption")
        let cites = !t.rowCitations.isEmpty
        let columnCount = max(t.columns.count, t.rows.map(\.count).max() ?? 0, t.total?.count ?? 0)
        var widths: [Int] = []
        let citeWidth = cites ? 900 : 0
        let weights = (0..<columnCount).map { c in c < t.columns.count && t.columns[c].numeric ? 1.0 : 2.0 }
        let free = Double(contentTwips - citeWidth)
        widths = weights.map { Int((free * $0 / weights.reduce(0, +)).rounded(.down)) }
        if cites { widths.append(citeWidth) }
        let rule = "w:space=\"0\" w:color=\"1F2937\""
        xml += "<w:tbl><w:tblPr><w:tblStyle w:val=\"BriefingTable\"/><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        xml += "<w:tblBorders><w:top w:val=\"single\" w:sz=\"12\" \(rule)/><w:bottom w:val=\"single\" w:sz=\"12\" \(rule)/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"\(t.total == nil ? 0 : 1)\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr>"
        xml += "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        func numeric(_ c: Int) -> Bool { c < t.columns.count && t.columns[c].numeric }
        func cell(_ content: String, _ c: Int, right: Bool, borders: String = "", fill: String? = nil) -> String {
            var s = "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[c])\" w:type=\"dxa\"/>"
            if !borders.isEmpty { s += "<w:tcBorders>\(borders)</w:tcBorders>" }
            if let fill { s += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/>" }
            s += "</w:tcPr>"
            let props = right ? "<w:jc w:val=\"right\"/>" : ""
            return s + Self.paragraph(content, style: "TableText", props: props) + "</w:tc>"
        }
        let headerBorder = "<w:bottom w:val=\"single\" w:sz=\"4\" \(rule)/>"
        xml += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for c in 0..<columnCount {
            xml += cell(Self.run(c < t.columns.count ? t.columns[c].title : "", props: "<w:b/>"), c, right: numeric(c), borders: headerBorder)
        }
        if cites { xml += cell(Self.run("来源", props: "<w:b/>"), columnCount, right: true, borders: headerBorder) }
        xml += "</w:tr>"
        for (i, r) in t.rows.enumerated() {
            let fill = i % 2 == 1 ? "F5F8FC" : nil
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for c in 0..<columnCount { xml += cell(Self.run(c < r.count ? r[c] : ""), c, right: numeric(c), fill: fill) }
            if cites {
                xml += cell(Self.citation(i < t.rowCitations.count ? t.rowCitations[i] : [], superscript: false), columnCount, right: true, fill: fill)
            }
            xml += "</w:tr>"
        }
        if let total = t.total {
            let top = "<w:top w:val=\"single\" w:sz=\"4\" \(rule)/>"
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for c in 0..<columnCount {
                xml += cell(Self.run(c < total.count ? total[c] : "", props: "<w:b/>"), c, right: numeric(c), borders: top)
            }
            if cites { xml += cell("", columnCount, right: true, borders: top) }
            xml += "</w:tr>"
        }
        xml += "</w:tbl>"
        if let n = t.note, !n.isEmpty { xml += Self.paragraph(Self.run(n), style: "FigureNote", props: "<w:jc w:val=\"left\"/>") }
        else { xml += Self.paragraph("", style: "FigureNote") }  // Word needs a paragraph between a table and what follows
    }

    /// `[n]` (the bookmark citations link to), the location, the quoted sentence.
    mutating func sources(_ notes: [SourceNote]) {
        for (i, n) in notes.enumerated() {
            let label = bookmark("src_\(i + 1)", around: Self.run("[\(i + 1)]"))
            let loc = Self.run(n.location, props: "<w:color w:val=\"5F6B7A\"/>")
            xml += Self.paragraph(label + "<w:r><w:tab/></w:r>" + loc + Self.run(" “\(n.sentence)”"), style: "SourceItem")
        }
    }
}
