import Extraction
import Testing

/// Dates in Chinese numerals, days without 日, ranges across months, relative and calendar words.
@Suite struct DateFormsTests {
    @Test func chineseNumeralDates() {
        let f = facts("二〇一八年九月下旬，新校开学。十一月月底完成验收。二零一九年三月五日召开大会。", ref: "2018-12-20")
        #expect(f.dateValues == ["2018-09", "2018-11", "2019-03-05"])
        #expect(f.dates.map(\.precision) == ["month-late", "month-late", "day"])
        #expect(f.dates[0].source.text == "二〇一八年九月下旬")
        #expect(f.dates[1].source.text == "十一月月底")
    }

    @Test func monthEndsAndDaysWithoutRi() {
        let f = facts("8月月底完成验收，9月16举行仪式，活动持续到9月20。", ref: "2020-10-01")
        #expect(f.dateValues == ["2020-08", "2020-09-16", "2020-09-20"])
        #expect(f.dates[0].source.text == "8月月底" && f.dates[0].precision == "month-late")
        #expect(facts("9月16个项目开工。", ref: "2020-10-01").dateValues == ["2020-09"], "16个 is a count")
    }

    @Test func dayRangesAcrossMonths() {
        for s in ["3月28日至4月2日举办展览。", "3月28至4月2举办展览。"] {
            let f = facts(s, ref: "2021-05-01")
            #expect(f.dates.count == 1)
            #expect(f.dates.first?.resolved == "2021-03-28" && f.dates.first?.resolvedEnd == "2021-04-02" && f.dates.first?.precision == "day-range")
        }
    }

    @Test func relativeDays() {
        let f = facts("今天，县里召开大会。昨日，新校开学。今(14)日，展会开幕。", ref: "2019-06-15")
        #expect(f.dateValues == ["2019-06-15", "2019-06-14", "2019-06-14"])
        #expect(facts("前天召开大会。", ref: "2019-03-01").dateValues == ["2019-02-27"])
        let heard = facts("记者昨日获悉，县里将建新校。", ref: "2019-06-15")
        #expect(heard.dateValues == ["2019-06-14"] && heard.dates.first?.milestone == false)
    }

    @Test func bareDaysTakeTheMonthOfTheSentenceOrTheArticle() {
        #expect(facts("12日，县里召开大会。", ref: "2017-09-20").dateValues == ["2017-09-12"])
        #expect(facts("5月3日开工，18日完工。", ref: "2017-09-20").dateValues == ["2017-05-03", "2017-05-18"])
        #expect(facts("项目须在30日内完成，每月15日结算。", ref: "2017-09-20").dates.isEmpty)
    }

    @Test func calendarWords() {
        let f = facts("2018年，县里实施项目，当年完成投资。今年二季度销售增长，第四季度持平。", ref: "2019-08-01")
        #expect(f.dateValues == ["2018", "2018", "2019", "2019"])
        #expect(f.dates.map(\.precision) == ["year", "year", "year-q2", "year-q4"])
    }
}
