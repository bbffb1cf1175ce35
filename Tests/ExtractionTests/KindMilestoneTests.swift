import Extraction
import Testing

/// Money kinds from the clause (and list) an amount stands in; milestones that are happenings,
/// not figures or plans. Sentences written for these tests.
@Suite struct KindMilestoneTests {
    @Test func buyingTheAidedRegionsProductsIsASale() {
        let f = facts("活动现场，各单位采购该县农特产品45万元。食堂已采购贫困地区12.5万元的农产品。全年消费帮扶金额达80余万元，货值共计6万元。")
        #expect(f.moneyValues == [450_000, 125_000, 800_000, 60_000])
        #expect(f.money.map(\.kind) == ["sales", "sales", "sales", "sales"])
        let g = facts("指挥部投入援疆资金50万元采购医疗设备。")
        #expect(g.money.map(\.kind) == ["aid"], "buying equipment with aid funds is no sale")
    }

    @Test func plannedAndAnnualAmountsArePlans() {
        let f = facts("今年计划实施帮扶项目30个，安排帮扶资金2.5亿元。")
        #expect(f.money.map(\.kind) == ["aid-plan"], "what a sentence's plan 安排s is planned")
        let g = facts("今年，某省对口支援年度资金总计3.2亿元。2016年，全市应完成帮扶项目资金为8000万元。")
        #expect(g.money.map(\.kind) == ["aid-plan", "aid-plan"])
        let h = facts("某县共安排援助资金600万元。")
        #expect(h.money.map(\.kind) == ["aid"], "安排 without a plan stays aid")
    }

    @Test func theItemsOfABreakdownTakeTheKindOfTheirTotal() {
        let f = facts("今年计划实施项目50个，安排资金3亿元。其中：教育类项目20个，安排资金1亿元；医疗类项目30个，安排资金2亿元。某县另安排资金900万元。")
        #expect(f.moneyValues == [300_000_000, 100_000_000, 200_000_000, 9_000_000])
        #expect(f.money.map(\.kind) == ["aid-plan", "aid-plan", "aid-plan", "aid"], "the list ends with its sentence")
    }

    @Test func aComparisonHasTheKindOfWhatItComparesWith() {
        let f = facts("省财政下达中央财政衔接资金5000万元，较上年同期增加300万元。")
        #expect(f.money.map(\.kind) == ["central-funds", "central-funds"])
    }

    @Test func investmentProjectsAreInvestment() {
        let f = facts("两地新增500多亿元对口支援投资项目")
        #expect(f.money.map(\.kind) == ["investment"])
    }

    @Test func aYearThatStatesAFigureIsNoMilestone() {
        let f = facts("2015年帮扶项目已开工120个，占计划项目的60%。")
        #expect(f.dates.map(\.resolved) == ["2015"])
        #expect(f.dates.map(\.milestone) == [false], "已开工120个 is a figure")
        let g = facts("2015年，全省应完成帮扶项目资金为9000万元。")
        #expect(g.dates.map(\.milestone) == [false])
        let h = facts("2015年，指挥部投资500万元建成了2000平方米的产业园。")
        #expect(h.dates.map(\.milestone) == [true], "the money is the means; 建成 after it is the happening")
        let k = facts("2015年，指挥部在该县建成了首个产业园。")
        #expect(k.dates.map(\.milestone) == [true])
    }

    @Test func aDateNamingAPlanIsNoMilestone() {
        let f = facts("两省资金已超额完成年初计划。")
        #expect(f.dates.map(\.precision) == ["year-early"])
        #expect(f.dates.map(\.milestone) == [false])
    }
}

/// Event labels a timeline can print: the happening's subject kept over its place, never a
/// number cut short.
@Suite struct EventLabelTests {
    @Test func thePlaceGoesBeforeTheSubject() {
        let f = facts("3月5日，全省对口支援产业合作项目现场推进会在某某自治州某某县人民政府礼堂召开。")
        let e = try? #require(f.dates.first?.event)
        #expect(e?.hasPrefix("全省对口支援产业合作项目现场推进会") == true, "\(e ?? "")")
        #expect(e?.hasSuffix("召开") == true)
        #expect((e?.count ?? 99) <= 20)
    }

    @Test func aQuotedNameEndsTheWhoAtItsClosingQuote() {
        let f = facts("某市帮扶集团“助农增收·共建美好家园”产销对接活动今(28)日在市机关大院举行。", ref: "2016-02-29")
        #expect(f.dates.map(\.event) == ["产销对接活动举行"])
    }

