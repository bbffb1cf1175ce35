import Extraction
import Testing

@Suite struct DateTests {
    @Test func fullAndPartialDatesWithPrecision() {
        let f = facts("2017年3月5日开幕，2018年4月举行，2019年全面启动，2016年度总结，2017年10月底竣工，2018年5月初上线，2014年年底完成。")
        #expect(f.dateValues == ["2017-03-05", "2018-04", "2019", "2016", "2017-10", "2018-05", "2014"])
        #expect(f.dates.map(\.precision) == ["day", "month", "year", "year", "month-late", "month-early", "year-late"])
    }

    @Test func relativeDatesResolveAgainstTheReference() {
        let f = facts("去年销售良好，今年1月份增长，去年11月开课，今年伊始遇到困难，今年以来成效明显。", ref: "2021-03-10")
        #expect(f.dateValues == ["2020", "2021-01", "2020-11", "2021", "2021"])
        #expect(f.dates[3].precision == "year-early")
        #expect(f.dates[4].modifier == "以来" && f.dates[4].source.text == "今年以来")
    }

    @Test func theSentenceYearAnchorsLaterMonthsAndYearEnds() {
        let f = facts("2013年6月、8月，培训班在省城举行。2012年，县里确保到年底建成站点。年底前完成验收。", ref: "2014-05-01")
        #expect(f.dateValues == ["2013-06", "2013-08", "2012", "2012", "2014"])
        #expect(f.dates[3].precision == "year-late" && f.dates[3].modifier == "到")
    }

    @Test func festivalsAndPlanTerms() {
        let f = facts("去年的双十一、双十二销量大增。到“十四五”末，产值翻番。", ref: "2019-01-15")
        #expect(f.dateValues == ["2018-11-11", "2018-12-12", "2025"])
        #expect(f.dates[0].source.text == "去年的双十一")
        #expect(f.dates[2].precision == "year-late")
    }

    @Test func bareMonthsLaterThanTheReferenceMonthAreLastYears() {
        let f = facts("11月组织培训，3月开展义诊。", ref: "2019-04-20")
        #expect(f.dateValues == ["2018-11", "2019-03"])
    }

    @Test func dayRangesAndCommaDates() {
        let f = facts("12月17日—18日召开会议。", ref: "2020-12-30")
        #expect(f.dates.first?.resolved == "2020-12-17" && f.dates.first?.precision == "day-range")
    }

    @Test func hardNegativesAreNotDates() {
        let f = facts("两点之间相隔千里，冬季蔬菜供应充足，抽检1740批次，2016年是十三五规划的起始之年，6个月后完成。")
        #expect(f.dateValues == ["2016"], "only the explicit year: \(f.dateValues)")
        #expect(f.countPairs == ["1740批次"])
    }

    @Test func milestonesAreSingleDatedHappenings() {
        let f = facts("2018年6月，产业园正式开园。截至2018年底，累计培训500人。今年以来，销售增长。", ref: "2019-03-01")
        #expect(f.dates.map(\.milestone) == [true, false, false])
        #expect(f.dates[0].event.contains("开园"))
    }

    @Test func plansStatisticsPeriodsAndTimestampsAreNotMilestones() {
        let f = facts("时间:2019-03-01 10:00\n2018年度工作总结。今年6月，新校区即将建成。今年1月份，单月销售额增长显著。2018年，全面启动了人才计划。2018年5月，“春风计划”第二期在省城举行。3月8日，是妇女节。", ref: "2019-03-01")
        // The date line is page furniture: no date at all.
        #expect(f.dates.map(\.milestone) == [false, false, false, true, true, true], "\(f.dates.map { ($0.source.text, $0.milestone) })")
    }

    @Test func referenceDateFromADateLineOrTheYearsNamed() {
        let withLine = Extractor().extract(text: "标题\n时间:2020-10-28 16:33:31  来源:\n今年完成任务。", path: "a.txt")
        #expect(withLine.referenceDate == "2020-10-28" && withLine.dates.last?.resolved == "2020")
        let inferred = Extractor().extract(text: "2015年完成任务。2016年继续推进。到2020年全面完成。今年开局良好。", path: "b.txt")
        #expect(inferred.referenceDate == "2016", "plan years after 到 do not count")
        #expect(inferred.warnings.contains { $0.contains("--reference-date") })
        #expect(inferred.dates.last?.resolved == "2016")
        let none = Extractor().extract(text: "今年完成任务。", path: "c.txt")
        #expect(none.referenceDate == nil && none.warnings.contains { $0.contains("no date line") })
    }
}
