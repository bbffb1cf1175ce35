import Canvas
import Charts
import Foundation

/// A laid-out timeline: the frame, the PNG resolution its size asks for, and what had to give.
public struct TimelineFrame: Sendable {
    public var frame: Frame
    public var dpi: Double
    /// E.g. labels shortened or events whose label found no room (their marks are still drawn).
    public var warnings: [String]
}

/// Events grouped by identical dates: five things on one day share one label.
struct EventGroup {
    var events: [TimelineEvent]
    var when: EventDate { events[0].when }
    var interval: (Double, Double) { when.interval }
    var mid: Double { (interval.0 + interval.1) / 2 }
    /// A cluster of several events on one date outranks a single one of the same importance.
    var importance: Int { (events.map { $0.importance ?? 2 }.max() ?? 2) + (events.count > 1 ? 1 : 0) }

    /// One label per distinct happening: the same event told twice (headline and text) on one
    /// date is printed once, not as `2项：A；A`.
    var labelText: String {
        var labels: [String] = []
        for e in events where !labels.contains(e.label) { labels.append(e.label) }
        if labels.count == 1 { return labels[0] }
        let shown = labels.prefix(3).joined(separator: "；")
        return "\(labels.count)项：" + shown + (labels.count > 3 ? "等" : "")
    }
}

public enum Timeline {
    public static let maxEvents = 500

    public static func layout(_ spec: TimelineSpec, measurer: TextMeasurer) throws(TimelineError) -> TimelineFrame {
        guard !spec.events.isEmpty else { throw .noEvents }
        guard spec.events.count <= maxEvents else { throw .tooManyEvents(spec.events.count, limit: maxEvents) }
        for e in spec.events {
            if let p = e.when.precision, !EventDate.valid.contains(p) { throw .invalidPrecision(event: e.label, precision: p) }
            if let end = e.when.end, end.endDay <= e.when.date.startDay { throw .endBeforeStart(event: e.label) }
        }
        let (spec, cut) = spec.boundedLabels()  // a 400,000-character label is cut first
        // Sort by time, keeping the given order for ties; group identical dates.
        let sorted = spec.events.enumerated().sorted { a, b in
            let x = a.element.when.interval, y = b.element.when.interval
            return x.0 == y.0 ? (x.1 == y.1 ? a.offset < b.offset : x.1 < y.1) : x.0 < y.0
        }.map(\.element)
        var groups: [EventGroup] = []
        for e in sorted {
            if let last = groups.last, last.when.interval == e.when.interval, last.when.effectivePrecision == e.when.effectivePrecision {
                groups[groups.count - 1].events.append(e)
            } else {
                groups.append(EventGroup(events: [e]))
            }
        }
        var l = FigureLayout(title: spec.title, subtitle: spec.subtitle, source: spec.source, size: spec.size,
                             theme: spec.theme, transparent: spec.transparent, measurer: measurer)
        let lanes = orderedLanes(spec.events)
        let laneColor: (String?) -> Color = { lane in
            guard let lane, let i = lanes.firstIndex(of: lane) else { return l.theme.color(0) }
            return l.theme.color(i)
        }
        let area = l.chrome(legend: lanes.count > 1 ? lanes.map { ($0, laneColor($0)) } : [])
        var ctx = Context(l: l, spec: spec, groups: groups, laneColor: laneColor, area: area)
        if (spec.orientation ?? .horizontal) == .vertical { ctx.vertical() } else { ctx.horizontal() }
        return TimelineFrame(frame: ctx.l.frame, dpi: ctx.l.dpi, warnings: cut + ctx.l.warnings)
    }

    static func orderedLanes(_ events: [TimelineEvent]) -> [String] {
        var seen: [String] = []
        for e in events { if let lane = e.lane, !seen.contains(lane) { seen.append(lane) } }
        return seen
    }
}

struct Context {
    var l: FigureLayout
    let spec: TimelineSpec
    let groups: [EventGroup]
    let laneColor: (String?) -> Color
    let area: Rect

    var s: Double { l.scale }

    /// The span of days shown: every event and period, padded a little on each side.
    var domain: (Double, Double) {
        // Periods are clipped to the events' span: a long era must not squeeze the events.
        var lo = groups.map(\.interval.0).min() ?? 0, hi = groups.map(\.interval.1).max() ?? 1
        if let r = spec.referenceDate, r.startDay >= lo - 400, r.startDay <= hi + 400 { lo = min(lo, r.startDay); hi = max(hi, r.endDay) }
        let pad = max(2, (hi - lo) * 0.03)
        return (lo - pad, hi + pad)
    }

