import Canvas
import Foundation

/// Bar charts: vertical or horizontal, one series, grouped or stacked, optionally sorted.
/// Category labels are measured and then kept on one line, wrapped, rotated, shortened with an
/// ellipsis or thinned, in that order of preference; value labels sit outside the bar when they
/// fit and inside when they do not.
enum BarChart {
    struct Data {
        var categories: [String]
        var series: [Series]
        var stacked: Bool

        /// Per category: the lowest and highest value the bars reach.
        var extents: [(lo: Double, hi: Double)] {
            categories.indices.map { i in
                if stacked {
                    let vs = series.compactMap { $0.values[i] }
                    return (vs.filter { $0 < 0 }.reduce(0, +), vs.filter { $0 > 0 }.reduce(0, +))
                }
                let vs = series.compactMap { $0.values[i] }
                return (min(0, vs.min() ?? 0), max(0, vs.max() ?? 0))
            }
        }
    }

    static func prepare(_ spec: ChartSpec) throws(ChartError) -> Data {
        var d = Data(categories: spec.categories, series: spec.series, stacked: (spec.stacked ?? false) && spec.series.count > 1)
        if spec.scale == .log {
            if d.stacked { throw .invalidOption(field: "scale", why: "stacked bars cannot use a log scale; use scale: linear") }
            for se in d.series {
                for (i, v) in se.values.enumerated() where (v ?? 1) <= 0 {
                    throw .nonPositiveOnLogScale(series: se.name, category: d.categories[i], value: v ?? 0)
                }
            }
        }
        let order = spec.sort ?? .none
        if order != .none {
            let totals = d.categories.indices.map { i in d.series.compactMap { se in se.values[i] }.reduce(0, +) }
            let idx = d.categories.indices.sorted { a, b in
                totals[a] == totals[b] ? a < b : (order == .descending ? totals[a] > totals[b] : totals[a] < totals[b])
            }
            d.categories = idx.map { d.categories[$0] }
            d.series = d.series.map { se in Series(name: se.name, values: idx.map { se.values[$0] }, color: se.color) }
        }
        return d
    }

    /// A value scale (linear or log) behind one interface.
    struct ValueAxis {
        var position: (Double) -> Double
        var ticks: [Double]
        var step: Double
        var zero: Double
    }

    static func valueAxis(_ spec: ChartSpec, _ d: Data, range: ClosedRange<Double>, inverted: Bool, targetTicks: Int) -> ValueAxis {
        let ext = d.extents
        let data = ext.flatMap { [$0.lo, $0.hi] }
        if spec.scale == .log {
            let vals = d.series.flatMap { $0.values.compactMap { $0 } }
            let sc = LogScale(data: vals, range: range, inverted: inverted)
            return ValueAxis(position: sc.position, ticks: sc.ticks, step: 1, zero: sc.position(sc.domain.lowerBound))
        }
        let sc = LinearScale(data: data, range: range, targetTicks: targetTicks, includeZero: true, inverted: inverted)
        return ValueAxis(position: sc.position, ticks: sc.ticks, step: sc.step, zero: sc.position(0))
    }

    static func draw(_ l: inout ChartLayout) throws(ChartError) {
        let spec = l.spec
        let d = try prepare(spec)
        let legend = d.series.count > 1 ? d.series.enumerated().map { ($0.element.name, $0.element.color ?? l.theme.color($0.offset)) } : []
        let area = l.chrome(legend: legend)
        let fmt = l.formatter
        let maxAbs = d.extents.map { max(abs($0.lo), abs($0.hi)) }.max() ?? 0
        let mag = spec.scale == .log || fmt.kind == .percent ? Magnitude.one : Magnitude.forAxis(maxAbs: maxAbs)
        // One unit per axis: every value label reads in the axis's magnitude (8,700万 is 0.87 on
        // an 亿元 axis), as precise as the value is. A log axis has no one magnitude.
        let valueText: (Double) -> String = { spec.scale == .log ? fmt.compact($0) : fmt.inMagnitude($0, mag) }
        let tickText: (Double, Double) -> String = { v, step in
            spec.scale == .log ? fmt.compact(v) : fmt.tick(v, magnitude: mag, step: step)
        }
        let showValues = spec.valueLabels ?? true
        let axisTitle = fmt.axisUnit(mag)
        if (spec.orientation ?? .vertical) == .horizontal {
            horizontal(&l, d, area, valueText, tickText, axisTitle, showValues)
        } else {
            vertical(&l, d, area, valueText, tickText, axisTitle, showValues)
        }
    }

