import Canvas
import Charts
@testable import Document
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
import Timeline

/// A document long enough to exercise every page-break rule: long paragraphs, a 60-row table,
/// figures that cannot share a page, headings near page ends.
enum DocFixtures {
    static let sentence = "杭州援疆指挥部投入援疆资金8000万元建设天网工程，覆盖全市96.5%的区域，AI识别与GIS平台同步上线。"

    static func paragraph(_ n: Int, cite: Int = 1) -> Block {
        .paragraph([Inline(String(repeating: sentence, count: n)), Inline("合计7650万元", style: .strong, citations: [cite, cite + 1, cite + 2])])
    }

    static let bar = ChartSpec(kind: .bar, title: "援疆资金分项", subtitle: "单位：元", source: "test",
                               categories: ["天网工程", "安居富民工程", "袜业示范园"],
                               series: [Series(name: "资金", values: [80_000_000, 76_500_000, 8_100_000])], valueKind: .money)

    static let timeline = TimelineSpec(title: "大事记", events: [
        TimelineEvent(when: EventDate(date: ChartDate(parsing: "2015-01") ?? ChartDate(year: 2015)), label: "培训基地设立"),
        TimelineEvent(when: EventDate(date: ChartDate(parsing: "2015-06") ?? ChartDate(year: 2015)), label: "产业园开园，44家企业入驻"),
        TimelineEvent(when: EventDate(date: ChartDate(parsing: "2015-09-10") ?? ChartDate(year: 2015)), label: "网上商城上线"),
    ])

    static var long: BriefingDocument {
        var blocks: [Block] = [.heading(level: 1, text: "第一部分")]
        for i in 0..<5 { blocks.append(paragraph(4 + i)) }
        blocks.append(.heading(level: 2, text: "资金"))
        blocks.append(.figure(Figure(id: "bar", caption: "援疆资金分项", note: "来源：test", content: .chart(bar), citations: [1])))
        let rows = (1...60).map { ["项目\($0)", NumberFormatter.grouped(Double($0 * 1234), decimals: 0), "\($0 % 10).0%"] }
        blocks.append(.table(Table(id: "t", caption: "六十个项目", columns: [.init("项目"), .init("资金（万元）", numeric: true), .init("占比", numeric: true)],
                                   rows: rows, total: ["合计", "2,258,220", "100.0%"], note: "注：测试数据", rowCitations: rows.indices.map { [$0 % 3 + 1] })))
        blocks.append(.heading(level: 1, text: "第二部分"))
        blocks.append(.bullets([[Inline("第一条")], [Inline(String(repeating: sentence, count: 3))]]))
        blocks.append(.figure(Figure(id: "tl", caption: "大事记", content: .timeline(timeline))))
        for i in 0..<3 { blocks.append(paragraph(6 + i)) }
        blocks.append(.heading(level: 3, text: "末节"))
        blocks.append(paragraph(2))
        return BriefingDocument(title: "援疆工作简报", subtitle: "测试", organisation: "reportgen", date: "2026年1月1日", keywords: ["援疆"],
                                keyFigures: [KeyFigure(value: "1.7395亿元", label: "资金合计", citations: [1, 2, 3]), KeyFigure(value: "21个", label: "项目")],
                                blocks: blocks,
                                sources: (1...5).map { SourceNote(file: "seeds/a.txt", start: $0 * 10, end: $0 * 10 + 4, sentence: "原句\($0)：\(sentence)") })
    }
}

/// Markup tags and the invisible spacing characters removed.
func plain(_ markup: String) -> String {
    markup.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        .replacingOccurrences(of: "\u{200B}", with: "").replacingOccurrences(of: "\u{2060}", with: "")
        .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
}

@Suite struct TypesettingTests {
    @Test func hanAndLatinGetAGapButNumbersKeepTheirUnits() {
        #expect(Typeset.needsGap("入", "8"))
        #expect(Typeset.needsGap("I", "识"))
        #expect(!Typeset.needsGap("0", "万"), "8000万元 reads as one word")
        #expect(!Typeset.needsGap("5", "年"))
        #expect(!Typeset.needsGap("第", "8"), "第8批 is an ordinal")
        #expect(!Typeset.needsGap("援", "疆"))
        let laid = Typeset.lay([Inline("投入8000万元")], gap: 2, accent: .black)
        #expect(laid.markup.contains("入<span letter_spacing=\"2048\">\u{200B}</span>8000\u{2060}万元"))
    }

    @Test func userTextCannotInjectMarkup() {
        let laid = Typeset.lay([Inline("<b>不是粗体</b> & \"引号\"")], gap: 0, accent: .black)
        #expect(!laid.markup.contains("<b>") && laid.markup.contains("&lt;b&gt;") && laid.markup.contains("&amp;"))
    }

