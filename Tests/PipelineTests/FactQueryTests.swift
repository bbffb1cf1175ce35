import Extraction
import Foundation
@testable import Pipeline
import Testing
import TestSupport
import Yams

/// One fact selection for timelines, briefing values and charts, and charts drawn from it —
/// on sentences of our own.
@Suite struct FactQueryTests {
    static let text = """
    时间：2024-06-01 08:00
    两地协作简讯
    2023年3月，协作办安排援助资金1200万元，用于修建乡村道路。
    2023年5月，协作办投入援助资金800万元建设冷库。
    2023年8月，“暖心工程”安排援助资金300万元，惠及农户500户。
    截至2023年底，累计投入援助资金5000万元。
    2023年6月，电商服务中心正式开园，首批12家企业入驻。
    消费帮扶销售额达到2600万元。
    """

    func base(_ extra: [(String, String)] = []) -> FactBase {
        let docs = [Extractor().extract(text: Self.text, path: "xz-2023.txt")] + extra.map { Extractor().extract(text: $0.1, path: $0.0) }
        return FactBase(documents: docs)
    }

    func query(_ yaml: String) throws -> (FactQuery?, [BuildError]) {
        let node = try #require(try Yams.compose(yaml: yaml))
        return FactQuery.parse(node, path: "q.yaml", field: "facts")
    }

    @Test func keysNarrowTheSelectionAndUnknownKeysAreErrorsWithASuggestion() throws {
        let b = base()
        let (aid, p) = try query("{docs: [\"xz-*.txt\"], type: money, kind: aid, exclude: [累计]}")
        #expect(p.isEmpty)
        let values = try #require(aid).select(b).compactMap(FactBase.value).sorted()
        #expect(values == [3e6, 8e6, 1.2e7], "\(values)")
        let (dated, _) = try query("{type: money, from: 2023-04, to: 2023-08}")
        #expect(try #require(dated).select(b).compactMap(FactBase.value).sorted() == [3e6, 8e6], "the sentence's own date places each amount")
        let (bad, problems) = try query("{doc: a.txt, knid: aid, type: mony}")
        #expect(bad == nil && problems.count == 2)
        let d = problems.map(\.description).joined(separator: "\n")
        #expect(d.contains("knid") && d.contains("did you mean \"kind\"") && d.contains("mony"), "\(d)")
    }

