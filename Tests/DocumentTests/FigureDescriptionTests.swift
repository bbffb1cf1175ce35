import Canvas
import Charts
@testable import Document
import Foundation
import Testing
import TestSupport
import Timeline

/// Text alternatives written from a figure's data, and every output format carrying them.
@Suite struct FigureDescriptionTests {
    let m = PangoMeasurer()

    @Test func barsReadOutEveryValueAndTheTotalInReportUnits() {
        let spec = ChartSpec(kind: .bar, categories: ["职业技能培训", "农村公路改造", "村卫生室建设"],
                             series: [Series(name: "资金", values: [1_250_000, 96_000_000, 300_000])], valueKind: .money, orientation: .horizontal)
        let d = FigureDescription.chart(spec)
        #expect(d == "横向条形图：职业技能培训125万元，农村公路改造9600万元，村卫生室建设30万元，共3项，合计9755万元", "\(d)")
        var sorted = spec
        sorted.sort = .descending
        sorted.orientation = .vertical
        let s = FigureDescription.chart(sorted)
        #expect(s.hasPrefix("柱状图：农村公路改造9600万元，职业技能培训125万元，村卫生室建设30万元"), "in the order drawn: \(s)")
    }

    @Test func sharesCountsAndRatesSayWhatTheyAre() {
        let donut = ChartSpec(kind: .donut, categories: ["教育", "医疗", "产业"], series: [Series(name: "项目", values: [6, 3, 1])],
                              valueKind: .number, unit: "个")
        #expect(FigureDescription.chart(donut) == "环形图：教育6个（60%），医疗3个（30%），产业1个（10%），共3项，合计10个")
        let rate = ChartSpec(kind: .bar, categories: ["2019年", "2020年"], series: [Series(name: "脱贫率", values: [0.82, 0.995])], valueKind: .percent)
        let r = FigureDescription.chart(rate)
        #expect(r.contains("82%") && r.contains("99.5%") && !r.contains("合计"), "rates are not summed: \(r)")
        let big = ChartSpec(kind: .bar, categories: ["甲县"], series: [Series(name: "销售额", values: [2.8e8])], valueKind: .money)
        #expect(FigureDescription.chart(big).contains("甲县2.8亿元"), "2.80亿 reads 2.8亿 in a sentence")
    }

    @Test func longSeriesAreSummarisedAndDatesReadAsDates() {
        let days = (1...30).map { String(format: "2020-06-%02d", $0) }
        let values: [Double?] = (1...30).map { Double($0 == 17 ? 900 : $0 * 10) }
        let line = ChartSpec(kind: .line, categories: days, series: [Series(name: "观看量", values: values)], valueKind: .number, unit: "人次")
        let d = FigureDescription.chart(line)
        #expect(d.hasPrefix("折线图：从2020年6月1日的10人次起，到2020年6月30日的300人次，最高2020年6月17日的900人次，最低2020年6月1日的10人次"), "\(d)")
        #expect(d.contains("共30项") && !d.contains("合计"))
        let monthly = ChartSpec(kind: .area, categories: ["2015-01", "2015-02"], series: [Series(name: "累计", values: [1, 3])], valueKind: .number, unit: "项")
        #expect(FigureDescription.chart(monthly).contains("2015年1月：1项，2015年2月：3项"), "a colon keeps 1月 and 1项 apart")
    }

    @Test func groupedBarsNameEachSeriesAndSkipGaps() {
        let spec = ChartSpec(kind: .bar, categories: ["甲县", "乙县"],
                             series: [Series(name: "计划", values: [5_000_000, nil]), Series(name: "完成", values: [4_200_000, 3_000_000])], valueKind: .money)
        let d = FigureDescription.chart(spec)
        #expect(d == "柱状图：2个系列（计划、完成），甲县：计划500万元，完成420万元；乙县：完成300万元，共2项", "\(d)")
    }