    @Test func citationsCollapseIntoRanges() {
        #expect(Typeset.citationLabel([3, 1, 2]) == "[1–3]")
        #expect(Typeset.citationLabel([1, 2, 5, 7, 8, 9]) == "[1,2,5,7–9]")
        #expect(Typeset.citationLabel([4]) == "[4]")
    }

    /// Cutting a paragraph at any line Pango makes loses and duplicates nothing.
    @Test func splittingAtEveryLineStartKeepsTheText() {
        let runs = [Inline(String(repeating: DocFixtures.sentence, count: 3)), Inline("粗体部分", style: .strong, citations: [2]), Inline("结尾ABC文字。")]
        let laid = Typeset.lay(runs, gap: 2, accent: .black)
        let lines = PangoMeasurer().lines(TextBlock(laid.markup, style: TextStyle(size: 10.5), width: 300, alignment: .justify, isMarkup: true))
        #expect(lines.count > 3)
        for l in lines.dropFirst() {
            let (head, tail) = Typeset.split(runs, laid, atLayout: l.utf8Start)
            #expect((head + tail).map(\.text).joined() == runs.map(\.text).joined())
            #expect((head + tail).flatMap(\.citations) == [2], "the citation survives exactly once")
            #expect(!head.isEmpty && !tail.isEmpty)
        }
    }
}

@Suite struct PageLayoutTests {
    let m = PangoMeasurer()

    /// What each text item reads, markup and spacing removed.
    func texts(_ page: Frame) -> [String] { page.textBoxes.map { plain($0.item.block.text) } }

    @Test func noTextOverlapsOrLeavesThePage() throws {
        let laid = try PageLayout.layout(DocFixtures.long, measurer: m)
        #expect(laid.pages.count >= 5)
        for (i, p) in laid.pages.enumerated() {
            let problems = FrameChecks.textProblems(p)
            #expect(problems.isEmpty, "page \(i + 1): \(problems.prefix(3))")
        }
    }

