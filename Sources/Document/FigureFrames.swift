import Canvas
import Charts
import Timeline

/// Draws a document figure at a given size, without the chart's own title, subtitle and source
/// (the caption and note say those), so every output shows the same picture.
public enum FigureFrames {
    /// The height a figure wants at a width: bars grow with their categories, vertical
    /// timelines with their events.
    public static func size(_ f: Figure, width: Double) -> Size {
        switch f.content {
        case .chart(let c):
            let h = c.kind == .donut || c.kind == .pie ? width * 0.5 : width * 0.56
            return Size(width, (h + Double(c.categories.count > 6 ? (c.categories.count - 6) * 10 : 0)).rounded())
        case .timeline(let t):
            let events = Set(t.events.map { "\($0.when.date)\($0.when.precision ?? "")" }).count
            let vertical = (t.orientation ?? .vertical) == .vertical
            return Size(width, vertical ? min(600, 70 + Double(events) * 40) : width * 0.62)
        }
    }

    /// `orientation` overrides a timeline's (slides want horizontal ones).
    /// The frame carries the figure's text alternative (caption and `FigureDescription`), so every
    /// format that draws it can say what it shows.
    public static func frame(_ f: Figure, size: Size, measurer: TextMeasurer, orientation: Orientation? = nil,
                             dpi: Double = 200) throws(DocumentError) -> (Frame, [String]) {
        var (frame, warnings) = try drawn(f, size: size, measurer: measurer, orientation: orientation, dpi: dpi)
        frame.alternative = TextAlternative(title: f.caption, description: FigureDescription.text(f))
        return (frame, warnings)
    }

    static func drawn(_ f: Figure, size: Size, measurer: TextMeasurer, orientation: Orientation?,
                      dpi: Double) throws(DocumentError) -> (Frame, [String]) {
        switch f.content {
        case .chart(var c):
            c.title = nil; c.subtitle = nil; c.source = nil
            c.size = .custom(width: size.width, height: size.height, dpi: dpi)
            do {
                let laid = try Chart.layout(c, measurer: measurer)
                return (laid.frame, laid.warnings)
            } catch { throw .figure(id: f.id, message: error.description) }
        case .timeline(var t):
            t.title = nil; t.subtitle = nil; t.source = nil
            t.orientation = orientation ?? t.orientation ?? .vertical
            t.size = .custom(width: size.width, height: size.height, dpi: dpi)
            do {
                let laid = try Timeline.layout(t, measurer: measurer)
                return (laid.frame, laid.warnings)
            } catch { throw .figure(id: f.id, message: error.description) }
        }
    }
}
