import CCairo
import Foundation
import Synchronization

/// Writes a frame as SVG ourselves rather than through cairo's SVG surface.
///
/// cairo 1.16 formats every coordinate with `printf("%f")`, decodes each glyph's outline for every
/// document, walks the whole character map to name each glyph, and numbers its ids from a
/// process-wide counter (so they had to be renumbered and prefixed afterwards). Here glyph outlines
/// are formatted once per process and reused, numbers are written with three decimals (a
/// thousandth of a point), and ids are numbered per document with the caller's prefix, so the
/// output is reproducible and several SVGs can sit inline in one HTML page.
///
/// Text is laid out by Pango exactly as for PNG and PDF (same context options); each glyph is a
/// `<use>` of its outline, so the SVG looks the same in any viewer, whatever fonts it has.
enum SVGWriter {
    /// Text escaped for XML, without the control characters XML 1.0 forbids (user text may hold them).
    static func xmlText(_ s: String) -> String {
        TextBlock.escape(String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" })))
    }

    static func svg(_ frame: Frame, idPrefix: String, warnings: inout [RenderWarning]) throws(CanvasError) -> [UInt8] {
        let pango = makePangoContext()
        defer { g_object_unref(UnsafeMutableRawPointer(pango)) }
        guard let scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1) else {
            throw .cairo(context: "creating a glyph context", status: "out of memory")
        }
        defer { cairo_surface_destroy(scratch) }
        guard let cr = cairo_create(scratch) else { throw .cairo(context: "creating a glyph context", status: "out of memory") }
        defer { cairo_destroy(cr) }

        var doc = Document(prefix: Array(idPrefix.utf8), pango: pango, glyphContext: cr)
        defer { for font in doc.fontKeys.keys { g_object_unref(font) } }
        var body = SVGBytes()
        if let bg = frame.background, bg.alpha > 0 {
            body.append("<rect")
            body.attributes(["x": 0, "y": 0, "width": frame.size.width, "height": frame.size.height])
            body.paint("fill", bg)
            body.append("/>\n")
        }
        doc.items(frame.items, into: &body)

        var out = SVGBytes()
        out.bytes.reserveCapacity(body.bytes.count + doc.defs.bytes.count + 400)
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" ")
        out.append("xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
        out.number(frame.size.width)
        out.append("pt\" height=\"")  // points, as cairo wrote them: the figure's print size
        out.number(frame.size.height)
        out.append("pt\" viewBox=\"0 0 ")
        out.number(frame.size.width)
        out.append(" ")
        out.number(frame.size.height)
        out.append("\" version=\"1.1\"")
        if let alt = frame.alternative {
            // role="img" with both texts: screen readers read the title as the name and the
            // description after it, instead of hundreds of positioned glyph runs.
            let p = String(decoding: doc.prefix, as: UTF8.self)
            out.append(" role=\"img\" aria-labelledby=\"\(alt.title == nil ? "" : "\(p)title ")\(p)desc\">\n")
            if let t = alt.title { out.append("<title id=\"\(p)title\">\(xmlText(t))</title>\n") }
            out.append("<desc id=\"\(p)desc\">\(xmlText(alt.description))</desc>\n")
        } else {
            out.append(">\n")
        }
        if !doc.defs.bytes.isEmpty {
            out.append("<defs>\n")
            out.bytes += doc.defs.bytes
            out.append("</defs>\n")
        }
        out.bytes += body.bytes
        out.append("</svg>\n")
        if let w = doc.uncovered.warning { warnings.append(w) }
        return out.bytes
    }

    /// Pango's PANGO_GLYPH_EMPTY and PANGO_GLYPH_UNKNOWN_FLAG (C macros Swift cannot import).
    static let emptyGlyph: UInt32 = 0x0FFF_FFFF
    static let unknownGlyphFlag: UInt32 = 0x1000_0000

    /// Glyph outlines as SVG path data, by font and glyph, shared by every document in the process.
    static let outlines = Mutex<[GlyphKey: [UInt8]]>([:])
    static let maxCachedOutlines = 50_000