    @Test func everyPageHasItsFooterAndLaterPagesTheRunningHeader() throws {
        let laid = try PageLayout.layout(DocFixtures.long, measurer: m)
        let n = laid.pages.count
        for (i, p) in laid.pages.enumerated() {
            #expect(texts(p).contains("第 \(i + 1) 页 / 共 \(n) 页"))
            if i > 0 { #expect(texts(p).contains("援疆工作简报"), "running header on page \(i + 1)") }
        }
    }

    @Test func bodyTextStaysInsideTheMargins() throws {
        let style = PageStyle.a4
        let laid = try PageLayout.layout(DocFixtures.long, measurer: m)
        for (i, p) in laid.pages.enumerated() {
            for (item, box) in p.textBoxes {
                let furniture = item.block.text.hasPrefix("第 ") || (i > 0 && item.block.text == "援疆工作简报")
                if furniture { continue }
                #expect(box.minX >= style.marginLeft - 1 && box.maxX <= style.pageSize.width - style.marginRight + 1, "\(item.block.text.prefix(20)) at \(box)")
                #expect(box.maxY <= style.contentBottom + 1, "page \(i + 1): \(item.block.text.prefix(20)) ends at \(box.maxY)")
            }
        }
    }

    /// The table crosses pages: the continuation starts with `续表`, repeats the header row, and
    /// every data row appears exactly once.
    @Test func tablesRepeatTheirHeaderUnderXuBiao() throws {
        let laid = try PageLayout.layout(DocFixtures.long, measurer: m)
        let all = laid.pages.flatMap(texts)
        #expect(all.contains { $0.contains("续表1") })
        #expect(all.filter { $0 == "资金（万元）" }.count >= 2)
        for i in 1...60 { #expect(all.filter { $0 == "项目\(i)" }.count == 1, "row \(i)") }
        #expect(all.contains("合计"))
    }

    /// No heading is the last thing on its page, and every heading is a bookmark.
    @Test func headingsKeepWithTheirContentAndAreBookmarked() throws {
        let doc = DocFixtures.long
        let laid = try PageLayout.layout(doc, measurer: m)
        var outline: [String] = []
        for p in laid.pages {
            for item in FrameItem.untagged(p.items) { if case .outline(let e) = item { outline.append(e.title) } }
        }
        for h in doc.headings { #expect(outline.contains(h.text)) }
        for (text, _, page) in laid.headingPages {
            let p = laid.pages[page]
            let hb = try #require(p.textBoxes.first { $0.item.block.text.contains(TextBlock.escape(text)) && $0.item.block.style.weight == .bold })
            let below = p.textBoxes.filter { $0.bounds.minY > hb.bounds.maxY && !$0.item.block.text.hasPrefix("第 ") }
            let groups = FrameItem.untagged(p.items).contains { if case .group(_, let t, _) = $0 { return t.ty > hb.bounds.maxY } else { return false } }
            #expect(!below.isEmpty || groups, "heading \(text) is stranded at the foot of page \(page + 1)")
        }
    }

    /// A heading, a one-line lead-in and its figure share a page wherever the page break falls;
    /// and two headings in a row stay with the text under the second.
    @Test func aHeadingAndItsLeadInStayWithTheFigure() throws {
        for filler in stride(from: 2, through: 40, by: 2) {
            var blocks: [Block] = [.heading(level: 1, text: "开头")]
            for _ in 0..<3 { blocks.append(DocFixtures.paragraph(filler / 3 + 1)) }
            blocks.append(DocFixtures.paragraph(filler % 7 + 1))
            blocks.append(.heading(level: 1, text: "大事记"))
            blocks.append(.paragraph([Inline("下图为报道提到的主要事件。")]))
            blocks.append(.figure(Figure(id: "tl", caption: "大事记", note: "来源：test，第二行说明文字，长一些，说明条形与圆点的含义；颜色表示领域", content: .timeline(DocFixtures.timeline))))
            blocks.append(.heading(level: 1, text: "第二部分"))
            blocks.append(.heading(level: 2, text: "小节"))
            blocks.append(DocFixtures.paragraph(3))
            let doc = BriefingDocument(title: "t", subtitle: "", organisation: "", date: "", keywords: [], keyFigures: [], blocks: blocks, sources: [])
            let laid = try PageLayout.layout(doc, measurer: m)
            let page = try #require(laid.headingPages.first { $0.text == "大事记" }?.page)
            let figureOnPage = FrameItem.untagged(laid.pages[page].items).contains { if case .group(_, _, let clip?) = $0 { return clip.bounds != nil } else { return false } }
            #expect(figureOnPage, "filler \(filler): 大事记 on page \(page + 1) without its figure")
            let first = try #require(laid.headingPages.first { $0.text == "第二部分" }?.page), second = try #require(laid.headingPages.first { $0.text == "小节" }?.page)
            #expect(first == second, "filler \(filler): 第二部分 alone at a page foot")
        }
    }

    @Test func figuresAreVectorsAndNeverCrossTheFoot() throws {
        let laid = try PageLayout.layout(DocFixtures.long, measurer: m)
        var figures = 0
        for p in laid.pages {
            for item in FrameItem.untagged(p.items) {
                guard case .group(let items, let t, let clip?) = item, let b = clip.bounds else { continue }
                figures += 1
                #expect(t.ty + b.maxY <= PageStyle.a4.contentBottom + 0.5)
                #expect(!items.contains { if case .image = $0 { return true } else { return false } }, "no bitmaps in the PDF figure")
            }
        }
        #expect(figures == 2)
    }

    @Test func contentsLinkToTheHeadingsPages() throws {
        let laid = try PageLayout.layout(DocFixtures.long, measurer: m)
        let links = FrameItem.untagged(laid.pages[0].items).compactMap { if case .link(_, .page(let n, _)) = $0 { return n } else { return nil } }
        let expected = laid.headingPages.filter { $0.level <= 2 }.map(\.page)
        #expect(links == expected)
    }

    @Test func paragraphsLoseNoTextAcrossPages() throws {
        let doc = BriefingDocument(title: "长文", blocks: [.paragraph([Inline(String(repeating: DocFixtures.sentence, count: 60))])])
        let laid = try PageLayout.layout(doc, measurer: m)
        #expect(laid.pages.count >= 3)
        let body = laid.pages.flatMap { $0.textBoxes.map(\.item.block.text) }.filter { $0.contains("天网") }
            .joined().replacingOccurrences(of: "<span letter_spacing=\"[0-9]+\">\u{200B}</span>|\u{2060}", with: "", options: .regularExpression)
        #expect(body == String(repeating: DocFixtures.sentence, count: 60))
    }

    @Test func badTablesAndEmptyDocumentsAreClearErrors() {
        #expect(throws: DocumentError.empty) { try PageLayout.layout(BriefingDocument(title: ""), measurer: m) }
        let t = Table(id: "bad", caption: "x", columns: [.init("a"), .init("b")], rows: [["1"]])
        #expect(throws: DocumentError.table(id: "bad", message: "row 1 has 1 cells, the header 2")) {
            try PageLayout.layout(BriefingDocument(title: "t", blocks: [.table(t)]), measurer: m)
        }
    }
}

@Suite struct OutputFormatTests {
    let m = PangoMeasurer()

    @Test func pdfEmbedsFontsAndKeepsChineseSearchable() throws {
        let laid = try PageLayout.layout(DocFixtures.long, measurer: m)
        let dir = Tools.temporaryFolder()
        try Renderer.write(laid.pages, to: dir + "/d.pdf", metadata: PDFMetadata(title: "援疆工作简报", author: "reportgen", date: Date(timeIntervalSince1970: 0)))
        let info = try Tools.run(try #require(Tools.which("pdfinfo")), [dir + "/d.pdf"]).stdout
        #expect(info.contains("Pages:           \(laid.pages.count)") && info.contains("援疆工作简报"))
        let fonts = try Tools.run(try #require(Tools.which("pdffonts")), [dir + "/d.pdf"]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes yes yes ") }, "\(fonts)")
        let text = try Tools.run(try #require(Tools.which("pdftotext")), [dir + "/d.pdf", "-"]).stdout
        #expect(text.contains("8000万元"), "a number and its unit stay one searchable word")
        let squeezed = text.filter { !$0.isWhitespace }
        #expect(squeezed.contains("续表1") && squeezed.contains("第2页/共\(laid.pages.count)页"))
        #expect(!text.contains("\u{200B}"), "the spacing characters stay invisible to copy and search")
        // Reading order: parts appear in document order.
        let afterContents = text.range(of: "资料来源")?.upperBound ?? text.startIndex  // the contents list ends with 资料来源
        let a = try #require(text.range(of: "第一部分", options: [], range: afterContents..<text.endIndex))
        let b = try #require(text.range(of: "第二部分", options: [], range: a.upperBound..<text.endIndex))
        #expect(a.upperBound <= b.lowerBound)
    }

    @Test func htmlIsOneFileWithUniqueIDsAndLinkedCitations() throws {
        let (bytes, _) = try HTMLWriter.html(DocFixtures.long, measurer: m)
        let h = String(decoding: bytes, as: UTF8.self)
        #expect(h.hasPrefix("<!DOCTYPE html>") && h.contains("<svg") && h.contains("@media print"))
        #expect(!h.contains("src=\"") && !h.contains("<link "), "nothing outside the file")
        let ids = h.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(ids).count == ids.count, "inline SVGs must not share glyph or clip ids")
        for ref in h.components(separatedBy: "href=\"#").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            #expect(ids.contains(ref), "#\(ref) points nowhere")
        }
        #expect(h.contains("<caption>表1　六十个项目</caption>") && h.contains("<tfoot>"))
    }

    @Test func markdownLinksItsImagesAndDefinesEveryFootnote() throws {
        let o = try MarkdownWriter.markdown(DocFixtures.long, stem: "b", measurer: m)
        let md = String(decoding: o.markdown, as: UTF8.self)
        #expect(o.images.map(\.name) == ["b-fig1.png", "b-fig2.png"])
        for img in o.images {
            #expect(md.contains("](\(img.name))"))
            #expect(img.png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        let used = Set(md.components(separatedBy: "[^").dropFirst().map { String($0.prefix { $0 != "]" }) })
        for n in used { #expect(md.contains("[^\(n)]: "), "footnote \(n) is defined") }
        #expect(md.contains("| ---: |") && md.contains("**合计**"))
    }

    @Test func pptxIsAValidPackageAndReproducible() throws {
        let date = Date(timeIntervalSince1970: 1_454_284_800)
        let a = try PPTXWriter.pptx(DocFixtures.long, measurer: m, date: date).bytes
        let b = try PPTXWriter.pptx(DocFixtures.long, measurer: m, date: date).bytes
        #expect(a == b, "same input and date, same bytes")
        let dir = Tools.temporaryFolder()
        let path = dir + "/deck.pptx"
        try Data(a).write(to: URL(fileURLWithPath: path))
        let unzip = Tools.which("unzip")
        if let unzip {
            let list = try Tools.run(unzip, ["-Z1", path]).stdout
            for part in ["[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide3.xml", "ppt/media/image2.png", "ppt/theme/theme1.xml"] {
                #expect(list.contains(part), "\(part) in the package")
            }
            #expect(try Tools.run(unzip, ["-tq", path]).status == 0)
            for part in ["[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml", "ppt/slides/slide2.xml", "ppt/theme/theme1.xml",
                         "ppt/slideMasters/slideMaster1.xml", "docProps/core.xml"] {
                let xml = try Tools.run(unzip, ["-p", path, part]).stdout
                let parser = XMLParser(data: Data(xml.utf8))
                #expect(parser.parse(), "\(part) is well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
            }
        } else {
            print("skipped: unzip is not installed, the package parts were not listed")
        }
        guard let lo = Tools.which("libreoffice") ?? Tools.which("soffice") else {
            print("skipped: LibreOffice is not installed (apt-get install libreoffice-impress), the deck was not converted")
            return
        }
        let r = try Tools.run(lo, ["--headless", "--convert-to", "pdf", "--outdir", dir, path], environment: ["HOME": dir])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try Tools.run(try #require(Tools.which("pdfinfo")), [dir + "/deck.pdf"]).stdout
        #expect(info.contains("Pages:           3"), "one page per slide: title + two figures\n\(info)")
    }
}