    @Test func aGlobMatchingNoArticleIsAnErrorNamingItAndSeveralMatchesAreListed() throws {
        let b = base()
        let (none, _) = try query("{docs: [\"*.md\"], type: money}")
        #expect { try #require(none).select(b) } throws: { e in "\(e)".contains("\"*.md\" matches no article") && "\(e)".contains("xz-2023.txt") }
        let (many, _) = try query("{type: money, kind: aid}")
        #expect { try #require(many).one(b) } throws: { e in
            let d = "\(e)"
            return d.contains("4 facts match") && d.contains("xz-2023.txt:") && d.contains("“1200万元”") && d.contains("at:")
        }
        let (exact, _) = try query("{type: money, text: 800万元}")
        #expect(try #require(exact).one(b).money?.valueYuan == 8e6)
        let f = try #require(exact).one(b)
        let (at, _) = try query("{at: \"xz-2023.txt:\(f.sources[0].start)\"}")
        #expect(try #require(at).one(b).money?.valueYuan == 8e6)
    }

    func chart(_ yaml: String) throws -> FactChart {
        let node = try #require(try Yams.compose(yaml: yaml))
        let (c, p) = FactChart.parse(node, path: "c.yaml")
        #expect(p.isEmpty, "\(p)")
        return try #require(c)
    }

    @Test func chartsGroupCombineAndLabelFacts() throws {
        let b = base()
        // One bar per amount, labelled from the words around it; a user's label wins.
        let parts = try chart("{facts: {type: money, kind: aid, exclude: [累计]}, group: fact, labels: {800万元: 冷库}}").data(b, valueKind: .money)
        #expect(parts.series.first?.values == [1.2e7, 8e6, 3e6], "largest first")
        #expect(parts.categories == ["修建乡村道路", "冷库", "暖心工程"], "\(parts.categories)")
        #expect(parts.series[0].sources.allSatisfy { $0.count == 1 && $0[0].span != nil && !$0[0].sentence.isEmpty })
        // top: 2 keeps the two largest and sums the rest into 其他, citing them.
        let top = try chart("{facts: {type: money, kind: aid, exclude: [累计]}, group: fact, top: 2}").data(b, valueKind: .money)
        #expect(top.categories.last == "其他" && top.series[0].values.last == 3e6 && top.series[0].sources.last?.count == 1)
        // Series by kind: aid beside sales.
        // Series by kind, the larger series first: sales (2600万) before aid (2300万).
        let kinds = try chart("{facts: {type: money, exclude: [累计]}, group: fact, series: kind}").data(b, valueKind: .money)
        #expect(kinds.series.map(\.name) == ["销售额", "援助资金"], "\(kinds.series.map(\.name))")
        // Months, summed, with every month from March to August on the axis.
        let months = try chart("{facts: {type: money, kind: aid, exclude: [累计]}, group: month, from: 2023-03, to: 2023-08}").data(b, valueKind: .money)
        #expect(months.categories == ["2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08"])
        #expect(months.series[0].values == [1.2e7, nil, 8e6, nil, nil, 3e6])
        // Milestones counted and added up.
        let count = try chart("{facts: {type: date, milestone: true, precision: [month, day]}, group: month, combine: count, cumulative: true}").data(b, valueKind: .number)
        #expect(count.series[0].values.last == Double(count.series[0].sources.flatMap { $0 }.count))
        // A label key that names nothing is an error, not silently ignored.
        #expect { try chart("{facts: {type: money}, group: fact, labels: {9999万元: x}}").data(b, valueKind: .money) } throws: { e in "\(e)".contains("9999万元") }
        // Breakdown leaves out the total the parts add up to.
        let total = "时间：2024-01-01\n简讯\n全年安排资金1亿元。其中道路6000万元；学校3000万元；医院1000万元。\n"
        let withTotal = base([("t.txt", total)])
        let bd = try chart("{facts: {docs: [t.txt], type: money}, group: fact, breakdown: true}").data(withTotal, valueKind: .money)
        #expect(bd.series[0].values == [6e7, 3e7, 1e7], "\(bd.series[0].values)")
    }

    @Test func extractedEventLabelsLoseStrayPageNumbersAndCredits() {
        #expect(TimelineFile.tidy("38 ，协作办举行设备捐赠仪式") == "协作办举行设备捐赠仪式")
        #expect(TimelineFile.tidy("县融媒体中心消息(记者王某)县里召开推进会") == "县融媒体中心消息县里召开推进会")
        #expect(TimelineFile.tidy("2023年产业园开园") == "2023年产业园开园", "a year that starts the label stays")
    }

    @Test func chartFileRejectsUnknownDataKeys() {
        #expect { try ChartFile.parse("name: c\ndata:\n  facts: {type: money}\n  gruop: fact\nkind: bar\n", path: "c.yaml") } throws: { e in
            "\(e)".contains("gruop") && "\(e)".contains("group")
        }
    }
}

/// Chart labels lose generic words; a one-character one (共, 达, 约 …) not where it is part of a word.
@Suite struct LabelGenericWordsTests {
    @Test func singleCharacterGenericWordsGoButNotFromAWord() {
        #expect(FactLabel.droppingGeneric("意向签约资金") == "意向签约")
        #expect(FactLabel.droppingGeneric("与有关方达成签约意向的项目") == "与有关方达成签约意向的项目")
        #expect(FactLabel.droppingGeneric("共安排产业园建设资金") == "产业园建设")
        #expect(FactLabel.droppingGeneric("公共服务设施投入") == "公共服务设施")
        #expect(FactLabel.droppingGeneric("新疆兵团共实施产业援疆项目") == "新疆兵团产业项目", "the adverb 共 goes")
        #expect(FactLabel.droppingGeneric("共享农场共投入") == "共享农场")
        #expect(!FactLabel.cleaned("意向签约资金").isEmpty && FactLabel.cleaned("意向签约资金").contains("签约"))
    }
}
