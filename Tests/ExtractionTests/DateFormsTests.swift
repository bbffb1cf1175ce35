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

    /// Two dates joined by 至/到/— are one range (with its end), never a date plus an "until" date.
    @Test func rangesJoinedBy至AreOneDate() {
        let cases: [(String, String, String, String)] = [
            ("洽谈会21日至22日在县城举行。", "2019-11-21", "2019-11-22", "day-range"),
            ("2018年12月29日至2019年1月3日，县里开展消费帮扶活动。", "2018-12-29", "2019-01-03", "day-range"),
            ("2014年至2016年，全省实施援疆项目99个。", "2014", "2016", "year"),
            ("2014—2016年，全省实施援疆项目99个。", "2014", "2016", "year"),
            ("2015年3月到2016年6月，建成园区。", "2015-03", "2016-06", "month"),
            ("1月至3月，销售额增长。", "2019-01", "2019-03", "month"),
        ]
        for (s, start, end, precision) in cases {
            let f = facts(s, ref: "2019-11-25")
            #expect(f.dates.count == 1, "\(s): \(f.dateValues)")
            #expect(f.dates.first?.resolved == start && f.dates.first?.resolvedEnd == end && f.dates.first?.precision == precision, "\(s)")
            #expect(f.dates.first?.modifier == nil, "\(s): the second end is no 至 modifier")
        }
        // Ends of different kinds, or a later start, stay two dates.
        #expect(facts("2015年到2016年底完成。", ref: "2019-11-25").dateValues == ["2015", "2016"])
        #expect(facts("22日至21日。", ref: "2019-11-25").dates.count == 2)
        #expect(facts("2016年至2014年。", ref: "2019-11-25").dates.count == 2)
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
