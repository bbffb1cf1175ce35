import Canvas
import Charts
import Foundation

/// The PNG of each figure at one size and resolution, drawn once for every format that embeds it.
///
/// WHY: the Markdown figures and the Word document's figures are the same picture at the same
/// size (the page's content width), and drawing plus PNG-encoding them was about a tenth of a
/// cold default build for each format. Both now ask one `FigureRasters` (the briefing job makes
/// one per build and hands it to every format) and get the same bytes.
///
/// The formats run on different threads. Each caller asks for all its figures at once and
/// draws any figure nobody has started yet, in order, before it waits for the ones another
/// thread is drawing: two callers share the work instead of one waiting on the other.
/// The result never depends on which thread drew what (layout and encoder are deterministic).
public final class FigureRasters: @unchecked Sendable {
    /// One drawn figure: its PNG and the layout's warnings.
    public struct Image: Sendable {
        public var png: [UInt8]
        public var warnings: [String]
    }

    private enum State {
        case drawing
        case done(Result<Image, DocumentError>)
    }

    /// The whole figure, not only its id: one briefing may show a chart twice, and the size
    /// and resolution are part of the picture.
    private struct Key: Hashable {
        var figure: Figure
        var width: Double, height: Double, dpi: Double
        var orientation: String?
    }

    private let condition = NSCondition()
    private var states: [Key: State] = [:]
    /// Figures drawn so far (for tests: each is drawn once however many formats ask).
    private(set) var drawCount = 0

    public init() {}

    /// The PNGs of `figures`, each drawn at `size(figure)` and `dpi`, in the order given.
    /// `measurer` must belong to the calling thread; it lays out the figures this call draws.
    public func images(_ figures: [Figure], size: (Figure) -> Size, dpi: Double, orientation: Orientation? = nil,
                       measurer: TextMeasurer) throws(DocumentError) -> [Image] {
        let keys = figures.map { f in
            let s = size(f)
            return Key(figure: f, width: s.width, height: s.height, dpi: dpi, orientation: orientation?.rawValue)
        }
        // Draw what nobody has claimed, in order.
        for (i, f) in figures.enumerated() {
            condition.lock()
            let claimed = states[keys[i]] != nil
            if !claimed { states[keys[i]] = .drawing }
            condition.unlock()
            guard !claimed else { continue }
            let result = Self.draw(f, size: size(f), dpi: dpi, orientation: orientation, measurer: measurer)
            condition.lock()
            drawCount += 1
            states[keys[i]] = .done(result)
            condition.broadcast()
            condition.unlock()
        }
        // Then collect, waiting for any another thread is still drawing.
        var out: [Image] = []
        out.reserveCapacity(figures.count)
        condition.lock()
        defer { condition.unlock() }
        for key in keys {
            while true {
                if case .done(let r) = states[key] {
                    out.append(try r.get())
                    break
                }
                condition.wait()
            }
        }
        return out
    }

    static func draw(_ f: Figure, size: Size, dpi: Double, orientation: Orientation?,
                     measurer: TextMeasurer) -> Result<Image, DocumentError> {
        do throws(DocumentError) {
            let (frame, warnings) = try FigureFrames.frame(f, size: size, measurer: measurer, orientation: orientation, dpi: dpi)
            do {
                return .success(Image(png: try Renderer.png(frame, options: RasterOptions(dpi: dpi)).bytes, warnings: warnings))
            } catch { throw .figure(id: f.id, message: error.description) }
        } catch { return .failure(error) }
    }
}
