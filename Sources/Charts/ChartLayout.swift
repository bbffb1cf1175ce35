import Canvas

/// Shared state while laying out one chart: the frame being filled, the theme, a type scale for
/// the figure size, and every text box placed so far (so later labels can avoid earlier ones).
struct ChartLayout {
    let spec: ChartSpec
    let theme: Theme
    let measurer: TextMeasurer
    /// Type and stroke scale relative to a 576 x 360 pt figure.
    let s: Double
    let transparent: Bool
    var frame: Frame
    var placed: [Rect] = []
    /// Data marks (points, line segments) that labels placed later must not cover.
    var marks: [Rect] = []
    var segments: [(Point, Point)] = []
    var warnings: [String] = []
    /// Lines printed as `注：…` above the source, e.g. which rows a donut merged into 其他.
    var notes: [String] = []

    init(spec: ChartSpec, measurer: TextMeasurer) {
        self.spec = spec
        self.measurer = measurer
        theme = Theme.named(spec.theme ?? .default)
        let size = (spec.size ?? .figure).size
        s = min(2.2, max(0.8, (size.width * size.height / (576 * 360)).squareRoot()))
        transparent = spec.transparent ?? false
        frame = Frame(size: size, background: transparent ? nil : theme.background)
    }

    var pad: Double { 14 * s }
    var labelStyle: TextStyle { theme.style(theme.labelSize, s, color: theme.mutedText) }
    var valueStyle: TextStyle { theme.style(theme.labelSize, s) }

    func measure(_ b: TextBlock) -> TextMetrics { measurer.measure(b) }

    /// `text` broken into balanced lines between words (see `ChineseLineBreak`) when it does
    /// not fit `width`; the TextBlock keeps its width, so anything still too long is wrapped and
    /// shortened (with a warning) as before.
    func wrapped(_ text: String, style: TextStyle, width: Double, maxLines: Int) -> String {
        ChineseLineBreak.wrap(text, width: width, maxLines: maxLines) { measure(TextBlock($0, style: style)).logical.width }
    }

    /// Places text with its logical box's top-left at `origin` and records the box.
    @discardableResult
    mutating func text(_ b: TextBlock, at origin: Point, rotation: Double = 0, backing: Bool = false) -> Rect {
        let item = frame.text(b, at: origin, rotation: rotation, measurer: measurer)
        let box = item.bounds
        if backing && transparent {
            // On a transparent figure, labels over data get a light backing so they stay legible.
            frame.items.insert(.path(.roundedRect(box.insetBy(dx: -2 * s, dy: -1 * s), radius: 2 * s),
                                     fill: Color.white.withAlpha(0.85), stroke: nil), at: frame.items.count - 1)
        }
        placed.append(box)
        if b.maxLines != nil, measure(b).isEllipsized {
            warnings.append("label \"\(b.isMarkup ? plainText(b.text) : b.text)\" was shortened to fit")
        }
        return box
    }

    /// True when `r` stays inside the figure and clear of every text box placed so far.
    func isFree(_ r: Rect) -> Bool {
        frame.bounds.contains(r, tolerance: 0.01) && !placed.contains { $0.intersects(r) }
    }

    /// Also clear of data marks and line segments: for annotations that sit among the data.
    func isClearOfData(_ r: Rect) -> Bool {
        isFree(r) && !marks.contains { $0.intersects(r) } && !segments.contains { segmentHits($0.0, $0.1, r) }
    }

    var formatter: NumberFormatter { NumberFormatter(kind: spec.valueKind ?? .money, unit: spec.unit) }

    /// Title, subtitle, legend (when asked) and source line; returns the rectangle left for the plot.
    mutating func chrome(legend: [(String, Color)]) -> Rect {
        let w = frame.size.width - 2 * pad
        var top = pad
        if let t = spec.title, !t.isEmpty {
            let b = TextBlock(t, style: theme.style(theme.titleSize, s, weight: .bold), width: w, maxLines: 2)
            top = text(b, at: Point(pad, top)).maxY + 2 * s
        }
        if let t = spec.subtitle, !t.isEmpty {
            let b = TextBlock(t, style: theme.style(theme.subtitleSize, s, color: theme.mutedText), width: w, maxLines: 2)
            top = text(b, at: Point(pad, top)).maxY
        }
        if top > pad { top += 8 * s }
        var bottom = frame.size.height - pad
        if let src = spec.source, !src.isEmpty {
            let full = src.hasPrefix("来源") || src.lowercased().hasPrefix("source") ? src : "来源：" + src
            let b = TextBlock(full, style: theme.style(theme.sourceSize, s, color: theme.mutedText), width: w, maxLines: 2)
            let h = measure(b).logical.height
            text(b, at: Point(pad, bottom - h))
            bottom -= h + 6 * s
        }
        if !notes.isEmpty {
            let b = TextBlock("注：" + notes.joined(separator: "；"), style: theme.style(theme.sourceSize, s, color: theme.mutedText), width: w, maxLines: 3)
            let h = measure(b).logical.height
            text(b, at: Point(pad, bottom - h))
            bottom -= h + 4 * s
        }
        if !legend.isEmpty {
            top = drawLegend(legend, top: top, width: w) + 6 * s
        }
        return Rect(x: pad, y: top, width: w, height: max(10, bottom - top))
    }

