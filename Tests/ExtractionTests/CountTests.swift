import Extraction
import Testing

@Suite struct CountTests {
    @Test func measureWordsAndMagnitudes() {
        let f = facts("14名干部、2200余人就业、近300个岗位、5万锭纱、69万人次观看、12680笔订单、572台次手术、96.5%覆盖、增长43.1%、6000平方米、20公里。")
        #expect(f.countPairs == ["14名", "2200人", "300个", "50000锭", "690000人次", "12680笔", "572台次", "96.5%", "43.1%", "6000平方米", "20公里"])
        #expect(f.counts[1].approx == "余" && f.counts[2].approx == "近")
        #expect(f.counts[2].source.text == "近300个")
    }

    @Test func twelveGePersonIsPeople() {
        #expect(facts("员工从几个人增加到12个人。").countPairs == ["12人"])
    }

    @Test func ordinalsNamesAndDurationsAreNotCounts() {
        let f = facts("第八批干部推行“16234”工作法和“1+N”模式，6个月后第3期开班，二期工程启动。")
        #expect(f.counts.isEmpty, "\(f.countPairs)")
    }

    /// A change of a rate in percentage points is a quantity with its own unit, not 个 of nothing.
    @Test func percentagePointsAreCounts() {
        let f = facts("增长6.25%，高于全省平均3.91个百分点，超序时进度8个百分点。")
        #expect(f.countPairs == ["6.25%", "3.91个百分点", "8个百分点"])
        #expect(facts("6个月后开班。").counts.isEmpty, "6个月 stays a duration")
    }

    @Test func moreThanAfterTheUnit() {
        let f = facts("培训100人以上。")
        #expect(f.counts.first?.approx == "以上" && f.counts.first?.value == 100)
    }
}

@Suite struct PlaceAndMeasureCountTests {
    @Test func aNumberBeforeAPlaceNounOrAMeasureCounts() {
        let f = facts("东部9省市与西部12县结对，覆盖30个乡镇，培训3级干部，肉羊出栏重45公斤，树高150厘米。")
        #expect(f.countPairs == ["9省市", "12县", "30个", "3级", "45公斤", "150厘米"], "\(f.countPairs)")
    }

    @Test func pricesAreMoneyOfKindPrice() {
        let f = facts("收购价每公斤13元，农户年收入20万，年产值1.2亿元。")
        #expect(f.money.map(\.kind) == ["price", "income", "output"], "\(f.money.map { ($0.source.text, $0.kind) })")
        #expect(f.moneyValues == [13, 2e5, 1.2e8])
    }
}
