import CCairo

/// Font options shared by measuring and drawing. Metric hinting is off and glyph positions are
/// not rounded, so a layout measures the same at 72 dpi and at 400 dpi, in PNG, PDF and SVG.
///
/// Text is laid out as simplified Chinese whatever the process locale: a CJK face otherwise
/// picks glyph forms (`locl`) and fallback fonts by the user's language, and a briefing would
/// draw 骨 or 直 in Japanese or traditional shapes on a machine set to ja_JP or zh_TW.
func configurePangoContext(_ ctx: OpaquePointer) {
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"))
    let opts = cairo_font_options_create()
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE)
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY)
    pango_cairo_context_set_font_options(ctx, opts)
    cairo_font_options_destroy(opts)
    pango_cairo_context_set_resolution(ctx, 72)
    pango_context_set_round_glyph_positions(ctx, 0)
}

/// A Pango context for measuring (and for the SVG writer, which lays text out without a cairo
/// surface), configured like every other. The font subsets are set up first, before the first
/// font map reads fontconfig's list.
func makePangoContext() -> OpaquePointer {
    _ = FontSubsets.status
    // pango_font_map_create_context never returns NULL for the cairo font map.
    let ctx: OpaquePointer = pango_font_map_create_context(pango_cairo_font_map_get_default())
    configurePangoContext(ctx)
    return ctx
}

/// The same for drawing on `cr`. Text is laid out in user space, as it was measured, whatever
/// the device scale (PNG DPI) or a figure group's transform: with metric hinting off and glyph
/// positions unrounded the layout would come out the same anyway, and cairo rasterizes each
/// glyph for the real transform when it draws. Telling Pango the transform instead would make
/// it sort fontconfig's fonts and build fonts again for every size × scale (157 sorts in a cold
/// default build).
func makePangoContext(drawingOn cr: OpaquePointer) -> OpaquePointer? {
    _ = FontSubsets.status
    guard let ctx = pango_cairo_create_context(cr) else { return nil }
    pango_context_set_matrix(ctx, nil)
    configurePangoContext(ctx)
    return ctx
}

/// Text items holding characters no installed font covers, reported once per page or file.
struct UncoveredText {
    /// Quoted previews of the texts.
    var previews: [String] = []
    var families = ""

    mutating func check(_ layout: OpaquePointer, _ block: TextBlock) {
        guard pango_layout_get_unknown_glyphs_count(layout) > 0 else { return }
        let preview = block.text.count > 24 ? String(block.text.prefix(24)) + "…" : block.text
        previews.append("\"\(preview)\"")
        families = block.style.families.joined(separator: ", ")
    }

    var warning: RenderWarning? {
        guard let first = previews.first else { return nil }
        let more = previews.count > 1 ? " and \(previews.count - 1) more text runs" : ""
        return RenderWarning(message:
            "\(first)\(more) contain characters no installed font of \(families) covers; they show as boxes. "
            + "Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) or name an installed CJK family")
    }
}

/// Control characters other than newline and tab make Pango warn and substitute; drop them.
func sanitizedForPango(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F })
    else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars where !(u.value < 0x20 && u != "\n" && u != "\t" || u.value == 0x7F) { out.append(u) }
    return String(out)
}

/// Builds the Pango layout for `block` in `ctx`. The caller owns the returned layout
/// (release with `g_object_unref`). Invalid markup is drawn as literal text rather than dropped.
func makeLayout(_ ctx: OpaquePointer, _ block: TextBlock) -> OpaquePointer? {
    guard let layout = pango_layout_new(ctx) else { return nil }
    let style = block.style
    if let desc = pango_font_description_new() {
        pango_font_description_set_family(desc, FontSubsets.expand(style.families).joined(separator: ","))
        pango_font_description_set_absolute_size(desc, max(0.1, style.size.isFinite ? style.size : 10) * Double(PANGO_SCALE))
        pango_font_description_set_weight(desc, PangoWeight(rawValue: UInt32(style.weight.rawValue)))
        pango_font_description_set_style(desc, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)
    }
    let text = sanitizedForPango(block.text)
    var usedMarkup = false
    if block.isMarkup {
        let ok = text.withCString { pango_parse_markup($0, -1, 0, nil, nil, nil, nil) }
        if ok != 0 {
            pango_layout_set_markup(layout, text, -1)
            usedMarkup = true
        }
    }
    if !usedMarkup {
        var t = text
        t.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { pango_layout_set_text(layout, $0.baseAddress, Int32(buf.count)) }
        }
    }
    if let w = block.width, w.isFinite, w > 0 {
        pango_layout_set_width(layout, Int32(min(w, 1e6) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        // Ellipsizing only when lines are capped: Pango ellipsizes a layout of unlimited height
        // to a single line, which would silently cut wrapped paragraphs.
        if let n = block.maxLines, n > 0 {
            pango_layout_set_height(layout, -Int32(min(n, 10_000)))
            switch block.ellipsis {
            case .none: pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
            case .start: pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_START)
            case .middle: pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_MIDDLE)
            case .end: pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            }
        }
    }
    switch block.alignment {
    case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
    case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
    case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
    case .justify:
        pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        pango_layout_set_justify(layout, 1)
        if block.justifyLastLine { pango_layout_set_justify_last_line(layout, 1) }
    }
    if style.lineHeight.isFinite, style.lineHeight > 0, style.lineHeight != 1 {
        pango_layout_set_line_spacing(layout, Float(style.lineHeight))
    }
    return layout
}