    struct GlyphKey: Hashable, Sendable {
        var font: String
        var glyph: UInt32
    }

    /// One document being written: its definitions (glyphs, clip paths) and id counters.
    struct Document {
        let prefix: [UInt8]
        let pango: OpaquePointer
        let glyphContext: OpaquePointer
        var defs = SVGBytes()
        var glyphIDs: [GlyphKey: Int] = [:]
        var fontKeys: [UnsafeMutableRawPointer: String] = [:]
        var clips = 0
        var uncovered = UncoveredText()

        mutating func items(_ list: [FrameItem], into out: inout SVGBytes) {
            for item in list {
                switch item {
                case .path(let path, let fill, let stroke):
                    let visibleFill = fill.map { $0.alpha > 0 } ?? false
                    let visibleStroke = stroke.map { $0.width > 0 && $0.width.isFinite } ?? false
                    guard visibleFill || visibleStroke else { continue }
                    out.append("<path d=\"")
                    out.path(path)
                    out.append("\"")
                    if let fill, visibleFill { out.paint("fill", fill) } else { out.append(" fill=\"none\"") }
                    if let stroke, visibleStroke { out.stroke(stroke) }
                    out.append("/>\n")
                case .text(let t):
                    text(t, into: &out)
                case .image(let img):
                    guard img.rect.width > 0, img.rect.height > 0, [img.rect.minX, img.rect.minY, img.rect.width, img.rect.height].allSatisfy(\.isFinite)
                    else { continue }
                    out.append("<image")
                    out.attributes(["x": img.rect.minX, "y": img.rect.minY, "width": img.rect.width, "height": img.rect.height])
                    out.append(" preserveAspectRatio=\"none\" xlink:href=\"data:image/png;base64,")
                    out.append(Data(img.png).base64EncodedString())
                    out.append("\"/>\n")
                case .group(let sub, let t, let clip):
                    out.append("<g transform=\"matrix(")
                    for (i, v) in [t.a, t.b, t.c, t.d, t.tx, t.ty].enumerated() {
                        if i > 0 { out.append(" ") }
                        out.number(v)
                    }
                    out.append(")\">\n")
                    if let clip {
                        clips += 1
                        defs.append("<clipPath id=\"")
                        defs.bytes += prefix
                        defs.append("c\(clips)\"><path d=\"")
                        defs.path(clip)
                        defs.append("\"/></clipPath>\n")
                        out.append("<g clip-path=\"url(#")
                        out.bytes += prefix
                        out.append("c\(clips))\">\n")
                        items(sub, into: &out)
                        out.append("</g>\n")
                    } else {
                        items(sub, into: &out)
                    }
                    out.append("</g>\n")
                case .structure(_, let sub):
                    items(sub, into: &out)  // tags are for PDF readers; the SVG is role="img"
                case .link, .outline:
                    continue  // PDF only
                }
            }
        }

