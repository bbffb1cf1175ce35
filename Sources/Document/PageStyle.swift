import Canvas
import Charts

/// Paper, margins and type for the printed briefing. One family list serves body, headings,
/// figures and the PDF outline, so nothing falls back to a different face.
public struct PageStyle: Sendable, Hashable {
    public var pageSize: Size
    public var marginTop: Double
    public var marginBottom: Double
    public var marginLeft: Double
    public var marginRight: Double
    public var families: [String]
    public var bodySize: Double
    /// Pango line spacing factor for body text (Noto Sans CJK's natural line is already ~1.45 em).
    public var lineSpacing: Double
    public var theme: Theme

    /// A4 portrait, 2 cm side margins, 10.5 pt (五号) body text.
    public static let a4 = PageStyle(
        pageSize: Size(595.276, 841.89), marginTop: 68, marginBottom: 62, marginLeft: 62, marginRight: 62,
        families: defaultFontFamilies, bodySize: 10.5, lineSpacing: 1.12, theme: .named(.default))

    public var contentWidth: Double { pageSize.width - marginLeft - marginRight }
    public var contentTop: Double { marginTop }
    public var contentBottom: Double { pageSize.height - marginBottom }

    func text(_ size: Double, weight: FontWeight = .regular, color: Color? = nil) -> TextStyle {
        TextStyle(families: families, size: size, weight: weight, color: color ?? theme.text)
    }

    var body: TextStyle { var s = text(bodySize); s.lineHeight = lineSpacing; return s }
    var muted: Color { theme.mutedText }
    var accent: Color { theme.color(0) }
    /// Extra space at Han/Latin boundaries: a fifth of an em.
    var gap: Double { bodySize * 0.2 }

    func headingSize(_ level: Int) -> Double { level <= 1 ? 16 : level == 2 ? 13 : 11 }
}
