import Extraction
import Testing

/// Issue 23: one numeral grammar for every written form of an amount.
@Suite struct NumeralGrammarTests {
    func one(_ s: String) -> MoneyFact? {
        let f = facts(s)
        return f.money.count == 1 ? f.money[0] : nil
    }

    @Test func separatorsInAnyWidth() {
        #expect(one("合同金额为56，310.50元。")?.valueYuan == 56310.5)
        #expect(one("合同金额为56，310.50元。")?.source.text == "56，310.50元")
        #expect(one("拨付８，０００万元。")?.valueYuan == 8e7)
        #expect(one("共计1,234,567元。")?.valueYuan == 1234567)
        // A text that ends right after a separator and fewer than three digits has no amount, and no crash.
        for tail in ["R0,08", "金额3,12", "1，0", "7,"] { #expect(facts(tail).money.isEmpty, "\(tail)") }
    }

    @Test func chineseNumeralsEverydayAndCapital() {
        #expect(one("奖金七十三万零二百一十五元。")?.valueYuan == 730215)
        #expect(one("收到捐款贰万三千四百元。")?.valueYuan == 23400)
        #expect(one("预算伍佰陆拾萬圆整。")?.valueYuan == 5_600_000)
        #expect(one("报销贰仟捌佰圆整。")?.valueYuan == 2800)
        #expect(one("投入十三亿四千万元。")?.valueYuan == 1_340_000_000)
        #expect(one("投入二亿零三百万元。")?.valueYuan == 203_000_000)
        #expect(one("投入4亿6000万元。")?.valueYuan == 460_000_000)
        #expect(one("投入2.5万元。")?.valueYuan == 25000)
        #expect(one("只要一万五元。")?.valueYuan == 15000)
    }

    @Test func yuanWithJiaoMaoAndFen() {
        #expect(one("车费七十二元三角五分。")?.valueYuan == 72.35)
        #expect(one("买菜花了十二块四毛。")?.valueYuan == 12.4)
        #expect(one("一共二百零六块八角三分钱。")?.valueYuan == 206.83)
        #expect(facts("分到一块土地。").money.isEmpty)
    }

    @Test func exactDecimalArithmetic() throws {
        let f = facts("安排资金17.56亿元、0.87亿元和4.62亿元。")
        #expect(f.moneyValues == [1_756_000_000, 87_000_000, 462_000_000])
        let json = String(decoding: try FactsJSON.encode([f]), as: UTF8.self)
        #expect(json.contains("1756000000") && !json.contains("1755999999"))
    }

    @Test func rangesInEveryShape() {
        func range(_ s: String) -> [Double]? { one(s).flatMap { m in m.lowYuan.map { [$0, m.highYuan ?? -1, m.valueYuan] } } }
        #expect(range("预计投入二百四十到二百六十万元。") == [2.4e6, 2.6e6, 2.5e6])
        #expect(range("需要三千到五千万元。") == [3e7, 5e7, 4e7])
        #expect(range("每户补助三到五万元。") == [3e4, 5e4, 4e4])
        #expect(range("标准为十六至二十万元。") == [1.6e5, 2e5, 1.8e5])
        #expect(range("单笔2万(含)-6万元。") == [2e4, 6e4, 4e4])
        #expect(range("票价30元-50元。") == [30, 50, 40])
        #expect(range("票价30~50元。") == [30, 50, 40])
        #expect(range("从100万到300万元不等。") == [1e6, 3e6, 2e6])
    }

    @Test func vagueMagnitudesAreApproximateRanges() {
        func bounds(_ s: String) -> [Double]? { one(s).flatMap { m in m.lowYuan.map { [$0, m.highYuan ?? -1] } } }
        #expect(bounds("损失几十万元。") == [1e5, 1e6])
        #expect(bounds("投资数十亿元。") == [1e9, 1e10])
        #expect(bounds("花了十几万元。") == [1.1e5, 1.9e5])
        #expect(bounds("只要三五百块。") == [300, 500])
        #expect(bounds("每月四五千块钱。") == [4000, 5000])
        #expect(one("损失几十万元。")?.approx == "约")
    }

    @Test func boundWords() {
        #expect(one("至少八千元以上。").map { [$0.valueYuan] } == [8000])
        #expect(one("至少八千元以上。")?.approx == "以上")
        #expect(one("不到三万元。")?.approx == "以下")
        #expect(one("月薪5000元左右。")?.approx == "约")
        #expect(one("月薪5000元左右。")?.source.text == "5000元左右")
    }

    @Test func moneyWithoutYuanInAMoneyClauseAndNotAfterSigning() {
        let f = facts("签约项目12个，协议资金110亿。种植3万多亩。")
        #expect(f.moneyValues == [1.1e10])
        #expect(f.money.first?.approx == nil, "the 约 of 签约 is no approximation")
        #expect(f.countPairs == ["12个", "30000亩"])
        #expect(f.money.first?.kind == "investment")
    }

    @Test func whatTheGrammarCannotReadWholeIsNoFact() {
        let f = facts("温度调高24点5度，读数二十七点三，证件号330102199001011234。")
        #expect(f.money.isEmpty && f.counts.isEmpty && f.dates.isEmpty, "\(f.moneyValues) \(f.countPairs) \(f.dateValues)")
        #expect(facts("美元汇率为7，其中300万美元。").money.isEmpty)
    }
}