    @Test func timelinesListTheirEventsInDateOrder() {
        let t = TimelineSpec(events: [
            TimelineEvent(when: EventDate(date: ChartDate(parsing: "2021-03-05") ?? ChartDate(year: 2021)), label: "援建医院投入使用"),
            TimelineEvent(when: EventDate(date: ChartDate(parsing: "2020-11") ?? ChartDate(year: 2020), precision: "month-late"), label: "第一批医生抵达", lane: "医疗"),
            TimelineEvent(when: EventDate(date: ChartDate(parsing: "2021-01") ?? ChartDate(year: 2021)), label: "远程会诊中心开通"),
        ])
        let d = FigureDescription.timeline(t)
        #expect(d == "时间轴，共3项：2020年11月底 第一批医生抵达（医疗）；2021年1月 远程会诊中心开通；2021年3月5日 援建医院投入使用", "\(d)")
    }

    @Test func theUsersAltWins() {
        var f = Figure(id: "b", caption: "援疆资金分项", content: .chart(DocFixtures.bar))
        #expect(FigureDescription.text(f).contains("天网工程8000万元"))
        f.alt = "  三个项目中天网工程投入最多。 "
        #expect(FigureDescription.text(f) == "三个项目中天网工程投入最多。")
        f.alt = "   "
        #expect(FigureDescription.text(f).hasPrefix("柱状图："), "a blank alt is no alt")
    }

    /// Each figure of the fixture, in each format, carries its description with its numbers.
    @Test func everyFormatCarriesTheTextAlternative() throws {
        let doc = DocFixtures.long
        let descriptions = doc.figures.map(FigureDescription.text)
        #expect(descriptions[0].contains("天网工程8000万元") && descriptions[0].contains("合计1.646亿元"), "\(descriptions[0])")
        #expect(descriptions[1].contains("2015年9月10日 网上商城上线"), "\(descriptions[1])")

        let html = String(decoding: try HTMLWriter.html(doc, measurer: m).bytes, as: UTF8.self)
        let figures = html.components(separatedBy: "<figure ").dropFirst()
        #expect(figures.count == doc.figures.count)
        for (fig, d) in zip(figures, descriptions) {
            #expect(fig.contains("role=\"img\" aria-labelledby=\""), "the SVG is an image named by its title and desc")
            #expect(fig.contains("<desc id=") && fig.contains(TextBlock.escape(d)))
        }

        let (frame, _) = try FigureFrames.frame(doc.figures[0], size: Size(400, 250), measurer: m)
        let svg = String(decoding: try Renderer.svg(frame).bytes, as: UTF8.self)
        #expect(svg.contains("<title id=\"title\">援疆资金分项</title>") && svg.contains("<desc id=\"desc\">\(descriptions[0])</desc>"))

        let md = String(decoding: try MarkdownWriter.markdown(doc, stem: "b", measurer: m).markdown, as: UTF8.self)
        for d in descriptions { #expect(md.contains("![\(MarkdownWriter.alt(d))](")) }

        let date = Date(timeIntervalSince1970: 0)
        let unzip = try #require(Tools.which("unzip"))
        let dir = Tools.temporaryFolder()
        try Data(try PPTXWriter.pptx(doc, measurer: m, date: date).bytes).write(to: URL(fileURLWithPath: dir + "/d.pptx"))
        try Data(try DOCXWriter.docx(doc, measurer: m, date: date).bytes).write(to: URL(fileURLWithPath: dir + "/d.docx"))
        let word = try Tools.run(unzip, ["-p", dir + "/d.docx", "word/document.xml"]).stdout
        for (i, d) in descriptions.enumerated() {
            let slide = try Tools.run(unzip, ["-p", dir + "/d.pptx", "ppt/slides/slide\(i + 2).xml"]).stdout
            #expect(slide.contains("descr=\"\(TextBlock.escape(d))\""), "slide \(i + 2)")
            #expect(word.contains("<wp:docPr id=\"\(i + 1)\" name=\"图\(i + 1)\" descr=\"\(TextBlock.escape(d))\""), "Word picture \(i + 1)")
        }
    }
}
