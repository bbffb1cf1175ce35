import Canvas
import Charts
@testable import Document
import Foundation
import Synchronization
import Testing

/// Inputs an attacker or a careless user can hand the document writers: a paragraph of a
/// hundred thousand characters, a document that would run to thousands of pages, names and
/// sentences full of Markdown punctuation.
@Suite struct HostileInputTests {
    /// Pango's measurer, counting every scalar it is asked to lay out.
    final class CountingMeasurer: TextMeasurer, @unchecked Sendable {
        let inner = PangoMeasurer()
        let laidOut = Mutex(0)
        func measure(_ block: TextBlock) -> TextMetrics {
            laidOut.withLock { $0 += block.text.unicodeScalars.count }
            return inner.measure(block)
        }
        func lines(_ block: TextBlock) -> [TextLine] {
            laidOut.withLock { $0 += block.text.unicodeScalars.count }
            return inner.lines(block)
        }
    }

    static let sentence = "2015年，杭州援疆指挥部在阿克苏投入资金建设天网工程，覆盖城乡各个角落，为平安建设打下基础。"

    func document(characters n: Int) -> BriefingDocument {
        let text = String(String(repeating: Self.sentence, count: n / Self.sentence.count + 1).prefix(n))
        return BriefingDocument(title: "援疆简报", blocks: [.heading(level: 1, text: "摘要"), .paragraph([Inline(text, citations: [1])])])
    }

    func laidOut(_ n: Int) throws -> (scalars: Int, pages: [Frame]) {
        let m = CountingMeasurer()
        let laid = try PageLayout.layout(document(characters: n), measurer: m)
        return (m.laidOut.withLock { $0 }, laid.pages)
    }

    /// Laying out each page from all that was left made a paragraph quadratic: 100,000
    /// characters cost 3.8 s. The work (scalars handed to Pango) must grow with the length.
    @Test func aLongParagraphIsLaidOutInLinearWork() throws {
        let small = try laidOut(25_000), big = try laidOut(100_000)
        #expect(big.scalars < 6 * small.scalars, "4x the text: \(small.scalars) → \(big.scalars) scalars laid out")
        #expect(big.scalars < 4 * 100_000, "\(big.scalars) scalars laid out for 100,000")
        // Nothing lost or doubled at the cuts: every 础 (one a sentence) is on a page once.
        let drawn = big.pages.flatMap { $0.textBoxes.map { $0.item.block.text } }.joined()
        let want = String(document(characters: 100_000).blocks.compactMap { if case .paragraph(let r) = $0 { return r[0].text } else { return nil } }[0])
        #expect(drawn.filter { $0 == "础" }.count == want.filter { $0 == "础" }.count)
    }

    @Test func aBookLengthDocumentIsALimitThatSaysSo() throws {
        let blocks = (0..<1_600).map { _ in Block.paragraph([Inline(String(repeating: Self.sentence, count: 30))]) }
        let doc = BriefingDocument(title: "援疆简报", blocks: blocks)
        #expect(throws: DocumentError.tooManyPages(limit: PageLayout.maxPages)) { try PageLayout.layout(doc, measurer: PangoMeasurer()) }
        #expect(DocumentError.tooManyPages(limit: 500).description.contains("limit on pages"))
    }

    // MARK: Markdown

    /// `s` with every code span (any fence length, CommonMark §6.1) removed.
    func outsideCode(_ s: String) -> String {
        var out = "", i = s.startIndex
        while i < s.endIndex {
            if s[i] == "\\", s.index(after: i) < s.endIndex { out += String(s[i...s.index(after: i)]); i = s.index(i, offsetBy: 2); continue }
            guard s[i] == "`" else { out.append(s[i]); i = s.index(after: i); continue }
            var j = i
            while j < s.endIndex, s[j] == "`" { j = s.index(after: j) }
            let fence = s[i..<j]
            // The closing fence: the next run of exactly as many backticks.
            var k = j, close: Range<String.Index>?
            while k < s.endIndex {
                if s[k] == "`" {
                    var e = k
                    while e < s.endIndex, s[e] == "`" { e = s.index(after: e) }
                    if s.distance(from: k, to: e) == fence.count { close = k..<e; break }
                    k = e
                } else { k = s.index(after: k) }
            }
            if let close { out += "§CODE§"; i = close.upperBound } else { out += fence; i = j }
        }
        return out
    }

    /// True when `s` has an unescaped `c` outside code spans.
    func live(_ c: Character, in s: String) -> Bool {
        let o = outsideCode(s)
        var prev: Character = " "
        for x in o { if x == c, prev != "\\" { return true }; prev = prev == "\\" ? " " : x }
        return false
    }

    @Test func namesAndLabelsCannotOpenMarkdownInAnyContext() throws {
        let evil = "a`<img src=x onerror=alert(1)>`` ](javascript:alert(2)) [x](y) *b* <script>"
        let doc = BriefingDocument(title: "援疆 \(evil)", subtitle: "- 列表", keywords: [],
                                   keyFigures: [KeyFigure(value: "1亿元", label: evil)],
                                   blocks: [.heading(level: 1, text: evil), .paragraph([Inline("1. " + evil)]),
                                            .bullets([[Inline(evil)]]),
                                            .table(Table(id: "t", caption: evil, columns: [.init(evil)], rows: [[evil]]))],
                                   sources: [SourceNote(file: "seeds/x`<img src=x onerror=alert(1)>`.txt", start: 1, end: 2, sentence: evil)])
        let md = String(decoding: try MarkdownWriter.markdown(doc, stem: "b", measurer: PangoMeasurer()).markdown, as: UTF8.self)
        // (`**` and `[^1]:` are the writer's own; everything from the user is escaped.)
        let body = md.split(separator: "\n").filter { !$0.hasPrefix("[^") }.joined(separator: "\n")
        for c: Character in ["<", "[", "]"] { #expect(!live(c, in: body) && !live("<", in: md), "a live \(c) in\n\(md)") }
        #expect(md.contains("\\*b\\*"), "emphasis from the text is escaped")
        // The file name sits in one code span that its own backticks cannot close.
        let footnote = try #require(md.split(separator: "\n").first { $0.hasPrefix("[^1]:") })
        #expect(footnote.hasPrefix("[^1]: ``seeds/x`<img") && !live("<", in: String(footnote)), "\(footnote)")
        #expect(!md.split(separator: "\n").contains { $0.hasPrefix("- 列表") || $0.hasPrefix("1. ") }, "no list opened by text")
    }

    @Test func altTextCannotEndTheImageEarly() throws {
        let chart = Figure(id: "f", caption: "图](javascript:alert(1)) <img src=x onerror=y> `x`", content: .chart(DocFixtures.bar))
        let doc = BriefingDocument(title: "援疆", blocks: [.figure(chart)])
        let md = String(decoding: try MarkdownWriter.markdown(doc, stem: "b", measurer: PangoMeasurer()).markdown, as: UTF8.self)
        let image = try #require(md.split(separator: "\n").first { $0.hasPrefix("![") })
        #expect(image.hasSuffix("](b-fig1.png)") && image.components(separatedBy: "](").count == 2, "\(image)")
        #expect(!live("<", in: md), "\(md)")
    }
}
