import Canvas
import Charts

/// Chart data used across tests: the 2015 Aksu aid items (in 元) and stress data.
enum Fixtures {
    static let aidNames = ["天网工程", "安居富民工程", "袜业示范园", "农牧民大棚蔬菜补助", "文化礼堂建设", "民族乐器等文化活动物品", "文化活动补助奖励", "“同心杯”农村体育联赛"]
    static let aidValues: [Double?] = [8e7, 7.65e7, 8.1e6, 5e6, 3e6, 1e6, 2.5e5, 1e5]

    static func aidBars(horizontal: Bool = true) -> ChartSpec {
        ChartSpec(kind: .bar, title: "杭州援疆（阿克苏）2015年援疆资金分项", subtitle: "单位随数据自动选择", source: "seeds/000",
                  categories: aidNames, series: [Series(name: "援疆资金", values: aidValues)],
                  orientation: horizontal ? .horizontal : .vertical)
    }

    static func donut() -> ChartSpec {
        ChartSpec(kind: .donut, title: "援疆资金构成", source: "seeds/000", categories: aidNames,
                  series: [Series(name: "援疆资金", values: aidValues)], otherThreshold: 0.02)
    }

    static func grouped(stacked: Bool) -> ChartSpec {
        ChartSpec(kind: .bar, title: stacked ? "堆叠" : "分组", categories: ["产业", "教育", "医疗", "文化"],
                  series: [Series(name: "2019年", values: [1.2e7, 8e6, 5e6, 2e6]), Series(name: "2020年", values: [1.5e7, 9e6, nil, 3e6])],
                  stacked: stacked)
    }

    static func line() -> ChartSpec {
        let months = (1...12).map { "2015-\($0 < 10 ? "0" : "")\($0)" }
        return ChartSpec(kind: .line, title: "月销售额（示意）", source: "test", categories: months,
                         series: [Series(name: "销售额", values: [1e5, 1.8e5, 2.5e5, nil, 4e5, 5.5e5, 7e5, 8e5, 9e5, 8.5e5, 9.5e5, 1.1e6])],
                         annotations: [PointAnnotation(index: 10, text: "双十一")], referenceLines: [ReferenceLine(value: 1e6, label: "目标 100万")])
    }

    /// 30 categories, 40-character labels, values from 1 to 1e9.
    static func stress(_ kind: ChartKind, horizontal: Bool = false) -> ChartSpec {
        let base = "阿克苏地区乌什县对口援疆项目资金安排与电子商务发展情况统计表"
        let names = (0..<30).map { i in String((base + base).dropFirst(i % 7).prefix(38)) + String(format: "%02d", i) }
        let values: [Double?] = (0..<30).map { pow10(Double($0) * 9 / 29) }
        return ChartSpec(kind: kind, title: String(repeating: "很长的标题", count: 20), subtitle: String(repeating: "副标题", count: 40),
                         source: String(repeating: "来源说明", count: 40), categories: kind == .line ? (0..<30).map { "2015-\(String(format: "%02d", $0 % 12 + 1))-\(String(format: "%02d", $0 / 12 + 1))" } : names,
                         series: [Series(name: "甲", values: values), Series(name: String(repeating: "乙", count: 40), values: values.reversed())].prefix(kind == .donut || kind == .pie ? 1 : 2).map { $0 },
                         orientation: horizontal ? .horizontal : .vertical)
    }

    static func pow10(_ e: Double) -> Double {
        var v = 1.0
        for _ in 0..<Int(e) { v *= 10 }
        return v * (1 + (e - e.rounded(.down)) * 9)
    }
}
