import Canvas
@testable import Document
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// The Word document: a valid package, headings in Word's built-in heading styles, real tables,
/// linked citations, page fields, and pages LibreOffice lays out as Word would.
@Suite struct DOCXTests {
    let m = PangoMeasurer()
    let date = Date(timeIntervalSince1970: 1_454_284_800)

    /// Writes the fixture's document and returns its path (nil when unzip is missing).
    func written(_ doc: BriefingDocument = DocFixtures.long) throws -> (path: String, dir: String, bytes: [UInt8]) {
        let bytes = try DOCXWriter.docx(doc, measurer: m, date: date).bytes
        let dir = Tools.temporaryFolder()
        let path = dir + "/briefing.docx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, dir, bytes)
    }

    func part(_ path: String, _ name: String) throws -> String {
        try Tools.run(try #require(Tools.which("unzip")), ["-p", path, name]).stdout
    }

    /// Paragraphs of document.xml as (style id, plain text).
    static func paragraphs(_ xml: String) -> [(style: String?, text: String)] {
        xml.components(separatedBy: "<w:p>").dropFirst().map { p in
            let body = p.components(separatedBy: "</w:p>")[0]
            let style = body.range(of: "<w:pStyle w:val=\"([^\"]+)\"", options: .regularExpression)
                .map { String(body[$0]).replacingOccurrences(of: "<w:pStyle w:val=\"", with: "").replacingOccurrences(of: "\"", with: "") }
            let texts = body.components(separatedBy: "<w:t").dropFirst().map { t -> String in
                guard let open = t.firstIndex(of: ">") else { return "" }
                return String(t[t.index(after: open)...].prefix { $0 != "<" })
            }
            return (style, texts.joined())
        }
    }

    @Test func packageIsWellFormedAndReproducible() throws {
        let a = try written()
        let b = try DOCXWriter.docx(DocFixtures.long, measurer: m, date: date).bytes
        #expect(a.bytes == b, "same input and date, same bytes")
        let later = try DOCXWriter.docx(DocFixtures.long, measurer: m, date: date.addingTimeInterval(86_400)).bytes
        #expect(later != a.bytes, "the date is in the package (core properties, ZIP times)")
        let unzip = try #require(Tools.which("unzip"))
        #expect(try Tools.run(unzip, ["-tq", a.path]).status == 0)
        let list = try Tools.run(unzip, ["-Z1", a.path]).stdout.split(separator: "\n").map(String.init)
        #expect(list.filter { $0.hasPrefix("word/media/") } == ["word/media/image1.png", "word/media/image2.png"], "one PNG per figure")
        for name in list where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
            let parser = XMLParser(data: Data(try part(a.path, name).utf8))
            #expect(parser.parse(), "\(name) is well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        }
        let core = try part(a.path, "docProps/core.xml")
        #expect(core.contains("<dc:title>援疆工作简报</dc:title>") && core.contains("<dc:creator>reportgen</dc:creator>")
                && core.contains("<dc:subject>测试</dc:subject>") && core.contains("<cp:keywords>援疆</cp:keywords>"))
        #expect(core.contains("2016-02-01T00:00:00Z"), "dates from the given date: \(core)")
    }

    @Test func headingsUseWordsBuiltInHeadingStyles() throws {
        let a = try written()
        let styles = try part(a.path, "word/styles.xml")
        for level in 1...3 {
            let def = try #require(styles.components(separatedBy: "<w:style ").first { $0.contains("w:styleId=\"Heading\(level)\"") })
            #expect(def.contains("<w:name w:val=\"heading \(level)\"/>"), "built-in name, shown as 标题 \(level) in Chinese Word")
            #expect(def.contains("<w:outlineLvl w:val=\"\(level - 1)\"/>"), "outline level for the navigation pane and TOC")
            #expect(!def.contains("w:customStyle"), "a built-in style, not a look-alike")
        }
        #expect(styles.contains("w:eastAsia=\"Noto Sans CJK SC\"") && styles.contains("w:eastAsia=\"zh-CN\""))
        let paragraphs = Self.paragraphs(try part(a.path, "word/document.xml"))
        let headings = paragraphs.filter { $0.style?.hasPrefix("Heading") == true }
        let expected = DocFixtures.long.headings.map { ("Heading\($0.level)", $0.text) } + [("Heading1", "资料来源")]
        #expect(headings.map { $0.style ?? "" } == expected.map(\.0))
        #expect(headings.map(\.text) == expected.map(\.1))
        let document = try part(a.path, "word/document.xml")
        #expect(document.contains(" TOC \\o \"1-3\" \\h \\z \\u "), "a TOC field Word can update")
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4 in twips")
    }

