import CCairo
import Dispatch

/// A PNG writer for cairo's ARGB32 surfaces.
///
/// cairo's own `write_to_png` spends most of a chart's time in zlib at level 6 with adaptive
/// filtering and cannot record a DPI. Charts are large flat areas: the Up filter plus a low zlib
/// level compresses them nearly as well at a fraction of the time, and we add a pHYs chunk so slide
/// and word processors size the image right. No time chunk is written, so output is reproducible.
enum PNGEncoder {
    /// Rows per independently compressed band. Fixed, so the bytes never depend on the number
    /// of cores; 64 rows of a 1600 px chart are ~300 KB, which stays in cache while it is filtered
    /// and compressed, and costs under 0.1% in size for the dictionary restarting at each band.
    static let bandRows = 64

    static func encode(argb: UnsafeRawPointer, width: Int, height: Int, stride: Int, opaque: Bool,
                       dpi: Double, level: Int32) -> [UInt8] {
        let lvl = min(max(level, 0), 9)
        let bands = max(1, (height + bandRows - 1) / bandRows)
        // Bands are filtered and deflated side by side (pigz's scheme): each is a raw deflate
        // stream ended by a sync flush, the last by the final block, and the checksums combine.
        nonisolated(unsafe) let pixels = argb
        nonisolated(unsafe) let pieces = UnsafeMutableBufferPointer<Band>.allocate(capacity: bands)
        defer {
            for i in 0..<bands { pieces[i].bytes.deallocate() }
            pieces.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: bands) { b in
            let y0 = b * bandRows
            let rows = y0 ..< min(height, y0 + bandRows)
            pieces.initializeElement(at: b, to: compressBand(
                pixels, width: width, stride: stride, rows: rows, opaque: opaque, level: lvl, last: b == bands - 1))
        }
        var stream: [UInt8] = [0x78, lvl >= 6 ? 0x9C : (lvl >= 2 ? 0x5E : 0x01)]
        stream.reserveCapacity(2 + pieces.reduce(0) { $0 + $1.count } + 4)
        var adler = adler32(0, nil, 0)
        for piece in pieces {
            stream.append(contentsOf: UnsafeBufferPointer(start: piece.bytes.baseAddress, count: piece.count))
            adler = adler32_combine(adler, uLong(piece.adler), off_t(piece.inputLength))
        }
        stream.appendBE(UInt32(truncatingIfNeeded: adler))

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(stream.count + 80)
        var ihdr: [UInt8] = []
        ihdr.appendBE(UInt32(width)); ihdr.appendBE(UInt32(height))
        ihdr += [8, opaque ? 2 : 6, 0, 0, 0]
        chunk("IHDR", ihdr, into: &png)
        let ppm = UInt32((dpi / 0.0254).rounded())
        var phys: [UInt8] = []
        phys.appendBE(ppm); phys.appendBE(ppm); phys.append(1)
        chunk("pHYs", phys, into: &png)
        chunk("IDAT", stream, into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    /// One band's compressed bytes (`count` of `bytes` are used) and the checksum of its input.
    struct Band {
        var bytes: UnsafeMutableBufferPointer<UInt8>
        var count: Int
        var adler: UInt32
        var inputLength: Int
    }

    /// Filters `rows` (Up filter: each byte minus the one above, which for the band's first row is
    /// the image row above it) and deflates them as one raw deflate piece.
    static func compressBand(_ argb: UnsafeRawPointer, width: Int, stride: Int, rows: Range<Int>, opaque: Bool,
                             level: Int32, last: Bool) -> Band {
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        let lineBytes = rowBytes + 1
        let filtered = UnsafeMutablePointer<UInt8>.allocate(capacity: lineBytes * rows.count)
        defer { filtered.deallocate() }
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes * 2)
        defer { scratch.deallocate() }
        var prev = scratch, cur = scratch + rowBytes
        // Plain pointers throughout: this loop touches every pixel of every chart.
        func convert(_ y: Int, into dst: UnsafeMutablePointer<UInt8>) {
            let src = argb.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
            if opaque {
                for x in 0..<width {
                    let p = src[x]
                    dst[x * 3] = UInt8(truncatingIfNeeded: p >> 16)
                    dst[x * 3 + 1] = UInt8(truncatingIfNeeded: p >> 8)
                    dst[x * 3 + 2] = UInt8(truncatingIfNeeded: p)
                }
            } else {
                for x in 0..<width {
                    let p = src[x]
                    let a = UInt32(p >> 24)
                    var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                    if a != 0 && a != 255 {  // cairo stores premultiplied alpha; PNG wants straight
                        r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
                    }
                    dst[x * 4] = UInt8(min(r, 255)); dst[x * 4 + 1] = UInt8(min(g, 255))
                    dst[x * 4 + 2] = UInt8(min(b, 255)); dst[x * 4 + 3] = UInt8(a)
                }
            }
        }
        if opaque {
            // Opaque pixels need no conversion state: subtract the pixel above channel by channel.
            for (i, y) in rows.enumerated() {
                let src = argb.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
                let line = filtered + i * lineBytes
                line[0] = 2  // filter type Up
                let d = line + 1
                if y > 0 {
                    let up = argb.advanced(by: (y - 1) * stride).assumingMemoryBound(to: UInt32.self)
                    for x in 0..<width {
                        let p = src[x], q = up[x]
                        d[x * 3] = UInt8(truncatingIfNeeded: p >> 16) &- UInt8(truncatingIfNeeded: q >> 16)
                        d[x * 3 + 1] = UInt8(truncatingIfNeeded: p >> 8) &- UInt8(truncatingIfNeeded: q >> 8)
                        d[x * 3 + 2] = UInt8(truncatingIfNeeded: p) &- UInt8(truncatingIfNeeded: q)
                    }
                } else {
                    convert(y, into: d)
                }
            }
        } else {
            if rows.lowerBound > 0 { convert(rows.lowerBound - 1, into: prev) } else { prev.initialize(repeating: 0, count: rowBytes) }
            for (i, y) in rows.enumerated() {
                convert(y, into: cur)
                let line = filtered + i * lineBytes
                line[0] = 2  // filter type Up
                for j in 0..<rowBytes { line[1 + j] = cur[j] &- prev[j] }
                swap(&prev, &cur)
            }
        }
        let inputLength = lineBytes * rows.count
        let adler = UInt32(truncatingIfNeeded: adler32(adler32(0, nil, 0), filtered, UInt32(inputLength)))

        // compressBound covers a whole zlib stream; a sync flush adds at most an empty stored
        // block (5 bytes) and a partial byte, so 16 spare bytes leave room for either ending.
        let capacity = Int(compressBound(uLong(inputLength))) + 16
        let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        var strm = z_stream()
        // Only fails without memory for zlib's tables (a few hundred KB); the band is then empty.
        guard deflateInit2_(&strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return Band(bytes: out, count: 0, adler: adler, inputLength: inputLength)
        }
        defer { deflateEnd(&strm) }
        strm.next_in = filtered
        strm.avail_in = UInt32(inputLength)
        strm.next_out = out.baseAddress
        strm.avail_out = UInt32(capacity)
        _ = CCairo.deflate(&strm, last ? Z_FINISH : Z_SYNC_FLUSH)
        return Band(bytes: out, count: capacity - Int(strm.avail_out), adler: adler, inputLength: inputLength)
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
}

extension Array where Element == UInt8 {
    mutating func appendBE(_ v: UInt32) {
        append(UInt8(v >> 24)); append(UInt8((v >> 16) & 0xFF)); append(UInt8((v >> 8) & 0xFF)); append(UInt8(v & 0xFF))
    }
}