    /// A horizontal flow of swatches and names above the plot, where it can hide no data.
    mutating func drawLegend(_ entries: [(String, Color)], top: Double, width: Double) -> Double {
        let st = theme.style(theme.labelSize, s)
        let sw = 9 * s, gap = 5 * s, spacing = 14 * s
        var x = pad, y = top
        var rowH = 0.0
        let maxItem = width * 0.45
        for (name, color) in entries {
            let b = TextBlock(name, style: st, width: maxItem, maxLines: 1)
            let m = measure(b).logical
            let itemW = sw + gap + m.width
            if x > pad && x + itemW > pad + width { x = pad; y += rowH + 4 * s; rowH = 0 }
            let h = m.height
            if transparent {
                frame.fill(.roundedRect(Rect(x: x - 3 * s, y: y - 1 * s, width: itemW + 6 * s, height: h + 2 * s), radius: 2 * s),
                           Color.white.withAlpha(0.85))
            }
            frame.fill(.roundedRect(Rect(x: x, y: y + (h - sw) / 2, width: sw, height: sw), radius: 2 * s), color)
            text(b, at: Point(x + sw + gap - m.minX, y))
            x += itemW + spacing
            rowH = max(rowH, h)
        }
        return y + rowH
    }

    /// Validates values and categories shared by every kind.
    static func validate(_ spec: ChartSpec) throws(ChartError) {
        let name = spec.title ?? spec.kind.rawValue + " chart"
        guard !spec.categories.isEmpty, !spec.series.isEmpty else { throw .noData(chart: name) }
        let isLine = spec.kind == .line || spec.kind == .area
        let limit = isLine ? 20_000_000 : 2000
        guard spec.categories.count <= limit else { throw .tooMany(what: isLine ? "points" : "categories", count: spec.categories.count, limit: limit) }
        guard spec.series.count <= 50 else { throw .tooMany(what: "series", count: spec.series.count, limit: 50) }
        if spec.kind != .line && spec.kind != .area {
            var seen = Set<String>()
            for c in spec.categories where !seen.insert(c).inserted { throw .duplicateCategory(c) }
        }
        for se in spec.series {
            guard se.values.count == spec.categories.count else {
                throw .lengthMismatch(series: se.name, values: se.values.count, categories: spec.categories.count)
            }
            for (i, v) in se.values.enumerated() {
                if let v, !v.isFinite { throw .nonFinite(series: se.name, category: spec.categories[i], value: v) }
            }
            if !se.values.reduce(0.0, { $0 + abs($1 ?? 0) }).isFinite { throw .sumOverflows(series: se.name) }
        }
        for i in spec.categories.indices where !spec.series.reduce(0.0, { $0 + abs($1.values[i] ?? 0) }).isFinite {
            throw .sumOverflows(series: spec.series.map(\.name).joined(separator: " + ") + " at \"\(spec.categories[i])\"")
        }
        if let r = spec.innerRadius, !(0..<1).contains(r) {
            throw .invalidOption(field: "innerRadius", why: "\(r) must be at least 0 and below 1")
        }
        if let t = spec.otherThreshold, !(0...0.5).contains(t) {
            throw .invalidOption(field: "otherThreshold", why: "\(t) must be a share between 0 and 0.5")
        }
    }
}

/// Markup without its tags and entities, for messages.
func plainText(_ markup: String) -> String {
    var out = ""
    var inTag = false
    for ch in markup {
        if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch == "\n" ? " " : ch) }
    }
    return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
}

/// Whether the segment a–b passes through rectangle r (Liang–Barsky clipping).
func segmentHits(_ a: Point, _ b: Point, _ r: Rect) -> Bool {
    var t0 = 0.0, t1 = 1.0
    let dx = b.x - a.x, dy = b.y - a.y
    for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
        if p == 0 { if q < 0 { return false } else { continue } }
        let t = q / p
        if p < 0 { if t > t1 { return false }; t0 = max(t0, t) } else { if t < t0 { return false }; t1 = min(t1, t) }
    }
    return t0 <= t1
}

extension Color {
    /// Black or white, whichever reads better on this fill.
    var readableText: Color { luminance > 0.4 ? Color(red: 0.1, green: 0.1, blue: 0.1) : .white }
}
