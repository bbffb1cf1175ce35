import Canvas

/// The figure scaffolding charts use — size preset, theme, type scale, title/subtitle/legend/
/// source chrome and overlap-aware text placement — for other figure kinds (the timeline).
public struct FigureLayout {
    var base: ChartLayout

    public init(title: String?, subtitle: String?, source: String?, size: SizePreset?, theme: ThemeName?,
                transparent: Bool?, measurer: TextMeasurer) {
        let spec = ChartSpec(kind: .bar, title: title, subtitle: subtitle, source: source, categories: [], series: [],
                             size: size, theme: theme, transparent: transparent)
        base = ChartLayout(spec: spec, measurer: measurer)
    }

    public var frame: Frame { get { base.frame } set { base.frame = newValue } }
    public var theme: Theme { base.theme }
    /// Type and stroke scale relative to a 576 x 360 pt figure.
    public var scale: Double { base.s }
    public var padding: Double { base.pad }
    public var isTransparent: Bool { base.transparent }
    public var placed: [Rect] { base.placed }
    public var warnings: [String] { get { base.warnings } set { base.warnings = newValue } }
    public var dpi: Double { (base.spec.size ?? .figure).dpi }

    /// Draws title, subtitle, legend and source; returns the rectangle left for the figure body.
    public mutating func chrome(legend: [(String, Color)] = []) -> Rect { base.chrome(legend: legend) }

    public func measure(_ b: TextBlock) -> TextMetrics { base.measure(b) }

    /// `text` broken between words into balanced lines when it is wider than `width` (see `ChineseLineBreak`).
    public func wrapped(_ text: String, style: TextStyle, width: Double, maxLines: Int) -> String {
        base.wrapped(text, style: style, width: width, maxLines: maxLines)
    }

    /// Places text and records its box; `backing` adds a light panel on transparent figures.
    @discardableResult
    public mutating func text(_ b: TextBlock, at origin: Point, rotation: Double = 0, backing: Bool = false) -> Rect {
        base.text(b, at: origin, rotation: rotation, backing: backing)
    }

    /// Inside the figure and clear of every text box placed so far.
    public func isFree(_ r: Rect) -> Bool { base.isFree(r) }

    public func style(_ size: Double, weight: FontWeight = .regular, color: Color? = nil) -> TextStyle {
        theme.style(size, scale, weight: weight, color: color)
    }
}