        mutating func text(_ t: TextItem, into out: inout SVGBytes) {
            guard t.origin.x.isFinite, t.origin.y.isFinite, let layout = makeLayout(pango, t.block) else { return }
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            uncovered.check(layout, t.block)
            guard let iter = pango_layout_get_iter(layout) else { return }
            defer { pango_layout_iter_free(iter) }
            out.append("<g transform=\"translate(")
            out.number(t.origin.x)
            out.append(" ")
            out.number(t.origin.y)
            out.append(")")
            if t.rotation != 0, t.rotation.isFinite {
                out.append(" rotate(")
                out.number(t.rotation)
                out.append(")")
            }
            out.append("\"")
            out.paint("fill", t.block.style.color)
            out.append(">\n")
            let scale = 1 / Double(PANGO_SCALE)
            repeat {
                guard let run = pango_layout_iter_get_run_readonly(iter), let item = run.pointee.item,
                      let glyphs = run.pointee.glyphs, let font = item.pointee.analysis.font else { continue }
                var logical = PangoRectangle()
                pango_layout_iter_get_run_extents(iter, nil, &logical)
                let baseline = Double(pango_layout_iter_get_run_baseline(iter)) * scale
                let colour = runColour(item.pointee.analysis.extra_attrs)
                if let colour {
                    out.append("<g")
                    out.paint("fill", colour)
                    out.append(">")
                }
                let key = fontKey(font)
                var x = Int(logical.x)
                for i in 0..<Int(glyphs.pointee.num_glyphs) {
                    let g = glyphs.pointee.glyphs[i]
                    defer { x += Int(g.geometry.width) }
                    let gx = Double(x + Int(g.geometry.x_offset)) * scale
                    let gy = baseline + Double(g.geometry.y_offset) * scale
                    if g.glyph == SVGWriter.emptyGlyph { continue }
                    if g.glyph & SVGWriter.unknownGlyphFlag != 0 {
                        // No font has it: a hollow box the size of the advance, as Pango's own renderer does.
                        let w = Double(g.geometry.width) * scale
                        out.append("<rect")
                        out.attributes(["x": gx + w * 0.1, "y": gy - w * 0.8, "width": w * 0.8, "height": w * 0.8])
                        out.append(" fill=\"none\" stroke=\"currentColor\" stroke-width=\"0.5\"/>")
                        continue
                    }
                    guard let id = glyphID(GlyphKey(font: key, glyph: g.glyph), font: font) else { continue }
                    out.append("<use xlink:href=\"#")
                    out.bytes += prefix
                    out.append("g\(id)\"")
                    out.attributes(["x": gx, "y": gy])
                    out.append("/>")
                }
                if colour != nil { out.append("</g>") }
                out.append("\n")
            } while pango_layout_iter_next_run(iter) != 0
            out.append("</g>\n")
        }

        /// The colour a markup span gave this run, if any.
        func runColour(_ attrs: UnsafeMutablePointer<GSList>?) -> Color? {
            var colour: Color?
            var alpha: Double?
            var node = attrs
            while let n = node {
                if let raw = n.pointee.data {
                    let attr = raw.assumingMemoryBound(to: PangoAttribute.self)
                    switch attr.pointee.klass.pointee.type {
                    case PANGO_ATTR_FOREGROUND:
                        let c = raw.assumingMemoryBound(to: PangoAttrColor.self).pointee.color
                        colour = Color(red: Double(c.red) / 65535, green: Double(c.green) / 65535, blue: Double(c.blue) / 65535)
                    case PANGO_ATTR_FOREGROUND_ALPHA:
                        alpha = Double(raw.assumingMemoryBound(to: PangoAttrInt.self).pointee.value) / 65535
                    default: break
                    }
                }
                node = n.pointee.next
            }
            if var c = colour {
                if let alpha { c.alpha = alpha }
                return c
            }
            return nil
        }

        /// The font's description, the outline cache's key. The font is kept alive for the whole
        /// document so its address cannot be reused by another font meanwhile.
        mutating func fontKey(_ font: UnsafeMutablePointer<PangoFont>) -> String {
            let raw = UnsafeMutableRawPointer(font)
            if let k = fontKeys[raw] { return k }
            g_object_ref(raw)
            var key = "?"
            if let desc = pango_font_describe_with_absolute_size(font) {
                if let s = pango_font_description_to_string(desc) {
                    key = String(cString: s)
                    g_free(s)
                }
                pango_font_description_free(desc)
            }
            fontKeys[raw] = key
            return key
        }

        /// The document-local number of a glyph's `<path>`, defining it on first use.
        mutating func glyphID(_ key: GlyphKey, font: UnsafeMutablePointer<PangoFont>) -> Int? {
            if let id = glyphIDs[key] { return id }
            let data = SVGWriter.outlines.withLock { $0[key] } ?? {
                let d = outline(font: font, glyph: key.glyph)
                SVGWriter.outlines.withLock { cache in
                    if cache.count >= SVGWriter.maxCachedOutlines { cache.removeAll(keepingCapacity: true) }
                    cache[key] = d
                }
                return d
            }()
            let id = glyphIDs.count + 1
            glyphIDs[key] = id
            defs.append("<path id=\"")
            defs.bytes += prefix
            defs.append("g\(id)\" d=\"")
            defs.bytes += data
            defs.append("\"/>\n")
            return id
        }

