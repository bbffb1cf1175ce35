import Extraction
import Testing

/// Subjects and events a reader can use; kind and category from the clause holding the number.
@Suite struct SubjectEventTests {
    @Test func aGenericClauseTakesTheTopicOfTheClauseBefore() {
        let f = facts("其中：医疗卫生类项目12个，安排援助资金0.35亿元；教育支援类项目9个，安排援助资金1.2亿元。")
        #expect(f.moneyValues == [35_000_000, 120_000_000])
        #expect(f.money.map(\.subject) == ["医疗卫生类项目援助资金", "教育支援类项目援助资金"])
        #expect(f.money.map(\.category) == ["医疗", "教育"])
        #expect(Set(f.money.map(\.subject)).count == 2, "one sentence's facts stay apart")
    }

    @Test func agreementsAndSigningsAreInvestment() {
        let f = facts("共签订合作项目8个，协议金额约45亿元。签约仪式上，企业签约投资12亿元。")
        #expect(f.money.map(\.kind) == ["investment", "investment"])
        #expect(f.money.first?.approx == "约")
    }

    @Test func eventsArePrintableLabels() {
        let f = facts("9月3日，随着第六批援藏干部30人顺利抵达西藏自治区那曲市色尼区，两地交接工作正式拉开帷幕。", ref: "2021-09-10")
        let e = f.dates.first?.event ?? ""
        #expect(e.count <= 20, "\(e)")
        #expect(e.contains("抵达") && !e.contains("随着") && !e.contains("顺利"), "\(e)")
        #expect(f.dates.first?.milestone == true)
    }

    /// A label too long for the timeline loses the place before its closing verb, not its end.
    @Test func aLongEventLosesItsPlaceNotItsVerb() {
        let f = facts("昨天上午，某某-某地共建产业园重点项目签约仪式在市民中心大厦举行。", ref: "2014-12-25")
        #expect(f.dates.first?.event == "某某-某地共建产业园重点项目签约仪式举行", "\(f.dates.first?.event ?? "nil")")
        let short = facts("昨天，推介会在县城举行。", ref: "2014-12-25")
        #expect(short.dates.first?.event == "推介会在县城举行", "a label that fits keeps its place")
    }

    @Test func anAdverbialDateIsCutAndANamingDateStays() {
        let f = facts("县指挥部将于2022年3月启动新一轮招商。5月8日，县里举行2022年度项目签约仪式。", ref: "2022-06-05")
        #expect(f.dates.map(\.resolved) == ["2022-03", "2022-05-08", "2022"])
        #expect(f.dates[0].event.hasPrefix("县指挥部启动"), "\(f.dates[0].event)")
        #expect(f.dates[2].event.contains("2022年度项目签约仪式"), "\(f.dates[2].event)")
        #expect(f.dates.allSatisfy { $0.event.count <= 20 })
    }
}

@Suite struct EventLabelShapeTests {
    @Test func relativeDatesAreCutAndLongObjectsEndAtANameBoundary() {
        let f = facts("该校今年被列入全省改革试点。3月2日，第七批援青干部人才抵达青海省海北藏族自治州门源回族自治县。", ref: "2021-04-01")
        #expect(f.dates.first?.event.contains("今年") == false, "\(f.dates.map(\.event))")
        let arrival = f.dates.last?.event ?? ""
        #expect(arrival.count <= 20 && arrival.contains("抵达"), "\(arrival)")
        #expect(arrival.hasSuffix("州") || arrival.hasSuffix("省") || arrival.hasSuffix("县"), "ends at a name boundary: \(arrival)")
    }
}

/// A relative day glossed in brackets (`昨天(29日)`) is one date, the bracketed one, and the
/// event label keeps neither it nor empty brackets.
@Suite struct GlossedDateTests {
    @Test func theBracketedDateIsTheOnlyDate() {
        let f = facts("国务院扶贫办昨天(29日)发布年度报告。推介会今天（8月9日）在西安举行。", ref: "2019-08-30")
        #expect(f.dates.map(\.resolved) == ["2019-08-29", "2019-08-09"], "\(f.dates.map(\.resolved))")
        #expect(f.dates.map(\.source.text) == ["29日", "8月9日"])
        #expect(!f.dates.contains { $0.event.contains("()") || $0.event.contains("（）") || $0.event.contains("昨天") }, "\(f.dates.map(\.event))")
    }

    @Test func aDateFollowedByOtherBracketsStays() {
        let f = facts("2019年(第一季度)完成投资300万元。今天（周五）项目开工。", ref: "2019-08-30")
        #expect(f.dates.map(\.resolved) == ["2019", "2019-08-30"], "\(f.dates.map(\.resolved))")
    }
}
