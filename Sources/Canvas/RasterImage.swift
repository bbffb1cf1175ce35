import CCairo

/// A decoded PNG as straight-alpha RGBA bytes: for golden-image tests and for reading back output.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major RGBA, 4 bytes a pixel, alpha not premultiplied.
    public var rgba: [UInt8]

    public init(width: Int, height: Int, rgba: [UInt8]) {
        self.width = width; self.height = height; self.rgba = rgba
    }

    public init(png: [UInt8]) throws(CanvasError) {
        let surface = try Self.cairoSurface(fromPNG: png)
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        var px = [UInt8](repeating: 0, count: width * height * 4)
        if let data = cairo_image_surface_get_data(surface) {
            for y in 0..<height {
                for x in 0..<width {
                    let o = y * stride + x * 4
                    let b = UInt32(data[o]), g = UInt32(data[o + 1]), r = UInt32(data[o + 2])
                    let a = format == CAIRO_FORMAT_ARGB32 ? UInt32(data[o + 3]) : 255
                    let unp = { (c: UInt32) -> UInt8 in a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a)) }
                    let i = (y * width + x) * 4
                    px[i] = unp(r); px[i + 1] = unp(g); px[i + 2] = unp(b); px[i + 3] = UInt8(a)
                }
            }
        }
        rgba = px
    }

    /// PNG bytes of this image (72 dpi), e.g. a diff image for a failed test.
    public func pngData() -> [UInt8] {
        var argb = [UInt32](repeating: 0, count: width * height)
        for i in 0..<(width * height) {
            let a = UInt32(rgba[i * 4 + 3])
            let pm = { (c: UInt8) -> UInt32 in (UInt32(c) * a + 127) / 255 }
            argb[i] = a << 24 | pm(rgba[i * 4]) << 16 | pm(rgba[i * 4 + 1]) << 8 | pm(rgba[i * 4 + 2])
        }
        return argb.withUnsafeBytes {
            PNGEncoder.encode(argb: $0.baseAddress!, width: width, height: height, stride: width * 4,
                              opaque: false, dpi: 72, level: 6)
        }
    }

    /// The DPI recorded in a PNG's pHYs chunk, if any.
    public static func dpi(ofPNG png: [UInt8]) -> Double? {
        var i = 8
        while i + 8 <= png.count {
            let len = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            if type == "pHYs", i + 8 + 9 <= png.count, png[i + 16] == 1 {
                let ppm = Int(png[i + 8]) << 24 | Int(png[i + 9]) << 16 | Int(png[i + 10]) << 8 | Int(png[i + 11])
                return (Double(ppm) * 0.0254 * 10).rounded() / 10  // pixels per metre are whole numbers
            }
            if type == "IDAT" || type == "IEND" { return nil }
            i += 12 + len
        }
        return nil
    }

    /// Decodes PNG bytes into a cairo image surface the caller must destroy.
    static func cairoSurface(fromPNG png: [UInt8]) throws(CanvasError) -> OpaquePointer {
        guard png.count > 8, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw .invalidImage("not a PNG file (\(png.count) bytes, no PNG signature)")
        }
        let reader = ByteReader(bytes: png)
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(readerRead, Unmanaged.passUnretained(reader).toOpaque())
        }
        guard let surface else { throw .invalidImage("cairo could not decode it") }
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(surface)
            throw .invalidImage(String(cString: cairo_status_to_string(status)))
        }
        return surface
    }
}

final class ByteReader {
    let bytes: [UInt8]
    var offset = 0
    init(bytes: [UInt8]) { self.bytes = bytes }
}

private let readerRead: cairo_read_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
    let r = Unmanaged<ByteReader>.fromOpaque(closure).takeUnretainedValue()
    let n = Int(length)
    guard r.offset + n <= r.bytes.count else { return CAIRO_STATUS_READ_ERROR }
    r.bytes.withUnsafeBufferPointer { src in
        data.update(from: src.baseAddress!.advanced(by: r.offset), count: n)
    }
    r.offset += n
    return CAIRO_STATUS_SUCCESS
}
