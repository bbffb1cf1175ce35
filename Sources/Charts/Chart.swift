import Canvas

/// A laid-out chart: the frame to render and what the layout had to compromise on.
public struct ChartFrame: Sendable {
    public var frame: Frame
    /// The PNG resolution the size preset asks for.
    public var dpi: Double
    /// E.g. a label shortened to fit. `--strict` builds turn these into failures.
    public var warnings: [String]
}

public enum Chart {
    /// Lays out `spec` into a frame. Pure: no files, no global state; safe to call in parallel
    /// with one measurer per thread.
    public static func layout(_ spec: ChartSpec, measurer: TextMeasurer) throws(ChartError) -> ChartFrame {
        try ChartLayout.validate(spec)
        let (spec, cut) = LabelLength.bounded(spec)  // a 400,000-character label is cut first
        var l = ChartLayout(spec: spec, measurer: measurer)
        l.warnings = cut
        switch spec.kind {
        case .bar: try BarChart.draw(&l)
        case .line, .area: try LineChart.draw(&l)
        case .donut, .pie: try DonutChart.draw(&l)
        }
        return ChartFrame(frame: l.frame, dpi: (spec.size ?? .figure).dpi, warnings: l.warnings)
    }
}
