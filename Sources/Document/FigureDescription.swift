import Charts
import Foundation
import Timeline

/// A text alternative for a figure, written from its data: what a screen reader says instead of
/// the picture, in every format (HTML `aria-label`, SVG `<desc>`, PPTX/DOCX picture descriptions,
/// Markdown alt text, the tagged PDF). It names the kind of chart and reads out the numbers as
/// the report prints them (`8000万元`, `1.74亿元`), in the order they are drawn, so a reader who
/// cannot see the figure learns what one who can does. A user's own `alt:` wins.
public enum FigureDescription {
    /// Short charts read out every value; longer ones (a daily line) their start, end and extremes.
    static let listLimit = 12

    /// The figure's text alternative: the user's, else one generated from its data.
    public static func text(_ f: Figure) -> String {
        if let alt = f.alt?.trimmingCharacters(in: .whitespacesAndNewlines), !alt.isEmpty { return alt }
        switch f.content {
        case .chart(let c): return chart(c)
        case .timeline(let t): return timeline(t)
        }
    }

    static func kindName(_ c: ChartSpec) -> String {
        switch c.kind {
        case .bar:
            let stacked = (c.stacked ?? false) && c.series.count > 1 ? "堆积" : ""
            return (c.orientation ?? .vertical) == .horizontal ? "横向\(stacked)条形图" : "\(stacked)柱状图"
        case .line: return "折线图"
        case .area: return "面积图"
        case .donut: return "环形图"
        case .pie: return "饼图"
        }
    }

    /// `8000万元`, `1.74亿元`, `39.5万人次`, `46%`: as a report writes a number in a sentence
    /// (no thousands separator below 1万亿).
    static func value(_ v: Double?, _ f: Charts.NumberFormatter) -> String {
        guard let v else { return "无数据" }
        // Rates keep one decimal (99.5% is not 100%); amounts three significant digits, as labels.
        var s = f.kind == .percent ? Charts.NumberFormatter.grouped(v * 100, decimals: 1) + "%" : f.compact(v, withUnit: true)
        if abs(v) < 1e12 { s = s.replacingOccurrences(of: ",", with: "") }
        // `25.0万元` reads as `25万元`, `2.80亿元` as `2.8亿元` in a sentence.
        if let dot = s.firstIndex(of: ".") {
            let digits = s[s.index(after: dot)...].prefix { ("0"..."9").contains($0) }  // not isNumber: 万 and 亿 are numerals
            let kept = digits.reversed().drop { $0 == "0" }.reversed()
            s = String(s[..<dot]) + (kept.isEmpty ? "" : "." + String(kept)) + s[digits.endIndex...]
        }
        return s
    }

    /// A category as read aloud: dates in Chinese (`2015年9月`), and a `：` before the value when
    /// the name ends in a digit or letter, so `2015年1月：1项` never reads as `2015年1月1项`.
    static func label(_ category: String) -> String {
        if let d = ChartDate(parsing: category) { return d.chinese + "：" }
        guard let last = category.unicodeScalars.last else { return category }
        return last.isASCII && (last.properties.isAlphabetic || ("0"..."9").contains(last)) ? category + "：" : category
    }

    /// Categories in the order the chart draws them (bars may be sorted by their totals).
    static func drawnOrder(_ c: ChartSpec) -> [Int] {
        let order = c.kind == .bar ? (c.sort ?? .none) : .none
        guard order != .none else { return Array(c.categories.indices) }
        let totals = c.categories.indices.map { i in c.series.compactMap { $0.values.indices.contains(i) ? $0.values[i] : nil }.reduce(0, +) }
        return c.categories.indices.sorted { a, b in
            totals[a] == totals[b] ? a < b : (order == .descending ? totals[a] > totals[b] : totals[a] < totals[b])
        }
    }

