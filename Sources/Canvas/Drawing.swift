import CCairo
import Foundation

/// Walks a frame's display list and issues the Cairo calls for it.
extension Renderer {
    /// `open` / `close` name structure elements begun before the page's items and ended after
    /// them: a PDF's `Document` element spans every page.
    static func draw(_ frame: Frame, on surface: OpaquePointer, scale: Double, warnings: inout [RenderWarning],
                     pageNumber: Int = 1, open: StructureTag? = nil, close: StructureTag? = nil) throws(CanvasError) {
        guard let cr = cairo_create(surface) else { throw .cairo(context: "creating a drawing context", status: "out of memory") }
        defer { cairo_destroy(cr) }
        try check(cairo_status(cr), "creating a drawing context")
        cairo_scale(cr, scale, scale)
        if let bg = frame.background, bg.alpha > 0 {
            setColor(cr, bg)
            cairo_rectangle(cr, 0, 0, frame.size.width, frame.size.height)
            cairo_fill(cr)
        }
        guard let pango = makePangoContext(drawingOn: cr) else {
            throw .cairo(context: "creating a text context", status: "out of memory")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(pango)) }
        var ctx = DrawContext(cr: cr, pango: pango)
        if let open { cairo_tag_begin(cr, open.role.rawValue, "") }
        try drawItems(frame.items, &ctx)
        if let close { cairo_tag_end(cr, close.role.rawValue) }
        if let w = ctx.uncovered.warning { warnings.append(w) }
        try check(cairo_status(cr), "drawing page \(pageNumber)")
    }

    struct DrawContext {
        let cr: OpaquePointer
        let pango: OpaquePointer
        /// Text with characters no font covers, reported once per page.
        var uncovered = UncoveredText()
    }

    private static func drawItems(_ items: [FrameItem], _ ctx: inout DrawContext) throws(CanvasError) {
        let cr = ctx.cr
        for item in items {
            switch item {
            case .path(let path, let fill, let stroke):
                addPath(cr, path)
                if let fill, fill.alpha > 0 {
                    setColor(cr, fill)
                    if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
                }
                if let stroke, stroke.width > 0, stroke.width.isFinite {
                    applyStroke(cr, stroke)
                    cairo_stroke(cr)
                }
                cairo_new_path(cr)
            case .text(let t):
                drawText(t, &ctx)
            case .image(let img):
                try drawImage(cr, img)
            case .group(let sub, let t, let clip):
                cairo_save(cr)
                var m = cairo_matrix_t(xx: t.a, yx: t.b, xy: t.c, yy: t.d, x0: t.tx, y0: t.ty)
                cairo_transform(cr, &m)
                if let clip {
                    addPath(cr, clip)
                    cairo_clip(cr)
                }
                try drawItems(sub, &ctx)
                cairo_restore(cr)
            case .link(let r, let target):
                let rect = "rect=[\(fmt(r.minX)) \(fmt(r.minY)) \(fmt(r.width)) \(fmt(r.height))]"
                let attrs: String
                switch target {
                case .uri(let u):
                    let esc = u.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
                    attrs = "\(rect) uri='\(sanitizedForPango(esc))'"
                case .page(let p, let y):
                    attrs = "\(rect) dest='\(destinationName(page: p, y: y))'"  // named: see destinationName
                }
                cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs)
                cairo_tag_end(cr, CAIRO_TAG_LINK)
            case .outline:
                break  // collected by the PDF writer
            case .structure(let tag, let sub):
                // A structure element around its content; cairo writes the marked content and
                // the structure tree (PDF surfaces only; other surfaces ignore tags).
                cairo_tag_begin(cr, tag.role.rawValue, "")
                try drawItems(sub, &ctx)
                cairo_tag_end(cr, tag.role.rawValue)
            }
        }
    }

    private static func drawText(_ t: TextItem, _ ctx: inout DrawContext) {
        let cr = ctx.cr
        guard t.origin.x.isFinite, t.origin.y.isFinite, let layout = makeLayout(ctx.pango, t.block) else { return }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        ctx.uncovered.check(layout, t.block)
        cairo_save(cr)
        cairo_translate(cr, t.origin.x, t.origin.y)
        if t.rotation != 0, t.rotation.isFinite { cairo_rotate(cr, t.rotation * .pi / 180) }
        setColor(cr, t.block.style.color)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
    }

    private static func drawImage(_ cr: OpaquePointer, _ img: ImageItem) throws(CanvasError) {
        let decoded = try RasterImage.cairoSurface(fromPNG: img.png)
        defer { cairo_surface_destroy(decoded) }
        let w = Double(cairo_image_surface_get_width(decoded)), h = Double(cairo_image_surface_get_height(decoded))
        guard w > 0, h > 0, img.rect.width > 0, img.rect.height > 0 else { return }
        cairo_save(cr)
        cairo_translate(cr, img.rect.minX, img.rect.minY)
        cairo_scale(cr, img.rect.width / w, img.rect.height / h)
        cairo_set_source_surface(cr, decoded, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    private static func setColor(_ cr: OpaquePointer, _ c: Color) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
    }

    private static func applyStroke(_ cr: OpaquePointer, _ s: StrokeStyle) {
        setColor(cr, s.color)
        cairo_set_line_width(cr, s.width)
        switch s.cap {
        case .butt: cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
        }
        switch s.join {
        case .miter: cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL)
        }
        let dash = s.dash.filter { $0.isFinite && $0 >= 0 }
        if !dash.isEmpty, dash.contains(where: { $0 > 0 }) {
            cairo_set_dash(cr, dash, Int32(dash.count), s.dashOffset)
        } else {
            cairo_set_dash(cr, nil, 0, 0)
        }
    }

    /// Non-finite coordinates would put cairo into an error state; such elements are skipped.
    private static func addPath(_ cr: OpaquePointer, _ path: Path) {
        cairo_new_path(cr)
        for e in path.elements {
            switch e {
            case .move(let p) where p.x.isFinite && p.y.isFinite: cairo_move_to(cr, p.x, p.y)
            case .line(let p) where p.x.isFinite && p.y.isFinite: cairo_line_to(cr, p.x, p.y)
            case .curve(let a, let b, let c) where [a.x, a.y, b.x, b.y, c.x, c.y].allSatisfy(\.isFinite):
                cairo_curve_to(cr, a.x, a.y, b.x, b.y, c.x, c.y)
            case .arc(let c, let r, let s, let e, let cw) where [c.x, c.y, r, s, e].allSatisfy(\.isFinite) && r >= 0:
                if cw { cairo_arc(cr, c.x, c.y, r, s, e) } else { cairo_arc_negative(cr, c.x, c.y, r, s, e) }
            case .close: cairo_close_path(cr)
            default: continue
            }
        }
    }
}
