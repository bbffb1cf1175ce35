import Canvas
import Foundation

/// Line and area charts: several series, markers, gaps for missing values, value labels for short
/// series, point annotations, reference lines, and a time axis when x values are dates.
enum LineChart {
    enum XAxis {
        case time([ChartDate])
        case numeric([Double])
        case points
    }

    static func xAxis(_ cats: [String]) -> XAxis {
        var dates: [ChartDate] = []
        dates.reserveCapacity(cats.count)
        for c in cats {
            guard let d = ChartDate(parsing: c) else { break }
            dates.append(d)
        }
        if dates.count == cats.count { return .time(dates) }
        var nums: [Double] = []
        nums.reserveCapacity(cats.count)
        for c in cats {
            guard let v = Double(c) ?? Double(c.trimmingCharacters(in: .whitespaces)), v.isFinite else { break }
            nums.append(v)
        }
        if nums.count == cats.count { return .numeric(nums) }
        return .points
    }

    /// Time and numeric x values are drawn in x order, whatever order the rows came in.
    static func sortedByX(_ spec: ChartSpec) -> (ChartSpec, XAxis) {
        let axis = xAxis(spec.categories)
        let keys: [Double]
        switch axis {
        case .time(let d): keys = d.map(\.startDay)
        case .numeric(let n): keys = n
        case .points: return (spec, axis)
        }
        guard zip(keys, keys.dropFirst()).contains(where: { $0 > $1 }) else { return (spec, axis) }
        let order = keys.indices.sorted { keys[$0] == keys[$1] ? $0 < $1 : keys[$0] < keys[$1] }
        var out = spec
        out.categories = order.map { spec.categories[$0] }
        out.series = spec.series.map { se in Series(name: se.name, values: order.map { se.values[$0] }, color: se.color) }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        out.annotations = spec.annotations?.map { a in
            var b = a
            b.index = position[a.index] ?? a.index
            return b
        }
        switch axis {
        case .time(let d): return (out, .time(order.map { d[$0] }))
        case .numeric(let n): return (out, .numeric(order.map { n[$0] }))
        case .points: return (out, axis)
        }
    }

