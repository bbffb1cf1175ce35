import Canvas
import Document
import Testing

/// Table cells wrap between words, in balanced lines, never one character alone.
@Suite struct TableCellBreakTests {
    @Test func aLongTextCellBreaksBetweenWords() throws {
        let long = ["兵团上半年已到位援疆资金", "促进各民族交往交流交融类"]
        let headers = ["项目名称"] + (1...6).map { "第\($0)季度资金（万元）" }
        let rows = long.map { [$0] + (1...6).map { "\($0 * 1234)" } }
        let t = Table(id: "t", caption: "分项", columns: [.init(headers[0])] + headers.dropFirst().map { .init($0, numeric: true) }, rows: rows)
        let laid = try PageLayout.layout(BriefingDocument(title: "表", blocks: [.table(t)]), measurer: PangoMeasurer())
        let texts = laid.pages.flatMap { $0.textBoxes.map(\.item.block.text) }
        for label in long {
            let cell = try #require(texts.first { $0.replacingOccurrences(of: "\n", with: "") == label }, "\(label) in \(texts)")
            if cell.contains("\n") {
                let lines = cell.split(separator: "\n")
                #expect(lines.allSatisfy { $0.count >= 2 }, "\(lines)")
                #expect(!cell.contains("援\n疆") && !cell.contains("资\n金") && !cell.contains("\n类"), "\(cell)")
            }
        }
        #expect(texts.contains { $0.contains("\n") }, "the narrow text column wraps: \(texts)")
    }
}
