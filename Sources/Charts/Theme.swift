import Canvas

public enum ThemeName: String, Sendable, Codable, CaseIterable {
    /// Muted, print-friendly colours that stay apart on screens and projectors.
    case `default`
    /// Greys of clearly different lightness: reads on a black-and-white printer.
    case print
    /// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
    case colorblind
}

/// Colours and type sizes. Sizes are for a 576 x 360 pt figure and scale with the figure.
public struct Theme: Sendable, Hashable {
    public var palette: [Color]
    public var text: Color
    public var mutedText: Color
    public var grid: Color
    public var axis: Color
    public var background: Color
    public var fontFamilies: [String]
    public var titleSize = 15.0
    public var subtitleSize = 10.0
    public var labelSize = 9.0
    public var sourceSize = 8.0

    public static func named(_ name: ThemeName) -> Theme {
        let hex: [String]
        switch name {
        case .default:
            hex = ["#3A6EA5", "#E07B39", "#4F9D69", "#C44E52", "#8172B3", "#937860", "#D684BD", "#5F9EA0", "#B8A43C", "#8C8C8C"]
        case .print:
            hex = ["#1A1A1A", "#8C8C8C", "#4D4D4D", "#BFBFBF", "#666666", "#D9D9D9", "#333333", "#A6A6A6"]
        case .colorblind:
            hex = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
        }
        return Theme(
            palette: hex.compactMap { try? Color(hex: $0) },
            text: Color(red: 0.13, green: 0.15, blue: 0.18), mutedText: Color(red: 0.40, green: 0.43, blue: 0.47),
            grid: Color(red: 0.88, green: 0.89, blue: 0.91), axis: Color(red: 0.45, green: 0.47, blue: 0.50),
            background: .white, fontFamilies: defaultFontFamilies)
    }

    public func color(_ i: Int) -> Color { palette.isEmpty ? .black : palette[i % palette.count] }

    /// Text sizes are rounded to a quarter point, as type is set: figures of slightly different
    /// sizes (a briefing's figures, each fitted to its box) then share font sizes, and a build
    /// loads, measures and rasterizes each glyph for fewer of them.
    func style(_ size: Double, _ scale: Double, weight: FontWeight = .regular, color: Color? = nil) -> TextStyle {
        TextStyle(families: fontFamilies, size: (size * scale * 4).rounded() / 4, weight: weight, color: color ?? text)
    }
}

/// Figure sizes in points with the DPI their PNG is written at.
public enum SizePreset: Sendable, Hashable, Codable {
    /// 8 x 5 in at 200 dpi: 1600 x 1000 px. The default.
    case figure
    /// The text width of an A4 page with 20 mm margins, golden-ratio height.
    case a4
    /// 16:9 slide, 1920 x 1080 px.
    case slide
    /// 16:9 slide at 2x, 3840 x 2160 px (same layout, sharper).
    case slide2x
    /// 6 x 6 in at 200 dpi.
    case square
    case custom(width: Double, height: Double, dpi: Double)

    public var size: Size {
        switch self {
        case .figure: return Size(576, 360)
        case .a4: return Size(481.9, 297.8)
        case .slide, .slide2x: return Size(960, 540)
        case .square: return Size(432, 432)
        case .custom(let w, let h, _): return Size(w, h)
        }
    }

    public var dpi: Double {
        switch self {
        case .figure, .square, .a4: return 200
        case .slide: return 144
        case .slide2x: return 288
        case .custom(_, _, let d): return d
        }
    }

    /// `figure`, `a4`, `slide`, `slide2x`, `square`, or `WxH` / `WxH@DPI` in points.
    public init(parsing s: String) throws(ChartError) {
        switch s.lowercased() {
        case "figure": self = .figure
        case "a4": self = .a4
        case "slide": self = .slide
        case "slide2x", "slide@2x": self = .slide2x
        case "square": self = .square
        default:
            let parts = s.split(separator: "@")
            let wh = parts.first.map { $0.split(separator: "x") } ?? []
            guard wh.count == 2, let w = Double(wh[0]), let h = Double(wh[1]), w >= 72, h >= 72, w <= 14_400, h <= 14_400 else {
                throw .invalidOption(field: "size", why: "\"\(s)\" is not figure, a4, slide, slide2x, square or WIDTHxHEIGHT[@DPI] in points (72–14400)")
            }
            var dpi = 200.0
            if parts.count == 2 {
                guard let d = Double(parts[1]), d >= 36, d <= 1200 else {
                    throw .invalidOption(field: "size", why: "DPI in \"\(s)\" must be a number from 36 to 1200")
                }
                dpi = d
            }
            self = .custom(width: w, height: h, dpi: dpi)
        }
    }

    public var name: String {
        switch self {
        case .figure: return "figure"
        case .a4: return "a4"
        case .slide: return "slide"
        case .slide2x: return "slide2x"
        case .square: return "square"
        case .custom(let w, let h, let d): return "\(fmtPlain(w))x\(fmtPlain(h))@\(fmtPlain(d))"
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        do { try self.init(parsing: s) } catch { throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}

func fmtPlain(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
