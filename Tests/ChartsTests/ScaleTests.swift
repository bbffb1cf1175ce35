import Canvas
import Charts
import Testing

@Suite struct ScaleTests {
    @Test func linearTicksAreNiceAndStartAtZero() {
        let s = LinearScale(data: [1e5, 8e7], range: 0...100, targetTicks: 4)
        #expect(s.ticks == [0, 2e7, 4e7, 6e7, 8e7])
        #expect(s.position(0) == 0 && s.position(8e7) == 100)
        let inv = LinearScale(data: [3, 97], range: 0...200, targetTicks: 5, includeZero: false, inverted: true)
        #expect(inv.ticks.first == 0 && inv.ticks.last == 100 && inv.position(100) == 0)
        #expect(LinearScale(data: [0, 0], range: 0...1).ticks.count >= 2, "a flat series still gets an axis")
        #expect(LinearScale.niceStep(0.23) == 0.25 && LinearScale.niceStep(3) == 5 && LinearScale.niceStep(.nan) == 1)
    }

    @Test func logTicksArePowersOfTen() {
        let s = LogScale(data: [1, 1e9], range: 0...90)
        #expect(s.ticks.count == 10 && s.ticks.first == 1 && s.ticks.last == 1e9)
        #expect(abs(s.position(1e3) - 30) < 1e-9)
    }

    @Test func datesParseWithPrecisionAndRejectImpossibleOnes() {
        #expect(ChartDate(parsing: "2015")?.precision == .year)
        #expect(ChartDate(parsing: "2015-9")?.precision == .month)
        #expect(ChartDate(parsing: "2015年9月10日") == ChartDate(year: 2015, month: 9, day: 10))
        for bad in ["2015-13", "0000-00", "2015-02-30", "15-01", "二〇一五", "", "2015-06" + String(repeating: "5", count: 40), String(repeating: "9", count: 30)] { #expect(ChartDate(parsing: bad) == nil, "\(bad)") }
        let d = ChartDate(year: 2016, month: 2, day: 29)
        #expect(ChartDate.civil(Int(d.startDay)) == d)
        #expect(ChartDate(year: 2015, month: 2).endDay - ChartDate(year: 2015, month: 2).startDay == 28)
        #expect(ChartDate(year: 1970, month: 1, day: 1).startDay == 0)
    }

    @Test func timeTicksAdaptToTheSpan() {
        let year = TimeScale(domain: ChartDate(year: 2015, month: 1).startDay...ChartDate(year: 2015, month: 12).startDay, range: 0...500, maxTicks: 12)
        #expect(year.ticks.first?.label == "2015年1月" && year.ticks.count == 12 && year.ticks[1].label == "2月")
        let decade = TimeScale(domain: ChartDate(year: 2010).startDay...ChartDate(year: 2020).startDay, range: 0...500, maxTicks: 6)
        #expect(decade.ticks.allSatisfy { $0.label.hasSuffix("年") } && decade.ticks.count <= 6)
        let days = TimeScale(domain: ChartDate(year: 2015, month: 11, day: 1).startDay...ChartDate(year: 2015, month: 11, day: 12).startDay, range: 0...500, maxTicks: 12)
        #expect(days.ticks.first?.label == "11月1日" && days.ticks.count == 12)
        let crowded = TimeScale(domain: ChartDate(year: 2015, month: 1).startDay...ChartDate(year: 2015, month: 12).startDay, range: 0...100, maxTicks: 4)
        #expect(crowded.ticks.count <= 4)
    }
}