    static func draw(_ l: inout ChartLayout) throws(ChartError) {
        let (spec, xKind) = sortedByX(l.spec)
        let s = l.s, gap = 4 * s
        let isArea = spec.kind == .area
        if spec.scale == .log {
            for se in spec.series {
                for (i, v) in se.values.enumerated() where (v ?? 1) <= 0 {
                    throw .nonPositiveOnLogScale(series: se.name, category: spec.categories[i], value: v ?? 0)
                }
            }
        }
        let legend = spec.series.count > 1 ? spec.series.enumerated().map { ($0.element.name, $0.element.color ?? l.theme.color($0.offset)) } : []
        let area = l.chrome(legend: legend)
        let fmt = l.formatter
        let values = spec.series.flatMap { $0.values.compactMap { $0 } } + (spec.referenceLines ?? []).map(\.value).filter(\.isFinite)
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let includeZero = isArea || lo <= 0 || lo < 0.6 * hi
        let maxAbs = max(abs(lo), abs(hi))
        let mag = spec.scale == .log || fmt.kind == .percent ? Magnitude.one : Magnitude.forAxis(maxAbs: maxAbs)
        let axisTitle = fmt.axisUnit(mag)
        let titleBlock = TextBlock(axisTitle, style: l.labelStyle)
        let titleH = axisTitle.isEmpty ? 0 : l.measure(titleBlock).logical.height + 4 * s
        let tickH = l.measure(TextBlock("0", style: l.labelStyle)).logical.height
        let showValues = spec.valueLabels ?? (spec.categories.count <= 24 && spec.series.count == 1)
        let valueH = showValues ? tickH + gap : 0
        let top = area.minY + titleH + max(valueH, tickH / 2 + 2 * s)
        let bottom = area.maxY - tickH - gap

        // y axis: as many ticks as fit vertically.
        func yScale(_ target: Int) -> (pos: (Double) -> Double, ticks: [Double], step: Double) {
            if spec.scale == .log {
                let sc = LogScale(data: values, range: span(top, bottom), inverted: true)
                return (sc.position, sc.ticks, 1)
            }
            let sc = LinearScale(data: values, range: span(top, bottom), targetTicks: target, includeZero: includeZero, inverted: true)
            return (sc.position, sc.ticks, sc.step)
        }
        let y = yScale(max(2, min(8, Int((bottom - top) / (36 * s)))))
        let tickText: (Double) -> String = { spec.scale == .log ? fmt.compact($0) : fmt.tick($0, magnitude: mag, step: y.step) }
        let tickW = y.ticks.map { l.measure(TextBlock(tickText($0), style: l.labelStyle)).logical.width }.max() ?? 0
        let x0 = area.minX + tickW + 6 * s
        let xPad = 10 * s
        let x1 = area.maxX - xPad

        // x positions and ticks.
        var xs: [Double] = []
        var xTicks: [(Double, String)] = []
        switch xKind {
        case .time(let dates):
            let days = dates.map(\.startDay)
            let dom = (days.min() ?? 0)...(days.max() ?? 1)
            let widest = l.measure(TextBlock("2015年12月", style: l.labelStyle)).logical.width
            let ts = TimeScale(domain: dom, range: span(x0 + xPad, x1), maxTicks: max(2, Int((x1 - x0) / (widest + 10 * s))))
            xs = days.map(ts.position)
            xTicks = ts.ticks.map { (ts.position($0.day), $0.label) }
        case .numeric(let nums):
            let sc = LinearScale(data: nums, range: span(x0 + xPad, x1), targetTicks: max(2, Int((x1 - x0) / (60 * s))), includeZero: false)
            xs = nums.map(sc.position)
            xTicks = sc.ticks.map { (sc.position($0), NumberFormatter.grouped($0, decimals: NumberFormatter.stepDecimals(sc.step))) }
        case .points:
            let n = spec.categories.count
            let step = n > 1 ? (x1 - x0 - xPad) / Double(n - 1) : 0
            xs = (0..<n).map { x0 + xPad + Double($0) * step }
            let widest = spec.categories.map { l.measure(TextBlock($0, style: l.labelStyle)).logical.width }.max() ?? 0
            let every = max(1, Int(((widest + 8 * s) / max(step, 0.001)).rounded(.up)))
            xTicks = spec.categories.enumerated().filter { $0.offset % every == 0 }.map { (xs[$0.offset], $0.element) }
        }

        // Grid, y ticks, axis title.
        if !axisTitle.isEmpty { l.text(titleBlock, at: Point(area.minX, area.minY)) }
        for t in y.ticks {
            let py = y.pos(t)
            l.frame.stroke(.line(from: Point(x0, py), to: Point(area.maxX, py)), StrokeStyle(color: l.theme.grid, width: 0.8 * s))
            let b = TextBlock(tickText(t), style: l.labelStyle, width: tickW, alignment: .right)
            l.text(b, at: Point(area.minX, py - l.measure(b).logical.height / 2))
        }
        l.frame.stroke(.line(from: Point(x0, bottom), to: Point(area.maxX, bottom)), StrokeStyle(color: l.theme.axis, width: 1 * s))
        var lastRight = -Double.infinity
        for (px, label) in xTicks {
            let b = TextBlock(label, style: l.labelStyle)
            let w = l.measure(b).logical.width
            // Never left of the y axis, where the lowest y tick label sits.
            let tx = min(max(px - w / 2, x0 - 2 * s), l.frame.size.width - l.pad / 2 - w)
            guard tx > lastRight + 4 * s else { continue }
            l.frame.stroke(.line(from: Point(px, bottom), to: Point(px, bottom + 3 * s)), StrokeStyle(color: l.theme.axis, width: 0.8 * s))
            lastRight = l.text(b, at: Point(tx, bottom + gap)).maxX
        }

        // Reference lines.
        for r in spec.referenceLines ?? [] where r.value.isFinite {
            let py = y.pos(r.value)
            l.frame.stroke(.line(from: Point(x0, py), to: Point(area.maxX, py)),
                           StrokeStyle(color: l.theme.axis, width: 1 * s, dash: [4 * s, 3 * s]))
            l.segments.append((Point(x0, py), Point(area.maxX, py)))
        }

        // Series: decimate long ones to min/max per column (2 columns per point ≈ device pixels at 144 dpi).
        let columns = Int((x1 - x0) * 2)
        let markers = spec.markers
        for (j, se) in spec.series.enumerated() {
            let color = se.color ?? l.theme.color(j)
            var pts: [(x: Double, y: Double?)] = zip(xs, se.values).map { ($0, $1) }
            if pts.count > columns * 4 {
                let sorted = pts.enumerated().allSatisfy { $0.offset == 0 || pts[$0.offset - 1].x <= $0.element.x }
                if sorted { pts = Decimation.minMax(pts, columns: columns, xRange: span(x0 + xPad, x1)) }
            }
            // Split at gaps into runs.
            var runs: [[Point]] = [[]]
            for p in pts {
                if let v = p.y { runs[runs.count - 1].append(Point(p.x, y.pos(v))) } else if !(runs.last ?? []).isEmpty { runs.append([]) }
            }
            runs = runs.filter { !$0.isEmpty }
            if isArea {
                let base = y.pos(includeZero ? 0 : (y.ticks.first ?? 0))
                for run in runs where run.count > 1 {
                    var path = Path.polyline(run)
                    path.line(to: Point(run[run.count - 1].x, base))
                    path.line(to: Point(run[0].x, base))
                    path.close()
                    l.frame.fill(path, color.withAlpha(spec.series.count > 1 ? 0.22 : 0.18))
                }
            }
            if runs.reduce(0, { $0 + $1.count }) <= 2000 {
                for run in runs {
                    for k in run.indices {
                        l.marks.append(Rect(x: run[k].x - 4 * s, y: run[k].y - 4 * s, width: 8 * s, height: 8 * s))
                        if k > 0 { l.segments.append((run[k - 1], run[k])) }
                    }
                }
            }
            for run in runs {
                if run.count == 1 {
                    l.frame.fill(.circle(center: run[0], radius: 2.5 * s), color)
                } else {
                    l.frame.stroke(.polyline(run), StrokeStyle(color: color, width: 2 * s, cap: .round, join: .round))
                }
            }
            if markers ?? (se.values.count <= 60) {
                for run in runs {
                    for p in run {
                        let c = Path.circle(center: p, radius: 3 * s)
                        l.frame.add(.path(c, fill: l.transparent ? .white : l.theme.background, stroke: StrokeStyle(color: color, width: 1.5 * s)))
                    }
                }
            }
        }

        // Reference line labels: at the right end above or below the line, else at the left end,
        // wherever no data passes.
        for r in spec.referenceLines ?? [] where r.value.isFinite {
            guard let label = r.label else { continue }
            let py = y.pos(r.value)
            let b = TextBlock(label, style: l.labelStyle)
            let m = l.measure(b).logical
            let spots = [Rect(x: area.maxX - m.width, y: py - m.height - 1 * s, width: m.width, height: m.height),
                         Rect(x: area.maxX - m.width, y: py + 1 * s, width: m.width, height: m.height),
                         Rect(x: x0 + 4 * s, y: py - m.height - 1 * s, width: m.width, height: m.height),
                         Rect(x: x0 + 4 * s, y: py + 1 * s, width: m.width, height: m.height)]
            if let spot = spots.first(where: l.isClearOfData) ?? spots.first(where: l.isFree) {
                l.text(b, at: spot.origin, backing: true)
            }
        }

        // Value labels above points (below when above is taken), then annotations.
        if showValues {
            for (j, se) in spec.series.enumerated() {
                for (i, v) in se.values.enumerated() {
                    guard let v else { continue }
                    let b = TextBlock(fmt.inMagnitude(v, mag), style: l.valueStyle)
                    let m = l.measure(b).logical
                    let p = Point(xs[i], y.pos(v))
                    let above = Rect(x: p.x - m.width / 2, y: p.y - 5 * s - m.height, width: m.width, height: m.height)
                    let below = above.offsetBy(dx: 0, dy: m.height + 10 * s)
                    if let r = [above, below].first(where: l.isClearOfData) { l.text(b, at: r.origin, backing: true) }
                    _ = j
                }
            }
        }
        for a in spec.annotations ?? [] {
            guard spec.series.indices.contains(a.series), spec.categories.indices.contains(a.index),
                  let v = spec.series[a.series].values[a.index] else {
                l.warnings.append("annotation \"\(a.text)\" points at no value (series \(a.series), index \(a.index)); skipped")
                continue
            }
            let p = Point(xs[a.index], y.pos(v))
            let aStyle = l.theme.style(l.theme.labelSize, s)  // regular: each extra weight is another font subset in every PDF
            let natural = l.measure(TextBlock(a.text, style: aStyle)).logical.width
            let maxW = (x1 - x0) * 0.45
            let b = TextBlock(a.text, style: aStyle, width: natural > maxW ? maxW : nil, maxLines: 2)
            let m = l.measure(b).logical
            var candidates: [Point] = []
            for d in [22 * s, 40 * s, 60 * s] {
                candidates += [Point(p.x - m.width / 2, p.y - d - m.height), Point(p.x + 8 * s, p.y - d - m.height),
                               Point(p.x - m.width - 8 * s, p.y - d - m.height), Point(p.x - m.width / 2, p.y + d),
                               Point(p.x + 8 * s, p.y + d), Point(p.x - m.width - 8 * s, p.y + d)]
            }
            let rects = candidates.map { Rect(x: $0.x, y: $0.y, width: m.width, height: m.height) }
            // The leader from the point to the label must not cut through another label either.
            func leader(_ o: Rect) -> (Point, Point) { (p, Point(min(max(p.x, o.minX), o.maxX), o.minY > p.y ? o.minY : o.maxY)) }
            func leaderClear(_ o: Rect) -> Bool {
                let (a, b) = leader(o)
                return !l.placed.contains { segmentHits(a, b, $0.insetBy(dx: 0.5, dy: 0.5)) }
            }
            guard let o = rects.first(where: { l.isClearOfData($0.insetBy(dx: -2 * s, dy: -2 * s)) && leaderClear($0) })
                ?? rects.first(where: { l.isFree($0) && leaderClear($0) }) ?? rects.first(where: l.isFree) else {
                l.warnings.append("annotation \"\(a.text)\" found no free place; skipped")
                continue
            }
            let (la, lb) = leader(o)
            l.frame.stroke(.line(from: la, to: lb), StrokeStyle(color: l.theme.axis, width: 0.8 * s))
            l.text(b, at: o.origin, backing: true)
        }
    }
}
