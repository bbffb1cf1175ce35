/// The font families reportgen asks for first. Pango falls back through the list (and then
/// through fontconfig), so Latin, digits and CJK all come from a matching face.
public let defaultFontFamilies = ["Noto Sans CJK SC", "Noto Sans", "DejaVu Sans"]

public enum FontWeight: Int, Sendable, Hashable, Codable {
    case light = 300, regular = 400, medium = 500, bold = 700
}

public enum TextAlignment: String, Sendable, Hashable, Codable { case left, center, right, justify }

public enum Ellipsis: String, Sendable, Hashable, Codable { case none, start, middle, end }

public struct TextStyle: Sendable, Hashable {
    public var families: [String]
    /// Size in points.
    public var size: Double
    public var weight: FontWeight
    public var italic: Bool
    public var color: Color
    /// Extra space between lines as a multiple of the font's natural line height (1 = natural).
    public var lineHeight: Double

    public init(families: [String] = defaultFontFamilies, size: Double = 10, weight: FontWeight = .regular,
                italic: Bool = false, color: Color = .black, lineHeight: Double = 1) {
        self.families = families; self.size = size; self.weight = weight; self.italic = italic
        self.color = color; self.lineHeight = lineHeight
    }

    public func with(size: Double? = nil, weight: FontWeight? = nil, color: Color? = nil) -> TextStyle {
        var s = self
        if let size { s.size = size }
        if let weight { s.weight = weight }
        if let color { s.color = color }
        return s
    }
}

/// A piece of text with everything Pango needs to lay it out: measuring and drawing the same
/// block always give the same lines.
public struct TextBlock: Sendable, Hashable {
    public var text: String
    public var style: TextStyle
    /// Wrap width in points; `nil` keeps each paragraph on one line.
    public var width: Double?
    /// At most this many lines (needs `width`); when text is cut, `ellipsis` marks where.
    /// Without it the text wraps onto as many lines as it needs.
    public var maxLines: Int?
    public var ellipsis: Ellipsis
    public var alignment: TextAlignment
    /// When true, `text` is Pango markup (`<b>`, `<span …>`); build it with `TextBlock.escape`.
    public var isMarkup: Bool
    /// Justified text normally leaves its last line ragged; a paragraph cut at a page break
    /// justifies the last line of the part above the break too.
    public var justifyLastLine: Bool = false

    public init(_ text: String, style: TextStyle = TextStyle(), width: Double? = nil, maxLines: Int? = nil,
                ellipsis: Ellipsis = .end, alignment: TextAlignment = .left, isMarkup: Bool = false) {
        self.text = text; self.style = style; self.width = width; self.maxLines = maxLines
        self.ellipsis = ellipsis; self.alignment = alignment; self.isMarkup = isMarkup
    }

    /// Escapes `&`, `<`, `>`, `'` and `"` so user text can sit inside markup verbatim.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "'": out += "&#39;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// What Pango measured for a `TextBlock`, relative to the block's top-left origin.
/// Only logical extents: ink extents make HarfBuzz decode every glyph's outline, and layout
/// places text by its advance box, never by its ink.
public struct TextMetrics: Sendable, Hashable {
    /// The layout box: advance widths and full line heights. Use it to place text.
    public var logical: Rect
    /// Distance from the top of the box to the first line's baseline.
    public var baseline: Double
    public var lineCount: Int
    /// True when wrapping or `maxLines` cut the text and an ellipsis was drawn.
    public var isEllipsized: Bool
    /// Characters that no installed font covers: they would draw as boxes ("tofu").
    public var unknownGlyphs: Int

    public init(logical: Rect, baseline: Double, lineCount: Int, isEllipsized: Bool, unknownGlyphs: Int) {
        self.logical = logical; self.baseline = baseline; self.lineCount = lineCount
        self.isEllipsized = isEllipsized; self.unknownGlyphs = unknownGlyphs
    }

    public var size: Size { logical.size }
}

/// One laid-out line of a text block: where it starts in the text and where it sits.
public struct TextLine: Sendable, Hashable {
    /// Offset of the line's first byte in the block's UTF-8 text (markup removed).
    public var utf8Start: Int
    public var utf8Length: Int
    /// Top and height of the line's logical box, from the top of the block.
    public var top: Double
    public var height: Double
    public init(utf8Start: Int, utf8Length: Int, top: Double, height: Double) {
        self.utf8Start = utf8Start; self.utf8Length = utf8Length; self.top = top; self.height = height
    }
}

/// Measures text before it is drawn, so layout code can place boxes without overlap.
public protocol TextMeasurer {
    func measure(_ block: TextBlock) -> TextMetrics
    /// The lines Pango breaks the block into, so a page layout can cut a paragraph between lines.
    func lines(_ block: TextBlock) -> [TextLine]
}

extension TextMeasurer {
    /// One line holding everything: right for measurers that do not wrap.
    public func lines(_ block: TextBlock) -> [TextLine] {
        let m = measure(block)
        return [TextLine(utf8Start: 0, utf8Length: block.text.utf8.count, top: 0, height: m.logical.height)]
    }
}
