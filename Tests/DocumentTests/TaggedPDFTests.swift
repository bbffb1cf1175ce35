import Canvas
@testable import Document
import Foundation
import Testing
import TestSupport

/// The briefing PDF is tagged: its content sits in structure elements (headings, paragraphs,
/// figures, tables with rows and cells, lists) in reading order, so screen readers and
/// reflowing viewers can use it.
@Suite struct TaggedPDFTests {
    let m = PangoMeasurer()

    /// Structure roles in reading order, depth-first, across pages.
    static func roles(_ items: [FrameItem]) -> [StructureTag.Role] {
        items.flatMap { i -> [StructureTag.Role] in
            if case .structure(let t, let sub) = i { return [t.role] + roles(sub) }
            if case .group(let sub, _, _) = i { return roles(sub) }
            return []
        }
    }

    @Test func layoutTagsHeadingsFiguresTablesAndListsInReadingOrder() throws {
        let doc = DocFixtures.long
        let laid = try PageLayout.layout(doc, measurer: m)
        let roles = laid.pages.flatMap { Self.roles($0.items) }
        let headings = roles.filter { [.h1, .h2, .h3].contains($0) }
        // 目录 (H1), then the document's headings at their levels, then 资料来源 (H1).
        #expect(headings == [.h1] + doc.headings.map { StructureTag.Role.heading($0.level) } + [.h1])
        #expect(roles.filter { $0 == .figure }.count == doc.figures.count)
        #expect(roles.contains(.toc) && roles.filter { $0 == .tocItem }.count == doc.headings.filter { $0.level <= 2 }.count + 1)
        // The 60-row table crosses pages: each part is a Table, every row a TR of cells.
        #expect(roles.filter { $0 == .row }.count == 1 + 60 + 1 + (roles.filter { $0 == .table }.count - 1), "header per part, 60 rows, 合计")
        #expect(roles.filter { $0 == .cell }.count == (60 + 1) * 4)
        #expect(roles.filter { $0 == .listItem }.count == 2 + doc.sources.count, "two bullets, five sources")
        // Every line of body text is inside some structure element (page furniture aside).
        for (i, p) in laid.pages.enumerated() {
            let loose = p.items.compactMap { if case .text(let t) = $0 { return t.block.text } else { return nil } }
            let furniture = loose.filter { $0.hasPrefix("第 ") || $0 == TextBlock.escape(doc.title) || Int($0) != nil }
            #expect(loose.count == furniture.count, "page \(i + 1): untagged \(loose.filter { !furniture.contains($0) })")
        }
        // Figures keep their pixels' meaning: the caption follows the figure.
        let afterFigure = zip(roles, roles.dropFirst()).filter { $0.0 == .figure }.map(\.1)
        #expect(afterFigure.allSatisfy { $0 == .caption })
    }

    @Test func pdfinfoSaysTaggedAndPopplerReadsTheTree() throws {
        let laid = try PageLayout.layout(DocFixtures.long, measurer: m)
        let pdf = try Renderer.pdf(laid.pages, metadata: PDFMetadata(title: "援疆工作简报", date: Date(timeIntervalSince1970: 0))).bytes
        let again = try Renderer.pdf(laid.pages, metadata: PDFMetadata(title: "援疆工作简报", date: Date(timeIntervalSince1970: 0))).bytes
        #expect(pdf == again, "tags keep the PDF reproducible")
        let path = Tools.temporaryFolder() + "/tagged.pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        let pdfinfo = try #require(Tools.which("pdfinfo"))
        let info = try Tools.run(pdfinfo, [path]).stdout
        #expect(info.contains("Tagged:          yes"), "\(info)")
        let tree = try Tools.run(pdfinfo, ["-struct-text", path])
        guard tree.status == 0 else {
            print("skipped: this pdfinfo cannot print the structure tree (\(tree.stderr.prefix(80)))")
            return
        }
        let lines = tree.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "Document", "one Document element holds the pages: \(lines.prefix(3))")
        for role in ["H1", "H2", "H3", "P", "Figure", "Caption", "Table", "TR", "TH", "TD", "L", "LI", "TOC"] {
            #expect(lines.contains { $0 == role || $0.hasPrefix(role + " ") }, "\(role) in the structure tree")
        }
        let firstH2 = try #require(lines.firstIndex { $0.hasPrefix("H2") })
        #expect(lines[firstH2 + 1] == "\"资金\"", "a heading's text is its content: \(lines[firstH2 + 1])")
    }
}
