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

@Suite struct ShortPageTests {
    /// A short web page (title, source line, two paragraphs) is not PDF text because a few of
    /// its lines lack an end mark: its lines stay lines and its furniture stays furniture.
    @Test func aShortWebPageWithAMetadataHeader() {
        let page = "# source: http://example.cn/news/20190305/1.shtml\n您的位置：首页>>要闻\n9省市援藏资金投入45亿元\nhttp://example.cn 2019-03-05 10:30 来源：某某日报\n据新华社拉萨3月4日电 今年，9个援藏省市落实援藏资金45亿元。\n共有 0 条评论\n"
        let f = Extractor().extract(text: page, path: "p.txt")
        #expect(f.referenceDate == "2019-03-04")
        #expect(f.moneyValues == [4.5e9, 4.5e9])
        #expect(f.dateValues == ["2019"])
        #expect(f.countPairs == ["9省市", "9个"])
    }

    @Test func aRangeOfMonthsIsOneDate() {
        let f = facts("2014年1—9月，项目进展顺利。3至5月开展培训。", ref: "2014-11-01")
        #expect(f.dates.map(\.resolved) == ["2014-01", "2014-03"])
        #expect(f.dates.map(\.resolvedEnd) == ["2014-09", "2014-05"])
    }
}

@Suite struct GluedFurnitureTests {
    @Test func aTimestampGluedToTheFirstParagraphIsNoFact() {
        let f = Extractor().extract(text: "标题\n某某网:(2024-06-03 09:15:20) 来源:某某中心 今年以来,全县实现销售额3.2亿元。\n", path: "t.txt")
        #expect(f.referenceDate == "2024-06-03")
        #expect(f.dateValues == ["2024"], "\(f.dateValues)")
        #expect(f.moneyValues == [3.2e8])
    }

    @Test func eventsDoNotOpenWithAClockTime() {
        let f = facts("3月9日上午10时30分，首批物资从杭州启运。", ref: "2022-03-10")
        #expect(f.dates.first?.event.hasPrefix("首批物资") == true, "\(f.dates.map(\.event))")
    }
}
