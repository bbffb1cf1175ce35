/// A vector path in points, recorded as elements so frames stay plain values.
public struct Path: Sendable, Hashable {
    public enum Element: Sendable, Hashable {
        case move(Point)
        case line(Point)
        case curve(Point, Point, Point)
        /// Angles in radians, measured clockwise from the +x axis (y is down).
        case arc(center: Point, radius: Double, start: Double, end: Double, clockwise: Bool)
        case close
    }

    public private(set) var elements: [Element] = []

    public init() {}
    public init(_ elements: [Element]) { self.elements = elements }

    public var isEmpty: Bool { elements.isEmpty }

    public mutating func move(to p: Point) { elements.append(.move(p)) }
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    public mutating func curve(to p: Point, control1: Point, control2: Point) {
        elements.append(.curve(control1, control2, p))
    }
    public mutating func arc(center: Point, radius: Double, start: Double, end: Double, clockwise: Bool = true) {
        elements.append(.arc(center: center, radius: radius, start: start, end: end, clockwise: clockwise))
    }
    public mutating func close() { elements.append(.close) }
    public mutating func append(_ other: Path) { elements.append(contentsOf: other.elements) }

    public static func line(from a: Point, to b: Point) -> Path { Path([.move(a), .line(b)]) }

    public static func polyline(_ points: [Point], closed: Bool = false) -> Path {
        var p = Path()
        for (i, pt) in points.enumerated() { i == 0 ? p.move(to: pt) : p.line(to: pt) }
        if closed && !points.isEmpty { p.close() }
        return p
    }

    public static func rect(_ r: Rect) -> Path {
        polyline([Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)], closed: true)
    }

    /// A rectangle with circular corners; the radius is clamped to half the shorter side.
    public static func roundedRect(_ r: Rect, radius: Double) -> Path {
        let rad = max(0, min(radius, r.width / 2, r.height / 2))
        if rad == 0 { return rect(r) }
        var p = Path()
        let h = Double.pi / 2
        p.move(to: Point(r.minX + rad, r.minY))
        p.arc(center: Point(r.maxX - rad, r.minY + rad), radius: rad, start: -h, end: 0)
        p.arc(center: Point(r.maxX - rad, r.maxY - rad), radius: rad, start: 0, end: h)
        p.arc(center: Point(r.minX + rad, r.maxY - rad), radius: rad, start: h, end: 2 * h)
        p.arc(center: Point(r.minX + rad, r.minY + rad), radius: rad, start: 2 * h, end: 3 * h)
        p.close()
        return p
    }

    public static func circle(center: Point, radius: Double) -> Path {
        var p = Path()
        p.move(to: Point(center.x + radius, center.y))
        p.arc(center: center, radius: radius, start: 0, end: 2 * .pi)
        p.close()
        return p
    }

    /// An annular sector (a donut slice) between two radii; angles clockwise from 12 o'clock
    /// would be `start - π/2`: callers pass cairo angles (clockwise from 3 o'clock).
    public static func annularSector(center: Point, innerRadius: Double, outerRadius: Double, start: Double, end: Double) -> Path {
        var p = Path()
        p.move(to: Point(center.x + outerRadius * cosine(start), center.y + outerRadius * sine(start)))
        p.arc(center: center, radius: outerRadius, start: start, end: end, clockwise: true)
        if innerRadius > 0 {
            p.line(to: Point(center.x + innerRadius * cosine(end), center.y + innerRadius * sine(end)))
            p.arc(center: center, radius: innerRadius, start: end, end: start, clockwise: false)
        } else {
            p.line(to: center)
        }
        p.close()
        return p
    }

    /// A conservative bounding box (arcs contribute their full circle's box).
    public var bounds: Rect? {
        var xs: [Double] = [], ys: [Double] = []
        for e in elements {
            switch e {
            case .move(let p), .line(let p): xs.append(p.x); ys.append(p.y)
            case .curve(let a, let b, let c): xs += [a.x, b.x, c.x]; ys += [a.y, b.y, c.y]
            case .arc(let c, let r, _, _, _): xs += [c.x - r, c.x + r]; ys += [c.y - r, c.y + r]
            case .close: break
            }
        }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

public enum LineCap: String, Sendable, Hashable, Codable { case butt, round, square }
public enum LineJoin: String, Sendable, Hashable, Codable { case miter, round, bevel }

public struct StrokeStyle: Sendable, Hashable {
    public var color: Color
    public var width: Double
    /// Dash lengths in points; empty draws a solid line.
    public var dash: [Double]
    public var dashOffset: Double
    public var cap: LineCap
    public var join: LineJoin

    public init(color: Color, width: Double = 1, dash: [Double] = [], dashOffset: Double = 0,
                cap: LineCap = .butt, join: LineJoin = .miter) {
        self.color = color; self.width = width; self.dash = dash; self.dashOffset = dashOffset
        self.cap = cap; self.join = join
    }
}
