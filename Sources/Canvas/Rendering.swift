import CCairo
import Foundation

/// Output formats the renderers write.
public enum OutputFormat: String, Sendable, Codable, CaseIterable {
    case png, pdf, svg

    /// The format named by a file's extension, case-insensitive.
    public init(path: String) throws(CanvasError) {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let f = OutputFormat(rawValue: ext) else { throw .unsupportedFormat(path: path) }
        self = f
    }
}

/// Options for raster output.
public struct RasterOptions: Sendable, Hashable {
    /// Dots per inch; 72 gives one pixel per point. Written into the PNG's pHYs chunk.
    public var dpi: Double
    /// zlib level 0–9. Level 3 with the Up filter is ~4x faster than cairo's writer at a few % more bytes.
    public var compressionLevel: Int32

    public init(dpi: Double = 200, compressionLevel: Int32 = 3) {
        self.dpi = dpi; self.compressionLevel = compressionLevel
    }
}

/// Document information written into a PDF.
public struct PDFMetadata: Sendable, Hashable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: String?
    public var creator: String?
    /// Creation and modification date. `nil` lets cairo write the current time, so pass a fixed
    /// date (e.g. from `SOURCE_DATE_EPOCH`) for byte-identical builds.
    public var date: Date?

    public init(title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil,
                creator: String? = nil, date: Date? = nil) {
        self.title = title; self.author = author; self.subject = subject; self.keywords = keywords
        self.creator = creator; self.date = date
    }
}

/// Something a user should know about a render that still succeeded.
public struct RenderWarning: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Encoded output plus what went less than perfectly while drawing it.
public struct Rendered: Sendable {
    public var bytes: [UInt8]
    public var warnings: [RenderWarning]
}

/// Turns frames into PNG, PDF or SVG bytes. The only code that issues Cairo drawing calls.
public enum Renderer {
    /// Largest raster accepted: 20000 px a side and 100 megapixels (400 MB of pixels).
    static let maxPixelsPerSide = 20_000.0
    static let maxPixels = 100_000_000.0

    private static let rasterLock = NSLock()