    @Test func aLabelNeverEndsInsideANumber() {
        let f = facts("截至9月底，全国十九个对口支援省市援建项目资金到位已达110.1亿元。")
        let e = f.dates.first?.event ?? ""
        #expect(!e.isEmpty && e.count <= 20)
        #expect(!(e.last.map { $0.isNumber || $0 == "." } ?? true), "\(e)")
        #expect(!e.contains("110"), "a figure cut short says a wrong figure: \(e)")
    }
}

/// A count's subject is the noun its measure word counts when one follows.
@Suite struct CountedNounTests {
    @Test func theNounAfterTheMeasureWordIsTheSubject() {
        let f = facts("今年以来，该区先后开展3场农产品展销活动，引进20余款高原特色农产品。")
        #expect(f.countPairs == ["3场", "20款"])
        #expect(f.counts.map(\.subject) == ["农产品展销活动", "高原特色农产品"])
    }

    @Test func aSecondCountOrAQuotedNameGivesWayToTheNoun() {
        let f = facts("各医院先后组织3批次40名医生来县义诊。")
        #expect(f.countPairs == ["3批次", "40名"])
        #expect(f.counts.map(\.subject) == ["医生来县义诊", "医生来县义诊"])
        let g = facts("该区在两个街道举办4场“山海同心·携手共富”对口帮扶县农特产品展销活动。")
        #expect(g.counts.map(\.subject) == ["对口帮扶县农特产品展销活动"])
    }

    @Test func withoutANounAfterItTheWordsBeforeItStay() {
        let f = facts("全县新建安居房1200户。")
        #expect(f.counts.map(\.subject) == ["全县新建安居房"])
        let g = facts("建成了2000平方米的产业园，并举行3场签约仪式。")
        #expect(g.counts.map(\.subject).first == "产业园")
        // 签约 is an event verb: a phrase that says what was done is no noun, the words around stay.
        #expect(g.counts.last?.subject.contains("举行") == true, "\(g.counts.map(\.subject))")
    }
}

/// An as-of date (截至) cannot lie after the article's own date.
@Suite struct AsOfDateTests {
    @Test func anAsOfMonthEndAfterTheArticlesDateIsLastYears() {
        let f = facts("截至11月底，东部省市共投入帮扶资金23亿元。", ref: "2024-11-09")
        #expect(f.dateValues == ["2023-11"])
        #expect(f.dates.map(\.modifier) == ["截至"])
    }

    @Test func anAsOfDateUpToTheArticlesDateStaysInItsYear() {
        #expect(facts("截至11月5日，共投入帮扶资金23亿元。", ref: "2024-11-09").dateValues == ["2024-11-05"])
        #expect(facts("截至10月底，共投入帮扶资金23亿元。", ref: "2024-11-09").dateValues == ["2024-10"])
        // Not an as-of date: a plan may name a later day of the month.
        #expect(facts("计划11月底前完成验收。", ref: "2024-11-09").dateValues == ["2024-11"])
        // The sentence names its year: it stands.
        #expect(facts("2024年截至11月底，共投入帮扶资金23亿元。", ref: "2024-11-09").dateValues.last == "2024-11")
    }
}

/// A subject starts and ends at word boundaries.
@Suite struct SubjectBoundaryTests {
    @Test func aSubjectNeverEndsOrStartsInsideANumber() {
        let f = facts("截至9月底，全国十九个对口支援省市的年度计划援建资金都已100%到位。")
        let g = facts("截至9月底，19个对口支援省市援建项目资金到位已达110.1亿元。")
        for s in (f.counts + g.counts).map(\.subject) + g.money.map(\.subject) {
            #expect(!(s.last?.isNumber ?? true), "\(s)")
            #expect(!(s.first.map { "个.%".contains($0) } ?? true), "\(s)")
        }
        // A whole number may open it (the clause's own 19个), never a fragment of one.
        #expect(g.money.map(\.subject) == ["19个对口支援省市援建项目资金到位已达"])
        let h = facts("今年东部8个省市动员社会力量向西部省区市捐赠帮扶资金21.2亿元。")
        #expect(h.money.first.map { !$0.subject.hasPrefix("个") } == true, "\(h.money.map(\.subject))")
    }

    @Test func aHeadlinesSpaceEndsThePhrase() {
        let f = facts("某省对口支援年度资金总计5.57亿元 实施帮扶项目66个")
        #expect(f.counts.map(\.subject) == ["实施帮扶项目"])
    }

    @Test func aDatelineWithAnHourIsFurniture() {
        let f = facts("某某网9月28日18时讯(记者 张三)该市消费帮扶产销对接活动今(28)日举行。", ref: "2021-09-28")
        #expect(f.dates.map(\.resolved) == ["2021-09-28"])
        #expect(f.dates.first.map { $0.source.text } == "今(28)日")
        #expect(!(f.dates.first?.event.contains("讯") ?? true))
    }
}