func metrics(of layout: OpaquePointer) -> TextMetrics {
    var logical = PangoRectangle()
    pango_layout_get_extents(layout, nil, &logical)
    let s = Double(PANGO_SCALE)
    func rect(_ r: PangoRectangle) -> Rect {
        Rect(x: Double(r.x) / s, y: Double(r.y) / s, width: Double(r.width) / s, height: Double(r.height) / s)
    }
    return TextMetrics(
        logical: rect(logical),
        baseline: Double(pango_layout_get_baseline(layout)) / s,
        lineCount: Int(pango_layout_get_line_count(layout)),
        isEllipsized: pango_layout_is_ellipsized(layout) != 0,
        unknownGlyphs: Int(pango_layout_get_unknown_glyphs_count(layout)))
}

/// Measures text with Pango and the same font options the renderers use.
///
/// Not thread-safe: give each thread its own measurer (they are cheap). Pango's font map is per
/// thread, so measurers on different threads never contend.
public final class PangoMeasurer: TextMeasurer {
    private let context: OpaquePointer
    /// Metrics already measured. Layout code asks about the same block many times (a label is
    /// measured to find the widest, then again to place it; a page is fitted, then drawn), and a
    /// Pango layout costs tens of microseconds. Colour never changes a layout, so it is not
    /// part of the key. Cleared when full, so a long-running watch cannot grow it without bound.
    private var memo: [TextBlock: TextMetrics] = [:]
    static let memoLimit = 4_096

    public init() { context = makePangoContext() }

    deinit { g_object_unref(UnsafeMutableRawPointer(context)) }

    public func measure(_ block: TextBlock) -> TextMetrics {
        var key = block
        key.style.color = .black
        if let known = memo[key] { return known }
        guard let layout = makeLayout(context, block) else {
            return TextMetrics(logical: Rect(x: 0, y: 0, width: 0, height: 0),
                               baseline: 0, lineCount: 0, isEllipsized: false, unknownGlyphs: 0)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let measured = metrics(of: layout)
        if memo.count >= Self.memoLimit { memo.removeAll(keepingCapacity: true) }
        memo[key] = measured
        return measured
    }

    /// How many measurements are remembered (for tests of the memo's bound).
    var rememberedCount: Int { memo.count }

    public func lines(_ block: TextBlock) -> [TextLine] {
        guard let layout = makeLayout(context, block) else { return [] }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        var out: [TextLine] = []
        let s = Double(PANGO_SCALE)
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            if let line = pango_layout_iter_get_line_readonly(iter) {
                out.append(TextLine(utf8Start: Int(line.pointee.start_index), utf8Length: Int(line.pointee.length),
                                    top: Double(logical.y) / s, height: Double(logical.height) / s))
            }
        } while pango_layout_iter_next_line(iter) != 0
        return out
    }

    /// The family fontconfig actually resolves the first requested family to, e.g. "DejaVu Sans"
    /// when "Noto Sans CJK SC" is not installed.
    public func resolvedFamily(_ families: [String], size: Double = 10) -> String? {
        guard let desc = pango_font_description_new() else { return nil }
        defer { pango_font_description_free(desc) }
        pango_font_description_set_family(desc, families.joined(separator: ","))
        pango_font_description_set_absolute_size(desc, size * Double(PANGO_SCALE))
        guard let font = pango_font_map_load_font(pango_cairo_font_map_get_default(), context, desc) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        guard let got = pango_font_describe(font) else { return nil }
        defer { pango_font_description_free(got) }
        return pango_font_description_get_family(got).map { String(cString: $0) }
    }
}
