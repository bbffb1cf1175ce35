import Canvas
import Foundation

/// Donut and pie charts of one series: shares in percent, small slices merged into `其他`, labels
/// outside the ring with leader lines, de-overlapped per side, and the total in the centre.
enum DonutChart {
    struct Slice { var name: String; var value: Double; var color: Color }

    /// The slices, and the names of the rows merged into 其他 (empty when nothing was merged).
    static func slices(_ l: ChartLayout) throws(ChartError) -> [Slice] { try merge(l).slices }

    static func merge(_ l: ChartLayout) throws(ChartError) -> (slices: [Slice], merged: [String], quantum: Double) {
        let spec = l.spec
        guard let se = spec.series.first else { throw .noData(chart: spec.title ?? "donut") }
        var items: [(String, Double)] = []
        for (i, v) in se.values.enumerated() {
            guard let v else { continue }
            if v < 0 { throw .negativeShare(series: se.name, category: spec.categories[i], value: v) }
            if v > 0 { items.append((spec.categories[i], v)) }
        }
        let total = items.map(\.1).reduce(0, +)
        guard total > 0 else { throw .allZero(series: se.name) }
        let threshold = spec.otherThreshold ?? 0.03
        let small = items.filter { $0.1 / total < threshold }
        var merged = items
        if small.count >= 2 {
            merged = items.filter { $0.1 / total >= threshold }
            let rest = small.map(\.1).reduce(0, +)
            if let k = merged.firstIndex(where: { $0.0 == "其他" }) { merged[k].1 += rest } else { merged.append(("其他", rest)) }
        }
        guard merged.count <= 60 else { throw .tooMany(what: "slices", count: merged.count, limit: 60) }
        let slices = merged.enumerated().map { k, e in
            Slice(name: e.0, value: e.1, color: e.0 == "其他" ? Color(red: 0.72, green: 0.73, blue: 0.75) : l.theme.color(k))
        }
        return (slices, small.count >= 2 ? small.map(\.0) : [], NumberFormatter.sumQuantum(items.map(\.1)))
    }

    static func percent(_ share: Double) -> String {
        let p = share * 100
        return p < 10 && p != p.rounded() ? String(format: "%.1f%%", p) : String(format: "%.0f%%", p)
    }

    static func draw(_ l: inout ChartLayout) throws(ChartError) {
        let spec = l.spec, s = l.s
        let (sl, mergedNames, quantum) = try merge(l)
        let total = NumberFormatter.sum(sl.map(\.value)) ?? sl.map(\.value).reduce(0, +)
        if !mergedNames.isEmpty {
            // Nothing is left out silently: the figure names what 其他 holds, and the build says so.
            let share = percent((spec.otherThreshold ?? 0.03))
            l.notes.append("其他含\(mergedNames.joined(separator: "、"))（各占不到\(share)）")
            l.warnings.append("\(mergedNames.count) rows under \(share) of the whole were merged into 其他: \(mergedNames.joined(separator: "、"))")
        }
        let area = l.chrome(legend: [])
        let style = l.theme.style(l.theme.labelSize + 0.5, s)
        let texts = sl.map { "\($0.name) \(percent($0.value / total))" }
        let maxLabelW = min(area.width * 0.28, texts.map { l.measure(TextBlock($0, style: style)).logical.width }.max() ?? 0)
        let lineH = l.measure(TextBlock("国", style: style)).logical.height
        let leader = 16 * s
        let r = max(20 * s, min(area.height / 2 - lineH / 2, area.width / 2 - maxLabelW - leader - 8 * s))
        let c = Point(area.midX, area.midY)
        let inner = spec.kind == .pie ? 0 : r * (spec.innerRadius ?? 0.58)
        var angle = -Double.pi / 2
        var anchors: [(mid: Double, share: Double)] = []
        for sli in sl {
            let sweep = sli.value / total * 2 * .pi
            let path = Path.annularSector(center: c, innerRadius: inner, outerRadius: r, start: angle, end: angle + sweep)
            l.frame.add(.path(path, fill: sli.color, stroke: StrokeStyle(color: l.transparent ? .white : l.theme.background, width: 1.2 * s, join: .round)))
            anchors.append((angle + sweep / 2, sli.value / total))
            angle += sweep
        }
        // Labels: each side sorted top to bottom and pushed apart so none overlap.
        struct Label { var k: Int; var block: TextBlock; var size: Size; var y: Double; var right: Bool }
        var labels: [Label] = []
        for (k, a) in anchors.enumerated() {
            // Wrap only labels wider than the column; a fixed width would shift right-aligned text.
            let natural = l.measure(TextBlock(texts[k], style: style)).logical.width
            let text = natural > maxLabelW ? l.wrapped(texts[k], style: style, width: maxLabelW, maxLines: 2) : texts[k]
            let b = TextBlock(text, style: style, width: natural > maxLabelW ? maxLabelW : nil, maxLines: 2,
                              alignment: cos(a.mid) >= 0 ? .left : .right)
            let m = l.measure(b).logical
            let ey = c.y + (r + leader * 0.6) * sin(a.mid)
            labels.append(Label(k: k, block: b, size: m.size, y: ey - m.height / 2, right: cos(a.mid) >= 0))
        }
        let topLimit = area.minY, bottomLimit = area.maxY
        for side in [true, false] {
            var idx = labels.indices.filter { labels[$0].right == side }.sorted { labels[$0].y < labels[$1].y }
            var cursor = topLimit
            for i in idx { labels[i].y = max(labels[i].y, cursor); cursor = labels[i].y + labels[i].size.height + 2 * s }
            cursor = bottomLimit
            idx.reverse()
            for i in idx {
                labels[i].y = min(labels[i].y, cursor - labels[i].size.height)
                cursor = labels[i].y - 2 * s
            }
        }
        for lab in labels {
            let a = anchors[lab.k].mid
            let p = Point(c.x + r * cos(a), c.y + r * sin(a))
            let elbow = Point(c.x + (r + leader * 0.6) * cos(a), lab.y + lab.size.height / 2)
            let tx = lab.right ? c.x + r + leader : c.x - r - leader - lab.size.width
            let end = Point(lab.right ? tx - 3 * s : tx + lab.size.width + 3 * s, elbow.y)
            l.frame.stroke(.polyline([p, elbow, end]), StrokeStyle(color: l.theme.axis, width: 0.8 * s, join: .round))
            let offset = l.measure(lab.block).logical.minX
            l.text(lab.block, at: Point(tx - offset, lab.y), backing: true)
        }
        // Centre: the total (or the given label) inside the hole.
        if inner > 0 {
            let fmt = l.formatter
            let main = spec.centerLabel ?? fmt.compact(total, withUnit: true, quantum: quantum)
            let big = TextBlock(main, style: l.theme.style(13, s, weight: .bold), width: inner * 1.6, maxLines: 2, alignment: .center)
            let small = TextBlock(spec.centerLabel == nil ? "合计" : "", style: l.theme.style(9, s, color: l.theme.mutedText),
                                  width: inner * 1.6, alignment: .center)
            let bm = l.measure(big).logical, sm = small.text.isEmpty ? Rect(x: 0, y: 0, width: 0, height: 0) : l.measure(small).logical
            let h = bm.height + sm.height
            l.text(big, at: Point(c.x - inner * 0.8, c.y - h / 2))
            if !small.text.isEmpty { l.text(small, at: Point(c.x - inner * 0.8, c.y - h / 2 + bm.height)) }
        }
    }
}
