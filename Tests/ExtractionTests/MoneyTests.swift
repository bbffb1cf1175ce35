import Extraction
import Testing

@Suite struct MoneyTests {
    @Test func arabicAndChineseNumeralsWithWanAndYi() {
        let f = facts("今年安排资金1.5亿元，其中两千五百万元用于培训，另有300万元和2,000元奖励。")
        #expect(f.moneyValues == [1.5e8, 2.5e7, 3e6, 2000])
    }

    @Test func approximationMarkersAreInTheSpan() {
        let f = facts("销售额90多万元，投资5.8亿余元，节约近3000万元，合同超2500万元，交易额突破1亿元，约300亿元。")
        #expect(f.moneyValues == [9e5, 5.8e8, 3e7, 2.5e7, 1e8, 3e10])
        #expect(f.money.map { $0.approx ?? "" } == ["多", "余", "近", "超", "超", "约"])
        #expect(f.money.map(\.source.text) == ["90多万元", "5.8亿余元", "近3000万元", "超2500万元", "突破1亿元", "约300亿元"])
    }

    @Test func aSmallMagnitudeThenDuoThenWanIsOneAmount() {
        let f = facts("去年投入5千多万元，合同额3百余亿元，另有五千多万元和2千多万元的配套。")
        #expect(f.moneyValues == [5e7, 3e10, 5e7, 2e7])
        #expect(f.money.map(\.source.text) == ["5千多万元", "3百余亿元", "五千多万元", "2千多万元"])
        #expect(f.money.map { $0.approx ?? "" } == ["多", "余", "多", "多"])
    }

    @Test func rangesGiveLowHighAndMidpoint() {
        let f = facts("每月销售额保持在60万-80万元，旺季为100-120万元。")
        #expect(f.money.count == 2)
        #expect(f.money[0].lowYuan == 6e5 && f.money[0].highYuan == 8e5 && f.money[0].valueYuan == 7e5)
        #expect(f.money[1].lowYuan == 1e6 && f.money[1].highYuan == 1.2e6)
        #expect(f.money[0].source.text == "60万-80万元")
    }

    /// A run of digits longer than any amount (an ID number, a pasted serial, 300 nines that
    /// would overflow) is no quantity; the amounts around it still are.
    @Test func digitRunsLongerThanAnyAmountAreNotQuantities() throws {
        let nines = String(repeating: "9", count: 320)
        let f = facts("援疆资金达\(nines)亿元，序列号1234567890123456789个，另安排300万元，项目12个。")
        #expect(f.moneyValues == [3e6])
        #expect(f.countPairs == ["12个"])
        #expect(f.money.allSatisfy { $0.valueYuan.isFinite })
        _ = try FactsJSON.encode([f])  // every value can be written
    }

    @Test func sameNumberAsMoneyAndAsCountStaysApart() {
        let f = facts("共安排援助资金6420万元，实施新建、改建6420户安居房。")
        #expect(f.moneyValues == [6.42e7])
        #expect(f.countPairs == ["6420户"])
    }

    @Test func hardNegativesAreNotMoney() {
        let f = facts("实施“万亩亿元”工程，建成50余个站点，花费300万美元，十城百店开业。")
        #expect(f.money.isEmpty)
        #expect(f.countPairs == ["50个"])
    }

    @Test func kindsFollowTheWordsAround() {
        let f = facts("集团总投资2亿元建设纺织项目。网店销售额达120万元。招标节约资金500万元。计划安排援疆资金3亿元。中央财政资金1亿元。投入援疆资金800万元建设大棚。")
        #expect(f.money.map(\.kind) == ["investment", "sales", "savings", "aid-plan", "central-funds", "aid"])
    }

    @Test func subjectReachesBackForThisProject() {
        let f = facts("县里启动了“雪亮工程”建设。这项工程共投入6000万元援疆资金。另安排20万元用于乡村篮球赛。")
        #expect(f.money.first?.subject == "雪亮工程")
        #expect(f.money.last?.subject.hasPrefix("乡村篮球赛") == true)
    }
}
