import Extraction
import Testing

/// The article's date, found without `--reference-date`, in the shapes pages print it.
@Suite struct ArticleDateTests {
    func read(_ text: String) -> DocumentFacts { Extractor().extract(text: text, path: "a.txt") }

    @Test func dateLinesInTheirCommonShapes() {
        #expect(read("标题\n发布时间：2021-05-06 09:12\n今年完成任务。").referenceDate == "2021-05-06")
        #expect(read("标题\n2018-03-09 10:20\n去年完成任务。").referenceDate == "2018-03-09")
        #expect(read("标题\n09.03.2018  10:20\n去年完成任务。").referenceDate == "2018-03-09")
        #expect(read("标题\n发稿时间：2019年4月2日\n今年完成任务。").referenceDate == "2019-04-02")
    }

    @Test func metadataLinesAndFrontMatter() {
        let a = read("# source: http://example.org/news/a.htm\n# date: 2014-08-30\n今年3月，县里建成新校。")
        #expect(a.referenceDate == "2014-08-30")
        #expect(a.dates.map(\.resolved) == ["2014-03"])
        let b = read("---\ntitle: 新闻\ndate: 2013-11-02\n---\n今年，县里建成新校。")
        #expect(b.referenceDate == "2013-11-02")
        #expect(b.dates.map(\.resolved) == ["2013"])
    }

    @Test func aDateInTheSourceURLsPath() {
        #expect(read("# source: http://example.cn/a/2015-06/12/content_1.htm\n今年6月完成。").referenceDate == "2015-06-12")
        #expect(read("# source: http://example.cn/gd/20180415/12345678.html\n今年完成。").referenceDate == "2018-04-15")
        #expect(read("# source: http://example.cn/xw/201903/t20190308_4455.htm\n今年完成。").referenceDate == "2019-03-08")
        #expect(read("# source: http://example.cn/xw/2019/1122/c1234-5678.html\n昨天签约。").referenceDate == "2019-11-22")
        #expect(read("# source: http://example.cn/xw/2019/1122/c1234-5678.html\n昨天签约。").dateValues == ["2019-11-21"])
    }

    @Test func aDatelineTakesItsYearFromTheOtherMetadata() {
        let a = read("# source: http://example.cn/20191203/1.html\n人民网成都12月2日电（记者王一）今天，县里召开大会。")
        #expect(a.referenceDate == "2019-12-02")
        #expect(a.dates.map(\.resolved) == ["2019-12-02"], "今天 is the dateline's day; the dateline itself is no fact")
        // A January page for a December story: last year's December.
        let b = read("标题\n时间：2021-01-03 08:00\n新华社拉萨12月30日电 县里召开大会。")
        #expect(b.referenceDate == "2020-12-30")
    }

    @Test func aSignatureDateClosingANotice() {
        let f = read("关于开展培训的通知\n各单位：今年9月举办培训班。\n县人社局\n2022年8月15日")
        #expect(f.referenceDate == "2022-08-15")
        #expect(f.dates.first?.resolved == "2022-09")
    }

    @Test func textYearsPreferTheYearThisYearClausesDescribe() {
        let f = read("今年是2017年，也是脱贫攻坚关键之年。到2020年全面完成，2025年再上台阶。今年实施项目12个。")
        #expect(f.referenceDate == "2017")
        #expect(f.warnings.contains { $0.contains("--reference-date") })
    }

    @Test func neverInventsAYear() {
        let f = read("今年，县里实施项目12个。3月开工，20日完成验收。")
        #expect(f.referenceDate == nil)
        #expect(f.dates.isEmpty, "relative dates stay unresolved: \(f.dateValues)")
        #expect(f.countPairs == ["12个"])
        #expect(f.warnings.contains { $0.contains("unresolved") && $0.contains("--reference-date") })
        // Explicit dates are still read.
        #expect(read("2016年5月，县里建成新校。").dates.map(\.resolved) == ["2016-05"])
    }
}