    func labelBlock(_ g: EventGroup, width: Double, lines: Int) -> TextBlock {
        let date = TextBlock.escape(g.when.chinese)
        let style = l.style(9, weight: (g.events.map { $0.importance ?? 2 }.max() ?? 2) >= 3 ? .bold : .regular)
        let label = TextBlock.escape(lines > 1 ? l.wrapped(g.labelText, style: style, width: width, maxLines: lines) : g.labelText)
        let muted = l.theme.mutedText.hexString
        let markup = "<span foreground=\"\(muted)\" size=\"\(Int(8 * s * 1024))\">\(date)</span>\n\(label)"
        return TextBlock(markup, style: style, width: width, maxLines: lines + 1, isMarkup: true)
    }

    /// The mark on the axis: a dot for a day; a bar over the days a month or year covers, lighter
    /// for year-level dates, dashed when approximate.
    mutating func mark(_ g: EventGroup, along: (Double) -> Double, at c: Double, vertical: Bool) {
        let color = laneColor(g.events[0].lane)
        let (a, b) = (along(g.interval.0), along(g.interval.1))
        let thick = 7 * s
        if g.when.isPoint {
            let p = vertical ? Point(c, (a + b) / 2) : Point((a + b) / 2, c)
            l.frame.add(.path(.circle(center: p, radius: 4.2 * s), fill: l.isTransparent ? .white : l.theme.background,
                              stroke: StrokeStyle(color: color, width: 2 * s)))
            return
        }
        let len = max(abs(b - a), 3 * s)
        let mid = (a + b) / 2
        let r = vertical ? Rect(x: c - thick / 2, y: mid - len / 2, width: thick, height: len)
                         : Rect(x: mid - len / 2, y: c - thick / 2, width: len, height: thick)
        let approx = g.when.approximate ?? false
        let fill = g.when.isCoarse ? color.withAlpha(0.28) : color.withAlpha(0.85)
        let stroke = StrokeStyle(color: color, width: 1 * s, dash: approx || g.when.isCoarse ? [3 * s, 2 * s] : [])
        l.frame.add(.path(.roundedRect(r, radius: thick / 2), fill: fill, stroke: stroke))
    }

    // MARK: horizontal