    /// Bars to draw: category, series, value start and end (stacked bars start where the last ended).
    static func segments(_ d: Data) -> [(i: Int, j: Int, from: Double, to: Double)] {
        var out: [(Int, Int, Double, Double)] = []
        for i in d.categories.indices {
            var pos = 0.0, neg = 0.0
            for (j, se) in d.series.enumerated() {
                guard let v = se.values[i] else { continue }
                if d.stacked {
                    if v >= 0 { out.append((i, j, pos, pos + v)); pos += v } else { out.append((i, j, neg, neg + v)); neg += v }
                } else {
                    out.append((i, j, 0, v))
                }
            }
        }
        return out
    }

    /// Chooses how many ticks fit without their labels touching.
    static func fittingAxis(_ l: ChartLayout, _ spec: ChartSpec, _ d: Data, range: ClosedRange<Double>, inverted: Bool,
                            tickText: (Double, Double) -> String, horizontalLabels: Bool) -> ValueAxis {
        let length = abs(range.upperBound - range.lowerBound)
        var target = max(2, min(8, Int(length / (horizontalLabels ? 70 : 40) / l.s)))
        while true {
            let ax = valueAxis(spec, d, range: range, inverted: inverted, targetTicks: target)
            let sizes = ax.ticks.map { l.measure(TextBlock(tickText($0, ax.step), style: l.labelStyle)).logical.size }
            let extent = sizes.map { horizontalLabels ? $0.width : $0.height }
            let pos = ax.ticks.map(ax.position)
            var ok = true
            for k in 1..<max(1, pos.count) where abs(pos[k] - pos[k - 1]) < (extent[k] + extent[k - 1]) / 2 + 6 * l.s { ok = false }
            if ok || target <= 2 { return ax }
            target -= 1
        }
    }

