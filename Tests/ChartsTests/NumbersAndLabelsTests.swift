import Canvas
import Charts
import Testing
import TestSupport

/// Precision, one unit per axis, 其他 named, Chinese line breaks, overflowing sums — with data
/// of these tests' own.
@Suite struct NumbersAndLabelsTests {
    let m = PangoMeasurer()
    let money = NumberFormatter(kind: .money)

    @Test func valuesKeepTheirSourcePrecision() {
        #expect(money.inMagnitude(226_970_000_000, .yi) == "2,269.7")
        #expect(money.inMagnitude(4_004_000_000, .yi) == "40.04")
        #expect(money.inMagnitude(1_756_000_000, .yi) == "17.56")
        #expect(money.inMagnitude(87_000_000, .yi) == "0.87", "8700万 on an 亿元 axis")
        #expect(money.inMagnitude(80_000_000, .wan) == "8,000")
        #expect(money.compact(1_756_000_000, withUnit: true) == "17.56亿元")
        #expect(NumberFormatter.quantum(4_004_000_000) == 1e6)
        #expect(NumberFormatter.sum([0.1, 0.2]) == 0.3)
        #expect(NumberFormatter.precise(0.1 + 0.2, scale: 1, quantum: NumberFormatter.sumQuantum([0.1, 0.2])) == "0.3")
        // Ticks stay nice: decimals follow the step, not the data.
        #expect(money.tick(100_000_000, magnitude: .yi, step: 100_000_000) == "1")
    }

    /// The axis: labels mixed `8,700万` and `4.62亿`; one unit per axis now.
    @Test func everyValueLabelOfAnAxisReadsInItsUnit() throws {
        for horizontal in [false, true] {
            let spec = ChartSpec(kind: .bar, title: "资金", categories: ["甲", "乙", "丙"],
                                 series: [Series(name: "资金", values: [87_000_000, 462_000_000, 226_970_000_000])],
                                 orientation: horizontal ? .horizontal : .vertical)
            let texts = try Chart.layout(spec, measurer: m).frame.textBoxes.map(\.item.block.text)
            #expect(texts.contains("亿元"), "\(texts)")
            #expect(texts.contains("0.87") && texts.contains("4.62") && texts.contains("2,269.7"), "\(texts)")
            #expect(!texts.contains { $0.hasSuffix("万") || $0.hasSuffix("亿") }, "no label names another unit: \(texts)")
        }
    }

    @Test func aDonutNamesWhatItMergedIntoOther() throws {
        let spec = ChartSpec(kind: .donut, title: "构成", categories: ["产业", "教育", "小项甲", "小项乙", "小项丙"],
                             series: [Series(name: "资金", values: [6e8, 3.8e8, 5e6, 4e6, 3e6])])
        let r = try Chart.layout(spec, measurer: m)
        let texts = r.frame.textBoxes.map(\.item.block.text)
        #expect(texts.contains { $0.hasPrefix("其他") })
        #expect(texts.contains { $0.hasPrefix("注：") && $0.contains("小项甲") && $0.contains("小项乙") && $0.contains("小项丙") }, "\(texts)")
        #expect(r.warnings.contains { $0.contains("其他") && $0.contains("小项丙") }, "\(r.warnings)")
        #expect(FrameChecks.textProblems(r.frame).isEmpty, "\(FrameChecks.textProblems(r.frame))")
    }

    @Test func sumsThatOverflowAreErrors() {
        let spec = ChartSpec(kind: .bar, categories: ["甲", "乙"], series: [Series(name: "资金", values: [1e308, 1e308])])
        #expect(throws: ChartError.sumOverflows(series: "资金")) { try Chart.layout(spec, measurer: m) }
        let stacked = ChartSpec(kind: .bar, categories: ["甲"], series: [Series(name: "a", values: [1e308]), Series(name: "b", values: [1e308])], stacked: true)
        #expect(throws: ChartError.self) { try Chart.layout(stacked, measurer: m) }
    }

    // MARK: Line breaking

    /// Every character 10 pt wide, so the expected lines follow from the rules alone.
    func lines(_ s: String, width: Double, max: Int = 2) -> [String]? {
        ChineseLineBreak.lines(s, width: width, maxLines: max) { Double($0.count) * 10 }
    }

    @Test func labelsBreakBetweenWordsInBalancedLines() {
        #expect(lines("促进各民族交往交流交融类", width: 80) == ["促进各民族", "交往交流交融类"])
        #expect(lines("兵团上半年已到位援疆资金", width: 80) == ["兵团上半年", "已到位援疆资金"])
        #expect(lines("电子商务产业园开园，44家企业入驻", width: 100) == ["电子商务产业园开园，", "44家企业入驻"])
        #expect(lines("短标签", width: 80) == nil, "what fits stays on one line")
    }

    @Test func noLineHoldsOneCharacterAndNumbersStayWhole() {
        for (label, width) in [("促进各民族交往交流交融类", 110.0), ("援疆资金类", 40), ("2015年12月援疆项目", 80), ("第一批ABC项目资金12,345万元", 120)] {
            guard let ls = lines(label, width: width, max: 3) else { continue }
            #expect(ls.joined() == label, "nothing lost: \(ls)")
            for l in ls { #expect(l.count >= 2, "\(label): \(ls)") }
            #expect(!ls.contains { $0.hasPrefix("年") || $0.hasPrefix("5") || $0.hasPrefix("BC") || $0.hasPrefix(",") || $0.hasPrefix("345") }, "\(ls)")
        }
    }

    /// In a real chart, with Pango's widths: the wrapped category labels keep their words.
    @Test func chartLabelsWrapAtWordBoundaries() throws {
        let cats = ["促进各民族交往交流交融类", "兵团上半年已到位援疆资金", "教育", "医疗", "产业", "就业", "文化", "体育"]
        let spec = ChartSpec(kind: .bar, title: "分项", categories: cats, series: [Series(name: "资金", values: [3e7, 2e7, 1e7, 9e6, 8e6, 7e6, 6e6, 5e6])])
        let r = try Chart.layout(spec, measurer: m)
        let wrapped = r.frame.textBoxes.map(\.item.block.text).filter { $0.contains("\n") }
        #expect(!wrapped.isEmpty, "the long labels wrap")
        for w in wrapped {
            let ls = w.split(separator: "\n")
            #expect(ls.allSatisfy { $0.count >= 2 }, "\(ls)")
            #expect(!w.contains("援\n疆") && !w.contains("资\n金") && !w.contains("交\n") && !w.contains("\n类"), "\(w)")
        }
        #expect(FrameChecks.textProblems(r.frame).isEmpty)
    }
}

extension NumbersAndLabelsTests {
    @Test func aSmallValueOnABigAxisLosesNoDigit() {
        #expect(money.inMagnitude(395_000, .yi) == "0.00395", "39.5万 on an 亿元 axis")
        #expect(money.compact(123_456_789) == "1.23456789亿")
    }
}
