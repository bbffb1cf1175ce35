import Canvas
import Testing

@Suite struct TextTests {
    let m = PangoMeasurer()

    @Test func longerTextMeasuresWider() {
        let a = m.measure(TextBlock("援疆资金"))
        let b = m.measure(TextBlock("援疆资金 8000万元"))
        #expect(a.logical.width > 0 && b.logical.width > a.logical.width)
        #expect(a.unknownGlyphs == 0, "Noto Sans CJK SC must cover Chinese (install fonts-noto-cjk)")
        #expect(a.baseline > 0 && a.baseline < a.logical.height)
    }

    @Test func sizeScalesLinearly() {
        let small = m.measure(TextBlock("阿克苏电商", style: TextStyle(size: 10)))
        let big = m.measure(TextBlock("阿克苏电商", style: TextStyle(size: 20)))
        #expect(abs(big.logical.width - 2 * small.logical.width) < 0.5)
    }

    @Test func wrapsToTheGivenWidthAndEllipsizesAtMaxLines() {
        let text = String(repeating: "杭州援疆指挥部全面启动了阿克苏电商培训项目，", count: 6)
        let wrapped = m.measure(TextBlock(text, width: 120))
        #expect(wrapped.lineCount > 3)
        #expect(wrapped.logical.width <= 120.5)
        #expect(!wrapped.isEllipsized)
        let cut = m.measure(TextBlock(text, width: 120, maxLines: 2))
        #expect(cut.lineCount == 2 && cut.isEllipsized)
        #expect(cut.logical.height < wrapped.logical.height)
    }

    @Test func markupIsEscapedAndInvalidMarkupDrawsLiterally() {
        #expect(TextBlock.escape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
        let plain = m.measure(TextBlock("<b>未闭合"))
        let broken = m.measure(TextBlock("<b>未闭合", isMarkup: true))
        #expect(abs(plain.logical.width - broken.logical.width) < 0.01)
        let bold = m.measure(TextBlock("<b>加粗</b>", isMarkup: true))
        let literal = m.measure(TextBlock("<b>加粗</b>"))
        #expect(bold.logical.width < literal.logical.width)
    }

    @Test func controlCharactersDoNotBreakLayout() {
        let t = m.measure(TextBlock("援疆\u{0}资金\u{7}"))
        #expect(abs(t.logical.width - m.measure(TextBlock("援疆资金")).logical.width) < 0.01)
    }

    @Test func installedFontsCoverChinese() {
        #expect(FontCheck.chineseCoverageWarning(measurer: m) == nil)
        #expect(m.resolvedFamily(defaultFontFamilies) == "Noto Sans CJK SC")
    }

    @Test func rotatedTextBoundsAreTheRotatedBox() {
        var f = Frame(size: Size(200, 200))
        let item = f.text(TextBlock("乌什县"), at: Point(100, 100), rotation: 90, measurer: m)
        let b = item.bounds
        #expect(abs(b.width - item.box.height) < 1e-6 && abs(b.height - item.box.width) < 1e-6)
        #expect(b.maxX <= 100 + 1e-6 && b.minY >= 100 - 1e-6)
        #expect(f.textBoxes.count == 1)
    }
}