    @Test func tablesCitationsAndFooterAreWordStructures() throws {
        let a = try written()
        let document = try part(a.path, "word/document.xml")
        let tables = document.components(separatedBy: "<w:tbl>").dropFirst().map { $0.components(separatedBy: "</w:tbl>")[0] }
        let data = try #require(tables.first { $0.contains("<w:tblHeader/>") }, "the data table repeats its header row")
        #expect(data.components(separatedBy: "<w:tr>").count - 1 == 1 + 60 + 1, "header, 60 rows, 合计")
        let cells = data.components(separatedBy: "<w:tc>").dropFirst()
        let amount = try #require(cells.first { $0.contains(">1,234<") })
        #expect(amount.contains("<w:jc w:val=\"right\"/>"), "numbers right-aligned")
        let name = try #require(cells.first { $0.contains(">项目1<") })
        #expect(!name.contains("<w:jc w:val=\"right\"/>"))
        let total = try #require(cells.first { $0.contains(">合计<") })
        #expect(total.contains("<w:b/>"), "the 合计 row is bold")
        // Every citation link lands on a bookmark in 资料来源, and every source has one.
        let anchors = Set(document.components(separatedBy: "w:anchor=\"src_").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        let marks = Set(document.components(separatedBy: "w:name=\"src_").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        #expect(!anchors.isEmpty && anchors.isSubset(of: marks), "links \(anchors.sorted()) vs bookmarks \(marks.sorted())")
        #expect(marks == Set((1...DocFixtures.long.sources.count).map(String.init)))
        let footer = try part(a.path, "word/footer1.xml")
        #expect(footer.contains(" PAGE ") && footer.contains(" NUMPAGES ") && footer.contains("第 ") && footer.contains(" 页 / 共 "))
        // Figures: a picture with a description, then its caption 图 N.
        #expect(document.components(separatedBy: "<wp:docPr ").count - 1 == 2)
        #expect(document.contains(" SEQ 图 \\* ARABIC "))
    }

    /// Word refuses a part whose property elements are out of the schema's order (LibreOffice
    /// does not mind, so only this test would notice).
    @Test func paragraphAndRunPropertiesFollowTheSchemaOrder() throws {
        let a = try written()
        let pPr = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd", "tabs",
                   "spacing", "ind", "jc", "outlineLvl", "rPr"]
        let rPr = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "kern", "sz", "szCs", "u", "vertAlign", "lang"]
        for part in ["word/styles.xml", "word/document.xml", "word/numbering.xml", "word/footer1.xml"] {
            let xml = try self.part(a.path, part)
            for (element, order) in [("pPr", pPr), ("rPr", rPr)] {
                for body in xml.components(separatedBy: "<w:\(element)>").dropFirst().map({ $0.components(separatedBy: "</w:\(element)>")[0] }) {
                    let names = body.components(separatedBy: "<w:").dropFirst().map { String($0.prefix { $0.isLetter }) }
                    let ranks = names.compactMap { order.firstIndex(of: $0) }
                    #expect(ranks == ranks.sorted(), "\(part): <w:\(element)> children out of order: \(names)")
                }
            }
        }
    }

    /// LibreOffice lays out the document as a Word user would see it: A4 pages, every heading a
    /// PDF bookmark (so it read the heading styles), the footer's fields computed, Chinese in Noto.
    @Test func libreOfficeOpensItAsAWordDocument() throws {
        guard let lo = Tools.which("libreoffice") ?? Tools.which("soffice") else {
            print("skipped: LibreOffice is not installed (apt-get install libreoffice-writer), the document was not converted")
            return
        }
        let a = try written()
        let r = try Tools.run(lo, ["--headless", "--convert-to", "pdf", "--outdir", a.dir, a.path], environment: ["HOME": a.dir])
        let pdf = a.dir + "/briefing.pdf"
        #expect(r.status == 0 && FileManager.default.fileExists(atPath: pdf), "\(r.stdout)\(r.stderr)")
        let info = try Tools.run(try #require(Tools.which("pdfinfo")), [pdf]).stdout
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        let ours = try PageLayout.layout(DocFixtures.long, measurer: m).pages.count
        #expect(info.contains("(A4)"), "\(info)")
        #expect(pages >= ours - 2 && pages <= ours + 3, "LibreOffice \(pages) pages, our PDF \(ours): the same content at the same sizes")
        let outline = Set(PDFOutline.titles(pdf))
        for h in DocFixtures.long.headings.map(\.text) + ["资料来源"] { #expect(outline.contains(h), "heading \(h) is a bookmark: \(outline)") }
        let text = try Tools.run(try #require(Tools.which("pdftotext")), [pdf, "-"]).stdout.replacingOccurrences(of: " ", with: "")
        #expect(text.contains("第1页/共\(pages)页") && text.contains("第\(pages)页/共\(pages)页"), "page fields computed")
        #expect(text.contains("援疆资金分项") && text.contains("合计"))
        let fonts = try Tools.run(try #require(Tools.which("pdffonts")), [pdf]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains("NotoSansCJK") }, "only Noto CJK, so no Chinese falls back to a face without it: \(fonts)")
    }
}