    mutating func horizontal() {
        let (lo, hi) = domain
        let x0 = area.minX + 4 * s, x1 = area.maxX - 4 * s
        let x: (Double) -> Double = { x0 + ($0 - lo) / (hi - lo) * (x1 - x0) }
        let tickStyle = l.style(8, color: l.theme.mutedText)
        let tickH = l.measure(TextBlock("2015年", style: tickStyle)).logical.height
        let axisY = area.minY + area.height * 0.55
        // Periods: bands behind everything, labelled at the top.
        for p in spec.periods ?? [] where p.end.endDay > lo && p.start.startDay < hi {
            let a = x(max(lo, p.start.startDay)), b = x(min(hi, p.end.endDay))
            l.frame.fill(.rect(Rect(x: a, y: area.minY, width: b - a, height: area.height)), l.theme.grid.withAlpha(0.45))
            let blk = TextBlock(p.label, style: l.style(8, color: l.theme.mutedText), width: max(20, b - a - 6 * s), maxLines: 1)
            l.text(blk, at: Point(a + 3 * s, area.minY + 2 * s))
        }
        // Axis and adaptive ticks.
        l.frame.stroke(.line(from: Point(x0, axisY), to: Point(x1, axisY)), StrokeStyle(color: l.theme.axis, width: 1.2 * s))
        let widest = l.measure(TextBlock("2015年12月", style: tickStyle)).logical.width
        let ts = TimeScale(domain: lo...hi, range: x0...x1, maxTicks: max(2, Int((x1 - x0) / (widest + 8 * s))))
        var lastRight = -Double.infinity
        for tick in ts.ticks {
            let px = ts.position(tick.day)
            let b = TextBlock(tick.label, style: tickStyle)
            let w = l.measure(b).logical.width
            let tx = min(max(px - w / 2, area.minX), area.maxX - w)
            guard tx > lastRight + 4 * s else { continue }
            l.frame.stroke(.line(from: Point(px, axisY), to: Point(px, axisY + 3 * s)), StrokeStyle(color: l.theme.axis, width: 0.8 * s))
            lastRight = l.text(b, at: Point(tx, axisY + 5 * s)).maxX
        }
        if let r = spec.referenceDate {
            let px = x(r.startDay)
            l.frame.stroke(.line(from: Point(px, area.minY), to: Point(px, area.maxY)),
                           StrokeStyle(color: l.theme.axis, width: 1 * s, dash: [4 * s, 3 * s]))
            let b = TextBlock(spec.referenceLabel ?? r.chinese, style: l.style(8, color: l.theme.mutedText))
            let w = l.measure(b).logical.width
            let spot = Rect(x: min(px + 3 * s, area.maxX - w), y: area.maxY - tickH, width: w, height: tickH)
            if l.isFree(spot) { l.text(b, at: spot.origin, backing: true) }
        }
        for g in groups { mark(g, along: x, at: axisY, vertical: false) }

        // Labels on levels above and below the axis; key events first, then in time order.
        let lines = max(1, spec.maxLabelLines ?? 2)
        let width = min(150 * s, (x1 - x0) * 0.3)
        let belowTop = axisY + 5 * s + tickH + 6 * s
        let order = groups.indices.sorted { groups[$0].importance == groups[$1].importance ? $0 < $1 : groups[$0].importance > groups[$1].importance }
        var hidden = 0
        for gi in order {
            let g = groups[gi]
            let ax = x(g.mid)
            var placedRect: Rect?
            var chosen: TextBlock?
            for tryLines in Array(Set([lines, 1])).sorted(by: >) {
                let natural = l.measure(TextBlock(g.labelText, style: l.style(9))).logical.width
                let blk = labelBlock(g, width: min(width, max(natural, l.measure(TextBlock(g.when.chinese, style: l.style(8))).logical.width) + 2 * s), lines: tryLines)
                let m = l.measure(blk).logical
                // Bounded by a level count: measured heights can be zero or NaN without fonts.
                let levelH = m.height.isFinite && m.height > 0 ? m.height + 6 * s : 12 * s
                var level = 0
                while placedRect == nil && level < 200 {
                    let above = axisY - 12 * s - Double(level) * levelH - m.height
                    let below = belowTop + Double(level) * levelH
                    if above < area.minY && below + m.height > area.maxY { break }
                    for y in [above, below] {
                        let rx = min(max(ax - m.width / 2, area.minX), area.maxX - m.width)
                        let r = Rect(x: rx, y: y, width: m.width, height: m.height)
                        if area.contains(r, tolerance: 0.5), l.isFree(r.insetBy(dx: -3 * s, dy: -2 * s)) { placedRect = r; break }
                    }
                    level += 1
                }
                if placedRect != nil { chosen = blk; break }
            }
            guard let r = placedRect, let blk = chosen else { hidden += 1; continue }
            let toY = r.minY > axisY ? r.minY : r.maxY
            let fromY = r.minY > axisY ? axisY + 4 * s : axisY - 4 * s
            let lx = min(max(ax, r.minX + 2 * s), r.maxX - 2 * s)
            l.frame.stroke(.polyline([Point(ax, fromY), Point(ax, (fromY + toY) / 2), Point(lx, (fromY + toY) / 2), Point(lx, toY)]),
                           StrokeStyle(color: laneColor(g.events[0].lane).withAlpha(0.7), width: 0.8 * s))
            l.text(blk, at: r.origin, backing: true)
        }
        if hidden > 0 { l.warnings.append("\(hidden) timeline labels found no room and were left out (their marks are drawn); use a larger size or the vertical layout") }
    }

    // MARK: vertical

