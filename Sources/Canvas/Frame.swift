/// A positioned piece of text in a frame. `origin` is the top-left of the layout box before
/// rotation; rotation turns the box about `origin`, clockwise in degrees.
public struct TextItem: Sendable, Hashable {
    public var block: TextBlock
    public var origin: Point
    public var rotation: Double
    /// The logical box Pango measured at layout time, relative to `origin` (its x is not 0 for
    /// centred or right-aligned wrapped text); kept so tests can check boxes without fonts.
    public var box: Rect

    public init(block: TextBlock, origin: Point, rotation: Double = 0, box: Rect) {
        self.block = block; self.origin = origin; self.rotation = rotation; self.box = box
    }

    /// The axis-aligned box the text occupies on the page.
    public var bounds: Rect {
        Transform.rotation(degrees: rotation).then(.translation(origin.x, origin.y)).apply(box)
    }
}

/// A raster image placed into a frame, e.g. a logo. `png` holds the encoded file.
public struct ImageItem: Sendable, Hashable {
    public var png: [UInt8]
    public var rect: Rect
    public init(png: [UInt8], rect: Rect) { self.png = png; self.rect = rect }
}

public enum LinkTarget: Sendable, Hashable {
    case uri(String)
    /// A page (0-based) and a y position on it, in points from the top.
    case page(Int, y: Double)
}

/// One entry of the PDF outline (bookmarks) that points into this frame.
public struct OutlineEntry: Sendable, Hashable {
    public var title: String
    /// 1 = top level.
    public var level: Int
    public var y: Double
    public init(title: String, level: Int, y: Double) { self.title = title; self.level = level; self.y = y }
}

/// A structure element of a tagged PDF: what the content inside it is (a heading, a paragraph,
/// a figure, a table cell), so screen readers and reflowing viewers read the page in order and
/// know a heading from body text. Drawn by cairo's structure tags; other formats ignore it.
public struct StructureTag: Sendable, Hashable {
    /// Standard PDF structure types (ISO 32000-1, 14.8.4).
    public enum Role: String, Sendable, Hashable {
        case document = "Document", part = "Part", h1 = "H1", h2 = "H2", h3 = "H3", h4 = "H4", paragraph = "P"
        case list = "L", listItem = "LI", label = "Lbl", listBody = "LBody"
        case figure = "Figure", caption = "Caption", table = "Table", row = "TR", headerCell = "TH", cell = "TD"
        case toc = "TOC", tocItem = "TOCI", note = "Note"

        /// `H1`–`H3` for heading levels 1–3 (`H4` below).
        public static func heading(_ level: Int) -> Role { level <= 1 ? .h1 : level == 2 ? .h2 : level == 3 ? .h3 : .h4 }
    }
    public var role: Role
    public init(_ role: Role) { self.role = role }
}

/// The closed set of things a frame can hold. Layout produces these; only the renderers in this
/// target turn them into Cairo calls.
public indirect enum FrameItem: Sendable, Hashable {
    case path(Path, fill: Color?, stroke: StrokeStyle?)
    case text(TextItem)
    case image(ImageItem)
    /// Items drawn under a transform and/or inside a clip path.
    case group([FrameItem], transform: Transform, clip: Path?)
    case link(Rect, LinkTarget)
    case outline(OutlineEntry)
    /// Items that form one structure element (tagged PDF), drawn as they are.
    case structure(StructureTag, [FrameItem])
}

extension FrameItem {
    /// The items with structure elements opened up (their contents in place), for code that
    /// looks at what is drawn rather than how it is tagged.
    public static func untagged(_ items: [FrameItem]) -> [FrameItem] {
        items.flatMap { i -> [FrameItem] in if case .structure(_, let sub) = i { return untagged(sub) } else { return [i] } }
    }
}

/// What a figure shows, in words, for readers who cannot see it: a title and a description
/// written from its data. SVG output carries them as `<title>`/`<desc>`.
public struct TextAlternative: Sendable, Hashable {
    public var title: String?
    public var description: String
    public init(title: String?, description: String) { self.title = title; self.description = description }
}

/// One page or one figure: a size, an optional background and a display list.
/// A frame is a plain value: build it anywhere, compare it in tests, render it to any format.
public struct Frame: Sendable, Hashable {
    public var size: Size
    /// `nil` or a transparent colour leaves PNG pixels transparent.
    public var background: Color?
    public var items: [FrameItem]
    /// The figure's text alternative, when the frame is a figure.
    public var alternative: TextAlternative?

    public init(size: Size, background: Color? = .white, items: [FrameItem] = []) {
        self.size = size; self.background = background; self.items = items
    }

    public var bounds: Rect { Rect(origin: .zero, size: size) }

    public mutating func fill(_ path: Path, _ color: Color) { items.append(.path(path, fill: color, stroke: nil)) }
    public mutating func stroke(_ path: Path, _ style: StrokeStyle) { items.append(.path(path, fill: nil, stroke: style)) }
    public mutating func add(_ item: FrameItem) { items.append(item) }

    /// Measures `block` and places it with its top-left at `origin`; returns the placed item.
    @discardableResult
    public mutating func text(_ block: TextBlock, at origin: Point, rotation: Double = 0, measurer: TextMeasurer) -> TextItem {
        let m = measurer.measure(block)
        let item = TextItem(block: block, origin: origin, rotation: rotation, box: m.logical)
        items.append(.text(item))
        return item
    }

    /// Every text item, with group transforms applied to its bounds, in drawing order.
    public var textBoxes: [(item: TextItem, bounds: Rect)] {
        var out: [(TextItem, Rect)] = []
        func walk(_ items: [FrameItem], _ t: Transform) {
            for i in items {
                switch i {
                case .text(let ti): out.append((ti, t.apply(ti.bounds)))
                case .group(let sub, let gt, _): walk(sub, gt.then(t))
                case .structure(_, let sub): walk(sub, t)
                default: break
                }
            }
        }
        walk(items, .identity)
        return out
    }
}