    public static func png(_ frame: Frame, options: RasterOptions = RasterOptions()) throws(CanvasError) -> Rendered {
        let scale = options.dpi / 72
        let pw = (frame.size.width * scale).rounded(), ph = (frame.size.height * scale).rounded()
        guard pw.isFinite, ph.isFinite, pw >= 1, ph >= 1, pw <= maxPixelsPerSide, ph <= maxPixelsPerSide, pw * ph <= maxPixels,
              options.dpi.isFinite, options.dpi > 0
        else { throw .invalidSize(Size(pw, ph)) }
        // One raster at a time per process: the encoder below already uses every core, and two
        // 6.4 MB chart surfaces (25 MB for a 2x slide) alive at once were the largest part of a
        // build's peak memory.
        rasterLock.lock()
        defer { rasterLock.unlock() }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pw), Int32(ph)) else {
            throw .cairo(context: "creating a \(Int(pw))x\(Int(ph)) image", status: "out of memory")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "creating a \(Int(pw))x\(Int(ph)) image")
        var warnings: [RenderWarning] = []
        try draw(frame, on: surface, scale: scale, warnings: &warnings)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw .cairo(context: "reading image pixels", status: "no pixel data")
        }
        let opaque = (frame.background?.alpha ?? 0) >= 1
        let bytes = PNGEncoder.encode(
            argb: UnsafeRawPointer(data), width: Int(pw), height: Int(ph),
            stride: Int(cairo_image_surface_get_stride(surface)), opaque: opaque,
            dpi: options.dpi, level: options.compressionLevel)
        return Rendered(bytes: bytes, warnings: warnings)
    }

    /// An SVG file. `idPrefix` makes its ids unique when several SVGs share one HTML page.
    public static func svg(_ frame: Frame, idPrefix: String? = nil) throws(CanvasError) -> Rendered {
        try validate(frame.size)
        var warnings: [RenderWarning] = []
        let bytes = try SVGWriter.svg(frame, idPrefix: idPrefix ?? "", warnings: &warnings)
        return Rendered(bytes: bytes, warnings: warnings)
    }

    /// A multi-page PDF; each frame is one page of its own size. Outline entries in the frames
    /// become bookmarks, link items become clickable areas.
    public static func pdf(_ pages: [Frame], metadata: PDFMetadata = PDFMetadata()) throws(CanvasError) -> Rendered {
        guard let first = pages.first else { throw .invalidSize(Size(0, 0)) }
        for p in pages { try validate(p.size) }
        let sink = ByteSink()
        let surface = cairo_pdf_surface_create_for_stream(sinkWrite, Unmanaged.passUnretained(sink).toOpaque(),
                                                          first.size.width, first.size.height)
        guard let surface else { throw .cairo(context: "creating a PDF surface", status: "out of memory") }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "creating a PDF surface")
        setMetadata(surface, metadata)
        var warnings: [RenderWarning] = []
        var outlineParents: [Int: Int32] = [0: 0]  // level -> outline id; 0 is cairo's root
        for (index, page) in pages.enumerated() {
            cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
            try draw(page, on: surface, scale: 1, warnings: &warnings, pageNumber: index + 1)
            cairo_surface_show_page(surface)
            for entry in outlineEntries(page.items) {
                let level = max(1, entry.level)
                let parent = (1..<level).reversed().lazy.compactMap { outlineParents[$0] }.first ?? 0
                let attrs = "page=\(index + 1) pos=[0 \(fmt(max(0, entry.y)))]"
                let id = cairo_pdf_surface_add_outline(surface, parent, sanitizedForPango(entry.title), attrs,
                                                       cairo_pdf_outline_flags_t(rawValue: 0))
                outlineParents[level] = id
                for deeper in outlineParents.keys where deeper > level { outlineParents[deeper] = nil }
            }
        }
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface), "finishing the PDF")
        return withExtendedLifetime(sink) { Rendered(bytes: sink.bytes, warnings: warnings) }
    }

    /// Renders `pages` in the format named by `path`'s extension and writes the file atomically
    /// (temporary name in the same folder, then rename). PNG and SVG take only the first page.
    @discardableResult
    public static func write(_ pages: [Frame], to path: String, raster: RasterOptions = RasterOptions(),
                             metadata: PDFMetadata = PDFMetadata()) throws(CanvasError) -> Rendered {
        let format = try OutputFormat(path: path)
        guard let first = pages.first else { throw .invalidSize(Size(0, 0)) }
        let out: Rendered
        switch format {
        case .png: out = try png(first, options: raster)
        case .svg: out = try svg(first)
        case .pdf: out = try pdf(pages, metadata: metadata)
        }
        try AtomicFile.write(out.bytes, to: path)
        return out
    }

    static func validate(_ s: Size) throws(CanvasError) {
        guard s.width.isFinite, s.height.isFinite, s.width > 0, s.height > 0, s.width <= 14_400, s.height <= 14_400 else {
            throw .invalidSize(s)
        }
    }

    static func check(_ status: cairo_status_t, _ context: String) throws(CanvasError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw .cairo(context: context, status: String(cString: cairo_status_to_string(status)))
    }

    private static func setMetadata(_ surface: OpaquePointer, _ m: PDFMetadata) {
        func set(_ key: cairo_pdf_metadata_t, _ value: String?) {
            if let value { cairo_pdf_surface_set_metadata(surface, key, sanitizedForPango(value)) }
        }
        set(CAIRO_PDF_METADATA_TITLE, m.title)
        set(CAIRO_PDF_METADATA_AUTHOR, m.author)
        set(CAIRO_PDF_METADATA_SUBJECT, m.subject)
        set(CAIRO_PDF_METADATA_KEYWORDS, m.keywords)
        set(CAIRO_PDF_METADATA_CREATOR, m.creator)
        if let d = m.date {
            let s = Timestamp.iso8601(d)
            set(CAIRO_PDF_METADATA_CREATE_DATE, s)
            set(CAIRO_PDF_METADATA_MOD_DATE, s)
        }
    }

    private static func outlineEntries(_ items: [FrameItem]) -> [OutlineEntry] {
        var out: [OutlineEntry] = []
        for i in items {
            switch i {
            case .outline(let e): out.append(e)
            case .group(let sub, let t, _):
                out += outlineEntries(sub).map { var e = $0; e.y = t.apply(Point(0, e.y)).y; return e }
            default: break
            }
        }
        return out
    }
}

/// Collects the bytes cairo streams out.
final class ByteSink {
    var bytes: [UInt8] = []
}

private let sinkWrite: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

func fmt(_ v: Double) -> String {
    String(format: "%.3f", v)
}
