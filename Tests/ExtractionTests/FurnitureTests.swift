import Extraction
import Testing

/// Page furniture is never a fact, nor part of a sentence, event or subject.
@Suite struct FurnitureTests {
    @Test func metadataLinesAndURLsHoldNoFacts() {
        let f = facts("# source: http://example.cn/%E4%B8%87%E5%85%83/87%/20161020/300.html\n县里安排资金300万元。详见www.example.cn/90%/12个.htm。")
        #expect(f.moneyValues == [3e6])
        #expect(f.counts.isEmpty, "\(f.countPairs)")
        #expect(f.money.first?.source.sentence.contains("http") == false)
    }

    @Test func bylinesCreditsAndSourceLines() {
        let f = facts("新华社南宁3月5日电（记者李明 通讯员张华）5日，县里建成新校2所。\n来源：广西日报 作者：记者 王五 编辑：赵六\n[责任编辑：钱七]\n（孙八）", ref: "2016-03-06")
        #expect(f.countPairs == ["2所"])
        #expect(f.dates.map(\.resolved) == ["2016-03-05"])
        #expect(f.dates.allSatisfy { !$0.event.contains("记者") && !$0.event.contains("电") }, "\(f.dates.map(\.event))")
    }

    @Test func captionsClockTimesPhonesAndFileNames() {
        let f = facts("图为2016年5月新校开学典礼现场。 李明 摄\n2016-05-20 08:46\n咨询电话：0571-88886666，QQ：123456789，手机13912345678。IMG_2016.jpg\n9时，县里举行典礼，邀请嘉宾30人。", ref: "2016-05-21")
        #expect(f.dates.isEmpty, "\(f.dateValues)")
        #expect(f.countPairs == ["30人"])
        #expect(f.money.isEmpty)
    }

    @Test func eMailAddressesAreNoNumbers() {
        let f = facts("投稿邮箱 news2016@example.cn，县里培训200人。")
        #expect(f.countPairs == ["200人"])
        #expect(f.dates.isEmpty)
    }
}