        /// The glyph's outline at its font size, origin on the baseline, as path data.
        func outline(font: UnsafeMutablePointer<PangoFont>, glyph: UInt32) -> [UInt8] {
            guard let scaled = pango_cairo_font_get_scaled_font(OpaquePointer(font)) else { return [] }
            let cr = glyphContext
            cairo_set_scaled_font(cr, scaled)
            cairo_new_path(cr)
            var g = cairo_glyph_t(index: UInt(glyph), x: 0, y: 0)
            cairo_glyph_path(cr, &g, 1)
            guard let path = cairo_copy_path(cr) else { return [] }
            defer { cairo_path_destroy(path) }
            cairo_new_path(cr)
            var d = SVGBytes()
            guard path.pointee.status == CAIRO_STATUS_SUCCESS, let data = path.pointee.data else { return [] }
            var i = 0
            let n = Int(path.pointee.num_data)
            while i < n {
                let header = data[i].header
                let length = max(1, Int(header.length))
                switch header.type {
                case CAIRO_PATH_MOVE_TO where i + 1 < n:
                    d.command("M", [data[i + 1].point.x, data[i + 1].point.y])
                case CAIRO_PATH_LINE_TO where i + 1 < n:
                    d.command("L", [data[i + 1].point.x, data[i + 1].point.y])
                case CAIRO_PATH_CURVE_TO where i + 3 < n:
                    d.command("C", [data[i + 1].point.x, data[i + 1].point.y, data[i + 2].point.x, data[i + 2].point.y,
                                    data[i + 3].point.x, data[i + 3].point.y])
                case CAIRO_PATH_CLOSE_PATH:
                    d.append("Z")
                default: break
                }
                i += length
            }
            return d.bytes
        }
    }
}