    mutating func vertical() {
        let (lo, hi) = domain
        let dateStyle = l.style(8.5, color: l.theme.mutedText)
        let dateW = min(area.width * 0.3, (groups.map { l.measure(TextBlock($0.when.chinese, style: dateStyle)).logical.width }.max() ?? 40))
        let axisX = area.minX + dateW + 14 * s
        let labelX = axisX + 16 * s
        let labelW = area.maxX - labelX
        let y0 = area.minY + 6 * s, y1 = area.maxY - 6 * s
        let y: (Double) -> Double = { y0 + ($0 - lo) / (hi - lo) * (y1 - y0) }
        for p in spec.periods ?? [] where p.end.endDay > lo && p.start.startDay < hi {
            let a = y(max(lo, p.start.startDay)), b = y(min(hi, p.end.endDay))
            l.frame.fill(.rect(Rect(x: area.minX, y: a, width: area.width, height: b - a)), l.theme.grid.withAlpha(0.45))
            let blk = TextBlock(p.label, style: l.style(8, color: l.theme.mutedText), width: labelW * 0.4, maxLines: 1, alignment: .right)
            let m = l.measure(blk).logical
            l.text(blk, at: Point(area.maxX - labelW * 0.4, a + 2 * s - m.minY))
        }
        l.frame.stroke(.line(from: Point(axisX, y0 - 4 * s), to: Point(axisX, y1 + 4 * s)), StrokeStyle(color: l.theme.axis, width: 1.2 * s))
        if let r = spec.referenceDate {
            let py = y(r.startDay)
            l.frame.stroke(.line(from: Point(area.minX, py), to: Point(area.maxX, py)), StrokeStyle(color: l.theme.axis, width: 1 * s, dash: [4 * s, 3 * s]))
        }
        for g in groups { mark(g, along: y, at: axisX, vertical: true) }

        // Labels beside the axis, pushed apart top to bottom; fewer lines if the page is full.
        var lines = max(1, spec.maxLabelLines ?? 2)
        var blocks: [TextBlock] = [], heights: [Double] = [], ys: [Double] = []
        let freeTop = max(y0 - 6 * s, l.placed.filter { $0.maxY <= area.minY + 1 }.map(\.maxY).max() ?? area.minY)
        while true {
            blocks = groups.map { g in
                TextBlock(TextBlock.escape(g.labelText), style: l.style(9.5, weight: (g.events.map { $0.importance ?? 2 }.max() ?? 2) >= 3 ? .bold : .regular),
                          width: labelW, maxLines: lines, isMarkup: true)
            }
            heights = blocks.map { max(l.measure($0).logical.height, l.measure(TextBlock("0", style: dateStyle)).logical.height) }
            let total = heights.reduce(0, +) + Double(max(0, heights.count - 1)) * 4 * s
            if total <= (area.maxY - freeTop) || lines == 1 { break }
            lines -= 1
        }
        // If even one line each does not fit, keep the most important labels, spread evenly in time.
        let gap = 4 * s
        let available = area.maxY - freeTop
        var shown = Array(groups.indices)
        let need = heights.reduce(0, +) + Double(max(0, heights.count - 1)) * gap
        if need > available, let h = heights.max() {
            let capacity = max(1, Int((available + gap) / (h + gap)))
            let step = Double(groups.count) / Double(capacity)
            var pick = Set<Int>()
            for k in 0..<capacity {
                // the most important group within each evenly spaced slice of the sequence
                let slice = Int(Double(k) * step)..<min(groups.count, max(Int(Double(k) * step) + 1, Int(Double(k + 1) * step)))
                if let best = slice.max(by: { groups[$0].importance < groups[$1].importance || (groups[$0].importance == groups[$1].importance && $0 > $1) }) {
                    pick.insert(best)
                }
            }
            shown = shown.filter(pick.contains)
        }
        var hidden = groups.count - shown.count
        // Year-level events label at their start: at mid-year they would push every later label down.
        let anchor = { (g: EventGroup) in g.when.isCoarse ? g.interval.0 : g.mid }
        ys = groups.indices.map { y(anchor(groups[$0])) - heights[$0] / 2 }
        var cursor = freeTop
        for i in shown { ys[i] = max(ys[i], cursor); cursor = ys[i] + heights[i] + gap }
        cursor = area.maxY
        for i in shown.reversed() { ys[i] = min(ys[i], cursor - heights[i]); cursor = ys[i] - gap }
        for i in shown {
            let g = groups[i]
            let r = Rect(x: labelX, y: ys[i], width: labelW, height: heights[i])
            guard ys[i] >= freeTop - 0.5, r.maxY <= area.maxY + 0.5 else { hidden += 1; continue }
            let ay = y(anchor(g))
            let color = laneColor(g.events[0].lane)
            l.frame.stroke(.polyline([Point(axisX + 5 * s, ay), Point(labelX - 6 * s, ys[i] + heights[i] / 2), Point(labelX - 2 * s, ys[i] + heights[i] / 2)]),
                           StrokeStyle(color: color.withAlpha(0.6), width: 0.8 * s))
            l.text(blocks[i], at: r.origin)
            let dateBlock = TextBlock(g.when.chinese, style: dateStyle, width: dateW, maxLines: 1, alignment: .right)
            l.text(dateBlock, at: Point(area.minX, ys[i]))
        }
        if hidden > 0 { l.warnings.append("\(hidden) timeline labels found no room and were left out; use a taller size") }
    }
}