    public static func chart(_ c: ChartSpec) -> String {
        let f = Charts.NumberFormatter(kind: c.valueKind ?? .number, unit: c.unit)
        let order = drawnOrder(c)
        func v(_ s: Series, _ i: Int) -> Double? { s.values.indices.contains(i) ? s.values[i] : nil }
        var parts: [String] = []
        let shares = c.kind == .donut || c.kind == .pie
        if c.series.count == 1, let s = c.series.first {
            let present = order.compactMap { v(s, $0) }
            let total = present.reduce(0, +)
            if order.count <= listLimit || shares {
                parts.append(order.map { i in
                    var item = label(c.categories[i]) + value(v(s, i), f)
                    if shares, let x = v(s, i), total > 0 { item += "（\(percent(x / total))）" }
                    return item
                }.joined(separator: "，"))
            } else {
                parts.append(summary(s, order: order, categories: c.categories, f))
            }
            parts.append("共\(order.count)项")
            // A sum means something for amounts and counts, not for rates or a series over time.
            if (c.valueKind ?? .number) != .percent, c.kind != .line, c.kind != .area, present.allSatisfy({ $0 >= 0 }), present.count > 1 {
                parts.append("合计\(value(total, f))")
            }
        } else if order.count <= listLimit {
            let names = c.series.map(\.name).joined(separator: "、")
            parts.append("\(c.series.count)个系列（\(names)）")
            parts.append(order.map { i in
                let present = c.series.filter { v($0, i) != nil }
                return (ChartDate(parsing: c.categories[i])?.chinese ?? c.categories[i]) + "："
                    + (present.isEmpty ? "无数据" : present.map { "\($0.name)\(value(v($0, i), f))" }.joined(separator: "，"))
            }.joined(separator: "；"))
            parts.append("共\(order.count)项")
        } else {
            parts.append(c.series.map { "\($0.name)：" + summary($0, order: order, categories: c.categories, f) }.joined(separator: "；"))
            parts.append("共\(order.count)个数据点")
        }
        for r in c.referenceLines ?? [] { parts.append("参考线\(r.label.map { "“\($0)”" } ?? "")\(value(r.value, f))") }
        return kindName(c) + "：" + parts.joined(separator: "，")
    }

    /// `从2015-01的12起，到2015-12的30，最高2015-09的41，最低2015-02的3`.
    static func summary(_ s: Series, order: [Int], categories: [String], _ f: Charts.NumberFormatter) -> String {
        let present = order.filter { s.values.indices.contains($0) && s.values[$0] != nil }
        guard let first = present.first, let last = present.last else { return "无数据" }
        func at(_ i: Int) -> String { "\(ChartDate(parsing: categories[i])?.chinese ?? categories[i])的\(value(s.values[i], f))" }
        let hi = present.max { (s.values[$0] ?? 0) < (s.values[$1] ?? 0) } ?? first
        let lo = present.min { (s.values[$0] ?? 0) < (s.values[$1] ?? 0) } ?? first
        return "从\(at(first))起，到\(at(last))，最高\(at(hi))，最低\(at(lo))"
    }

    static func percent(_ share: Double) -> String {
        let p = share * 100
        return p < 10 && p != p.rounded() ? String(format: "%.1f%%", p) : String(format: "%.0f%%", p)
    }

    /// `时间轴，共8项：2015年1月 培训基地设立；2015年9月10日 网上商城上线；…`, in date order, with
    /// the periods shaded behind them and the marked reference date.
    public static func timeline(_ t: TimelineSpec) -> String {
        let events = t.events.enumerated().sorted { a, b in
            let (x, y) = (a.element.when.interval, b.element.when.interval)
            return x.0 == y.0 ? a.offset < b.offset : x.0 < y.0
        }.map(\.element)
        var s = "时间轴，共\(events.count)项：" + events.map { e in
            e.when.chinese + " " + e.label + (e.lane.map { "（\($0)）" } ?? "")
        }.joined(separator: "；")
        let periods = t.periods ?? []
        if !periods.isEmpty {
            s += "。时期：" + periods.map { "\($0.label)（\($0.start.chinese)—\($0.end.chinese)）" }.joined(separator: "；")
        }
        if let r = t.referenceDate { s += "。标记日期：" + (t.referenceLabel.map { "\($0)（\(r.chinese)）" } ?? r.chinese) }
        return s
    }
}