    static func horizontal(_ l: inout ChartLayout, _ d: Data, _ area: Rect, _ valueText: (Double) -> String,
                           _ tickText: (Double, Double) -> String, _ axisTitle: String, _ showValues: Bool) {
        let s = l.s, gap = 4 * s
        let tickH = l.measure(TextBlock("0", style: l.labelStyle)).logical.height
        let titleBlock = TextBlock(axisTitle, style: l.labelStyle)
        let titleH = axisTitle.isEmpty ? 0 : l.measure(titleBlock).logical.height + 2 * s
        let top = area.minY, bottom = area.maxY - tickH - titleH - gap
        let n = d.categories.count
        let band = BandScale(count: n, range: span(top, bottom), padding: n > 15 ? 0.2 : 0.3, maxBar: 30 * s * Double(d.stacked ? 1 : d.series.count))
        let lineH = l.measure(TextBlock("国", style: l.labelStyle)).logical.height
        let fitLines = Int(band.bandWidth * 0.98 / lineH)
        let thin = fitLines == 0 ? Int((lineH / band.bandWidth).rounded(.up)) : 1
        let lines = max(1, min(2, fitLines))
        let natural = d.categories.map { l.measure(TextBlock($0, style: l.labelStyle)).logical.width }.max() ?? 0
        let col = min(natural, area.width * 0.3)
        let x0 = area.minX + col + 6 * s

        // Reserve room on the right only if some value label fits neither outside nor inside its bar.
        let segs = segments(d)
        let labelled: [(i: Int, j: Int, from: Double, to: Double, text: String, w: Double)] = !showValues ? [] :
            (d.stacked ? d.categories.indices.map { i in (i, -1, 0, d.extents[i].hi, valueText(d.extents[i].hi), 0) }
                       : segs.map { ($0.i, $0.j, $0.from, $0.to, valueText($0.to), 0) })
            .map { e in (e.0, e.1, e.2, e.3, e.4, l.measure(TextBlock(e.4, style: l.valueStyle)).logical.width) }
        var reserve = 0.0, reserveLeft = 0.0
        var axis = fittingAxis(l, l.spec, d, range: span(x0, area.maxX), inverted: false, tickText: tickText, horizontalLabels: true)
        for _ in 0..<3 {
            axis = fittingAxis(l, l.spec, d, range: span(x0 + reserveLeft, area.maxX - reserve), inverted: false, tickText: tickText, horizontalLabels: true)
            var needR = 0.0, needL = 0.0
            for e in labelled {
                let a = axis.position(e.from), b = axis.position(e.to)
                let len = abs(b - a)
                if e.to >= e.from {
                    let over = b + gap + e.w - area.maxX
                    if over > 0 && (d.stacked || len < e.w + 2 * gap) { needR = max(needR, over) }
                } else {
                    let over = x0 - (b - gap - e.w)
                    if over > 0 && len < e.w + 2 * gap { needL = max(needL, over) }
                }
            }
            if needR == 0 && needL == 0 { break }
            reserve += needR; reserveLeft += needL
        }

        // Grid and ticks.
        for t in axis.ticks {
            let x = axis.position(t)
            l.frame.stroke(.line(from: Point(x, top), to: Point(x, bottom)), StrokeStyle(color: l.theme.grid, width: 0.8 * s))
            let b = TextBlock(tickText(t, axis.step), style: l.labelStyle)
            let w = l.measure(b).logical.width
            let tx = min(max(x - w / 2, area.minX), l.frame.size.width - l.pad / 2 - w)
            l.text(b, at: Point(tx, bottom + gap))
        }
        if !axisTitle.isEmpty {
            let w = l.measure(titleBlock).logical.width
            l.text(titleBlock, at: Point(area.maxX - reserve - w, bottom + gap + tickH + 2 * s))
        }
        // Bars.
        let nSeries = d.stacked ? 1 : d.series.count
        let sub = band.barWidth / Double(nSeries)
        for seg in segs {
            let a = axis.position(seg.from), b = axis.position(seg.to)
            let y = band.barStart(seg.i) + (d.stacked ? 0 : Double(seg.j) * sub)
            let color = d.series[seg.j].color ?? l.theme.color(seg.j)
            l.frame.fill(.rect(Rect(x: min(a, b), y: y, width: abs(b - a), height: sub * (d.stacked || nSeries == 1 ? 1 : 0.92))), color)
        }
        l.frame.stroke(.line(from: Point(axis.zero, top), to: Point(axis.zero, bottom)), StrokeStyle(color: l.theme.axis, width: 1 * s))
        // Value labels: outside when they fit, else inside in a readable colour.
        for e in labelled {
            let b = axis.position(e.to)
            let y = band.barStart(e.i) + (e.j >= 0 ? Double(e.j) * sub : 0)
            let h = e.j >= 0 ? sub : band.barWidth
            var style = l.valueStyle
            let block0 = TextBlock(e.text, style: style)
            let th = l.measure(block0).logical.height
            let ty = y + (h - th) / 2
            var x: Double
            if e.to >= e.from {
                x = b + gap
                if x + e.w > area.maxX + 0.01 && !d.stacked {
                    x = b - gap - e.w
                    style.color = (d.series[max(0, e.j)].color ?? l.theme.color(max(0, e.j))).readableText
                }
            } else {
                x = b - gap - e.w
                if x < x0 - 0.01 {
                    x = b + gap
                    style.color = (d.series[max(0, e.j)].color ?? l.theme.color(max(0, e.j))).readableText
                }
            }
            if th <= h * 1.6 { l.text(TextBlock(e.text, style: style), at: Point(x, ty), backing: true) }
        }
        // Category labels, right-aligned against the plot.
        for (i, c) in d.categories.enumerated() where i % thin == 0 {
            let st = l.theme.style(l.theme.labelSize, s)
            let b = TextBlock(lines > 1 ? l.wrapped(c, style: st, width: col, maxLines: lines) : c, style: st, width: col, maxLines: lines, alignment: .right)
            let m = l.measure(b).logical
            l.text(b, at: Point(area.minX, band.center(i) - m.height / 2 - m.minY))
        }
    }

