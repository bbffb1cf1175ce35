import CCairo

/// A PNG writer for cairo's ARGB32 surfaces.
///
/// cairo's own `write_to_png` spends most of a chart's time in zlib at level 6 with adaptive
/// filtering and cannot record a DPI. Charts are large flat areas: the Up filter plus a low zlib
/// level compresses them nearly as well at a fraction of the time, and we add a pHYs chunk so slide
/// and word processors size the image right. No time chunk is written, so output is reproducible.
enum PNGEncoder {
    static func encode(argb: UnsafeRawPointer, width: Int, height: Int, stride: Int, opaque: Bool,
                       dpi: Double, level: Int32) -> [UInt8] {
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        // Filtered scanlines: one filter byte, then the row as differences from the row above.
        // Plain pointers throughout: this loop touches every pixel of every chart.
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes * 2)
        rows.initialize(repeating: 0, count: rowBytes * 2)
        defer { rows.deallocate() }
        var prev = rows, cur = rows + rowBytes
        raw.withUnsafeMutableBufferPointer { outBuf in
            guard let out = outBuf.baseAddress else { return }
            for y in 0..<height {
                let src = argb.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
                if opaque {
                    for x in 0..<width {
                        let p = src[x]
                        cur[x * 3] = UInt8(truncatingIfNeeded: p >> 16)
                        cur[x * 3 + 1] = UInt8(truncatingIfNeeded: p >> 8)
                        cur[x * 3 + 2] = UInt8(truncatingIfNeeded: p)
                    }
                } else {
                    for x in 0..<width {
                        let p = src[x]
                        let a = UInt32(p >> 24)
                        var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                        if a != 0 && a != 255 {  // cairo stores premultiplied alpha; PNG wants straight
                            r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
                        }
                        cur[x * 4] = UInt8(min(r, 255)); cur[x * 4 + 1] = UInt8(min(g, 255))
                        cur[x * 4 + 2] = UInt8(min(b, 255)); cur[x * 4 + 3] = UInt8(a)
                    }
                }
                let line = out + y * (rowBytes + 1)
                line[0] = 2  // filter type Up
                for i in 0..<rowBytes { line[1 + i] = cur[i] &- prev[i] }
                swap(&prev, &cur)
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr.appendBE(UInt32(width)); ihdr.appendBE(UInt32(height))
        ihdr += [8, opaque ? 2 : 6, 0, 0, 0]
        chunk("IHDR", ihdr, into: &png)
        let ppm = UInt32((dpi / 0.0254).rounded())
        var phys: [UInt8] = []
        phys.appendBE(ppm); phys.appendBE(ppm); phys.append(1)
        chunk("pHYs", phys, into: &png)
        chunk("IDAT", deflate(raw, level: level), into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        out.appendBE(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        var crc = crc32(0, nil, 0)
        typeBytes.withUnsafeBufferPointer { crc = crc32(crc, $0.baseAddress, 4) }
        data.withUnsafeBufferPointer { crc = crc32(crc, $0.baseAddress, UInt32($0.count)) }
        out += typeBytes
        out += data
        out.appendBE(UInt32(truncatingIfNeeded: crc))
    }

    static func deflate(_ input: [UInt8], level: Int32) -> [UInt8] {
        var strm = z_stream()
        let lvl = min(max(level, 0), 9)
        guard deflateInit2_(&strm, lvl, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&strm) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&strm, UInt(input.count))))
        // zlib reads `next_in` without writing it; borrowing the bytes avoids copying the image.
        let produced: Int = input.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                strm.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                strm.avail_in = UInt32(inBuf.count)
                strm.next_out = outBuf.baseAddress
                strm.avail_out = UInt32(outBuf.count)
                _ = CCairo.deflate(&strm, Z_FINISH)
                return outBuf.count - Int(strm.avail_out)
            }
        }
        out.removeSubrange(produced...)
        return out
    }
}

extension Array where Element == UInt8 {
    mutating func appendBE(_ v: UInt32) {
        append(UInt8(v >> 24)); append(UInt8((v >> 16) & 0xFF)); append(UInt8((v >> 8) & 0xFF)); append(UInt8(v & 0xFF))
    }
}