/// A growing SVG file with fast number formatting.
struct SVGBytes {
    var bytes: [UInt8] = []
    static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Up to three decimals, trailing zeros dropped: a thousandth of a point is far below a pixel.
    mutating func number(_ v: Double) {
        guard v.isFinite, abs(v) < 1e12 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var n = Int64((v * 1000).rounded())
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            n = -n
        }
        let whole = n / 1000
        var frac = Int(n % 1000)
        digits(UInt64(whole))
        guard frac != 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var width = 3
        while frac % 10 == 0 { frac /= 10; width -= 1 }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(frac / divisor % 10))
            divisor /= 10
        }
    }

    private mutating func digits(_ v: UInt64) {
        if v >= 10 { digits(v / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(v % 10))
    }

    /// ` name="value"` for each pair.
    mutating func attributes(_ pairs: KeyValuePairs<String, Double>) {
        for (name, value) in pairs {
            append(" \(name)=\"")
            number(value)
            append("\"")
        }
    }

    mutating func command(_ c: String, _ values: [Double]) {
        append(c)
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: " ")) }
            number(v)
        }
    }

    /// ` fill="#rrggbb"` (or stroke) with an opacity attribute when the colour is not opaque.
    mutating func paint(_ attribute: String, _ c: Color) {
        append(" \(attribute)=\"#")
        for v in [c.red, c.green, c.blue] {
            let byte = Int((min(max(v.isFinite ? v : 0, 0), 1) * 255).rounded())
            bytes.append(Self.hexDigits[byte >> 4])
            bytes.append(Self.hexDigits[byte & 15])
        }
        append("\"")
        if c.alpha < 1 {
            append(" \(attribute)-opacity=\"")
            number(max(0, c.alpha.isFinite ? c.alpha : 1))
            append("\"")
        }
    }

    mutating func stroke(_ s: StrokeStyle) {
        paint("stroke", s.color)
        append(" stroke-width=\"")
        number(s.width)
        append("\"")
        switch s.cap {
        case .butt: break
        case .round: append(" stroke-linecap=\"round\"")
        case .square: append(" stroke-linecap=\"square\"")
        }
        switch s.join {
        case .miter: append(" stroke-miterlimit=\"10\"")  // cairo's default; SVG's is 4
        case .round: append(" stroke-linejoin=\"round\"")
        case .bevel: append(" stroke-linejoin=\"bevel\"")
        }
        let dash = s.dash.filter { $0.isFinite && $0 >= 0 }
        if !dash.isEmpty, dash.contains(where: { $0 > 0 }) {
            append(" stroke-dasharray=\"")
            for (i, v) in dash.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: " ")) }
                number(v)
            }
            append("\"")
            if s.dashOffset != 0, s.dashOffset.isFinite {
                append(" stroke-dashoffset=\"")
                number(s.dashOffset)
                append("\"")
            }
        }
    }

    /// Path data with cairo's semantics: non-finite elements are skipped, arcs start with a line
    /// from the current point (or a move when there is none) and become cubic Béziers.
    mutating func path(_ path: Path) {
        var current: Point?
        var subpathStart: Point?
        for e in path.elements {
            switch e {
            case .move(let p) where p.x.isFinite && p.y.isFinite:
                command("M", [p.x, p.y]); current = p; subpathStart = p
            case .line(let p) where p.x.isFinite && p.y.isFinite:
                if current == nil { command("M", [p.x, p.y]); subpathStart = p } else { command("L", [p.x, p.y]) }
                current = p
            case .curve(let a, let b, let c) where [a.x, a.y, b.x, b.y, c.x, c.y].allSatisfy(\.isFinite):
                if current == nil { command("M", [a.x, a.y]); subpathStart = a }
                command("C", [a.x, a.y, b.x, b.y, c.x, c.y]); current = c
            case .arc(let c, let r, let s, let e, let cw) where [c.x, c.y, r, s, e].allSatisfy(\.isFinite) && r >= 0:
                let end = arc(center: c, radius: r, start: s, end: e, clockwise: cw, current: current)
                if current == nil { subpathStart = Point(c.x + r * cos(s), c.y + r * sin(s)) }
                current = end
            case .close:
                if current != nil { append("Z") }
                current = subpathStart
            default: continue
            }
        }
    }

    /// Appends an arc as Béziers of at most a quarter turn; returns its end point.
    mutating func arc(center c: Point, radius r: Double, start: Double, end: Double, clockwise: Bool, current: Point?) -> Point {
        var a1 = start, a2 = end
        if clockwise {
            if a2 - a1 > 4 * .pi { a2 = a1 + (a2 - a1).truncatingRemainder(dividingBy: 2 * .pi) + 2 * .pi }
            while a2 < a1 { a2 += 2 * .pi }
        } else {
            if a1 - a2 > 4 * .pi { a2 = a1 - (a1 - a2).truncatingRemainder(dividingBy: 2 * .pi) - 2 * .pi }
            while a2 > a1 { a2 -= 2 * .pi }
        }
        let p0 = Point(c.x + r * cos(a1), c.y + r * sin(a1))
        command(current == nil ? "M" : "L", [p0.x, p0.y])
        let sweep = a2 - a1
        let segments = max(1, Int((abs(sweep) / (.pi / 2)).rounded(.up)))
        let step = sweep / Double(segments)
        let k = 4.0 / 3.0 * tan(step / 4) * r
        var a = a1
        for _ in 0..<segments {
            let b = a + step
            let (ca, sa, cb, sb) = (cos(a), sin(a), cos(b), sin(b))
            command("C", [c.x + r * ca - k * sa, c.y + r * sa + k * ca,
                          c.x + r * cb + k * sb, c.y + r * sb - k * cb,
                          c.x + r * cb, c.y + r * sb])
            a = b
        }
        return Point(c.x + r * cos(a2), c.y + r * sin(a2))
    }
}