    static func vertical(_ l: inout ChartLayout, _ d: Data, _ area: Rect, _ valueText: (Double) -> String,
                         _ tickText: (Double, Double) -> String, _ axisTitle: String, _ showValues: Bool) {
        let s = l.s, gap = 4 * s
        let titleBlock = TextBlock(axisTitle, style: l.labelStyle)
        let titleH = axisTitle.isEmpty ? 0 : l.measure(titleBlock).logical.height + 4 * s
        let lineH = l.measure(TextBlock("国", style: l.labelStyle)).logical.height
        let valueH = showValues ? l.measure(TextBlock("0", style: l.valueStyle)).logical.height + gap : 0
        // First pass for the tick label width, which decides where the plot starts.
        let probe = fittingAxis(l, l.spec, d, range: area.minY...area.maxY, inverted: true, tickText: tickText, horizontalLabels: false)
        let tickW = probe.ticks.map { l.measure(TextBlock(tickText($0, probe.step), style: l.labelStyle)).logical.width }.max() ?? 0
        let x0 = area.minX + tickW + 6 * s
        let n = d.categories.count
        let band = BandScale(count: n, range: span(x0, area.maxX), padding: n > 15 ? 0.2 : 0.3, maxBar: 48 * s * Double(d.stacked ? 1 : d.series.count))
        let labelStyle = l.theme.style(l.theme.labelSize, s)
        // Category labels: one line, else wrapped (≤ 3 lines), else rotated, else thinned.
        let widths = d.categories.map { l.measure(TextBlock($0, style: labelStyle)).logical.width }
        let avail = band.bandWidth * 0.94
        enum Mode { case flat, wrapped(Int), rotated(Double) }
        var mode = Mode.flat
        var labelH = lineH
        var thin = 1
        if (widths.max() ?? 0) > avail {
            let wrappedLines = d.categories.map { l.measure(TextBlock(l.wrapped($0, style: labelStyle, width: avail, maxLines: 3), style: labelStyle, width: avail, maxLines: 3)) }
            let fits = avail >= 2.5 * lineH && wrappedLines.allSatisfy { !$0.isEllipsized }
            if fits {
                let lines = wrappedLines.map(\.lineCount).max() ?? 1
                mode = .wrapped(lines)
                labelH = wrappedLines.map(\.logical.height).max() ?? lineH
            } else {
                let cap = min(widths.max() ?? 0, area.height * 0.3)
                mode = .rotated(cap)
                labelH = cap
                thin = band.bandWidth >= lineH * 1.05 ? 1 : Int((lineH * 1.05 / band.bandWidth).rounded(.up))
            }
        }
        let top = area.minY + titleH + max(valueH, lineH / 2 + 2 * s)
        let bottom = area.maxY - labelH - gap
        let axis = fittingAxis(l, l.spec, d, range: span(top, bottom), inverted: true, tickText: tickText, horizontalLabels: false)
        if !axisTitle.isEmpty { l.text(titleBlock, at: Point(area.minX, area.minY)) }
        for t in axis.ticks {
            let y = axis.position(t)
            l.frame.stroke(.line(from: Point(x0, y), to: Point(area.maxX, y)), StrokeStyle(color: l.theme.grid, width: 0.8 * s))
            let b = TextBlock(tickText(t, axis.step), style: l.labelStyle, width: tickW, alignment: .right)
            let m = l.measure(b).logical
            l.text(b, at: Point(area.minX, y - m.height / 2))
        }
        let nSeries = d.stacked ? 1 : d.series.count
        let sub = band.barWidth / Double(nSeries)
        let segs = segments(d)
        for seg in segs {
            let a = axis.position(seg.from), b = axis.position(seg.to)
            let x = band.barStart(seg.i) + (d.stacked ? 0 : Double(seg.j) * sub)
            let color = d.series[seg.j].color ?? l.theme.color(seg.j)
            l.frame.fill(.rect(Rect(x: x, y: min(a, b), width: sub * (d.stacked || nSeries == 1 ? 1 : 0.92), height: abs(b - a))), color)
        }
        l.frame.stroke(.line(from: Point(x0, axis.zero), to: Point(area.maxX, axis.zero)), StrokeStyle(color: l.theme.axis, width: 1 * s))
        if showValues {
            let items: [(i: Int, j: Int, v: Double)] = d.stacked
                ? d.categories.indices.map { ($0, -1, d.extents[$0].hi) }
                : segs.map { ($0.i, $0.j, $0.to) }
            for e in items {
                let b = TextBlock(valueText(e.v), style: l.valueStyle)
                let m = l.measure(b).logical
                let cx = e.j >= 0 ? band.barStart(e.i) + (Double(e.j) + 0.5) * sub : band.center(e.i)
                let y = e.v >= 0 ? axis.position(e.v) - gap - m.height : axis.position(e.v) + gap
                let r = Rect(x: cx - m.width / 2, y: y, width: m.width, height: m.height)
                // A label much wider than its bar reads as belonging to the neighbours: leave it out.
                let room = e.j >= 0 ? sub : band.barWidth
                if m.width <= max(room * 1.6, band.bandWidth * 0.95), l.isFree(r.insetBy(dx: -2 * s, dy: 0)) {
                    l.text(b, at: r.origin, backing: true)
                }
            }
        }
        for (i, c) in d.categories.enumerated() where i % thin == 0 {
            switch mode {
            case .flat, .wrapped:
                let b = TextBlock(l.wrapped(c, style: labelStyle, width: avail, maxLines: 3), style: labelStyle, width: avail, maxLines: 3, alignment: .center)
                l.text(b, at: Point(band.center(i) - avail / 2, bottom + gap))
            case .rotated(let cap):
                // Reads bottom to top and ends at the axis; a 90° box is exactly its bounds.
                let b = TextBlock(c, style: labelStyle, width: cap, maxLines: 1, alignment: .right)
                l.text(b, at: Point(band.center(i) - lineH / 2, bottom + gap + cap), rotation: -90)
            }
        }
    }
}
