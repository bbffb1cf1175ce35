import CCairo
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            pieces.deinitialize()
            pieces.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: bands) { b in
            let y0 = b * bandRows
            let rows = y0 ..< min(height, y0 + bandRows)
            pieces.initializeElement(at: b, to: compressBand(
                pixels, width: width, stride: stride, rows: rows, opaque: opaque, level: lvl, last: b == bands - 1))
        }
        var stream: [UInt8] = [0x78, lvl >= 6 ? 0x9C : (lvl >= 2 ? 0x5E : 0x01)]
        stream.reserveCapacity(2 + pieces.reduce(0) { $0 + $1.bytes.count } + 4)
        var adler = adler32(0, nil, 0)
        for piece in pieces {
            stream += piece.bytes
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

    /// One band's compressed bytes and the checksum of its input.
    struct Band {
        var bytes: [UInt8]
        var adler: UInt32
        var inputLength: Int
    }

    /// Filters `rows` (Up filter: each byte minus the one above, which for the band's first row is
    /// the image row above it) and deflates them as one raw deflate piece.
    ///
    /// The band's scratch memory (filtered rows, the worst-case output: ~700 KB for 64 rows of a
    /// 1600 px chart) is one block, freed when the band is done; only the compressed bytes are
    /// kept until the image is joined. (Each band's worst-case buffer used to stay allocated
    /// until then: 5 MB for a 1600 x 1000 chart.)
    static func compressBand(_ argb: UnsafeRawPointer, width: Int, stride: Int, rows: Range<Int>, opaque: Bool,
                             level: Int32, last: Bool) -> Band {
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        let lineBytes = rowBytes + 1
        let inputLength = lineBytes * rows.count
        // compressBound covers a whole zlib stream; each sync flush adds at most an empty stored
        // block and a partial byte, and a zero row costs ~rowBytes/20 bytes in our blocks.
        let capacity = Int(compressBound(uLong(inputLength))) + 16 + rows.count * (16 + rowBytes / 16)
        // One block of scratch memory: filtered rows, two converted rows, the output.
        let filteredBytes = (inputLength + 15) & ~15, rowsBytes = (rowBytes * 2 + 15) & ~15
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: filteredBytes + rowsBytes + capacity)
        defer { memory.deallocate() }
        let filtered = memory
        let scratch = memory + filteredBytes
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
        // Rows equal to the one above filter to a filter byte and zeros. Charts are mostly such
        // rows (margins, gaps between bars), so they are found by comparing the source rows
        // (memcmp, before any conversion) and are neither converted nor filtered.
        var zeroRow = [Bool](repeating: false, count: rows.count)
        let sourceRowBytes = width * 4
        for (i, y) in rows.enumerated() where y > 0 {
            zeroRow[i] = memcmp(argb.advanced(by: y * stride), argb.advanced(by: (y - 1) * stride), sourceRowBytes) == 0
        }
        if opaque {
            // Opaque pixels need no conversion state: subtract the pixel above channel by channel.
            for (i, y) in rows.enumerated() {
                let line = filtered + i * lineBytes
                line[0] = 2  // filter type Up
                let d = line + 1
                if zeroRow[i] {
                    d.initialize(repeating: 0, count: rowBytes)
                } else if y > 0 {
                    let src = argb.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)
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
                let line = filtered + i * lineBytes
                line[0] = 2  // filter type Up
                if zeroRow[i] {
                    // The same source row converts to the same bytes: `prev` already holds them.
                    (line + 1).initialize(repeating: 0, count: rowBytes)
                    continue
                }
                convert(y, into: cur)
                for j in 0..<rowBytes { line[1 + j] = cur[j] &- prev[j] }
                swap(&prev, &cur)
            }
        }
        // Rows that differ only where the filter cannot see (the unused byte of opaque pixels)
        // still filter to zeros; the scan stops at the first non-zero byte of a real change.
        for i in 0..<rows.count where !zeroRow[i] { zeroRow[i] = isZero(filtered + i * lineBytes + 1, count: rowBytes) }
        // zlib spends 60% of its time on zeros, so runs of zero rows are written as our own
        // fixed-Huffman blocks and only the other rows go to zlib.
        var adler = adler32(0, nil, 0)
        let zeroLineAdler = uLong((3 + 3 * UInt64(rowBytes)) % 65521) << 16 | 3  // Adler-32 of [2, 0 × rowBytes]

        let base = memory + filteredBytes + rowsBytes
        var stream = z_stream()
        // Only fails without memory for zlib's tables (a few hundred KB); the band is then empty.
        guard deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return Band(bytes: [], adler: UInt32(truncatingIfNeeded: adler), inputLength: inputLength)
        }
        defer { deflateEnd(&stream) }
        var produced = 0
        var zlibSinceReset = false
        var i = 0
        while i < rows.count {
            var j = i
            while j < rows.count, zeroRow[j] { j += 1 }
            if j - i >= minimumZeroRun {
                let isEnd = last && j == rows.count
                produced += FixedBlock.zeroLines(count: j - i, rowBytes: rowBytes, final: isEnd,
                                                 into: base + produced)
                for _ in i..<j { adler = adler32_combine(adler, zeroLineAdler, off_t(lineBytes)) }
                if zlibSinceReset || i == 0 {
                    // zlib's window no longer matches the stream: start it again from the row above.
                    deflateReset(&stream)
                    let dictionaryStart = max(0, j * lineBytes - lineBytes)
                    deflateSetDictionary(&stream, filtered + dictionaryStart, UInt32(j * lineBytes - dictionaryStart))
                    zlibSinceReset = false
                }
                i = j
                continue
            }
            // Rows for zlib: up to the next run of zero rows long enough to be worth cutting out.
            var k = i
            while k < rows.count {
                var z = k
                while z < rows.count, zeroRow[z] { z += 1 }
                if z - k >= minimumZeroRun { break }
                k = max(z, k + 1)
            }
            let start = filtered + i * lineBytes, length = (k - i) * lineBytes
            adler = adler32(adler, start, UInt32(length))
            stream.next_in = start
            stream.avail_in = UInt32(length)
            stream.next_out = base + produced
            stream.avail_out = UInt32(capacity - produced)
            _ = CCairo.deflate(&stream, last && k == rows.count ? Z_FINISH : Z_SYNC_FLUSH)
            produced = capacity - Int(stream.avail_out)
            zlibSinceReset = true
            i = k
        }
        return Band(bytes: Array(UnsafeBufferPointer(start: base, count: produced)), adler: UInt32(truncatingIfNeeded: adler),
                    inputLength: inputLength)
    }

    /// Shorter runs of zero rows are left to zlib: restarting it costs about as much as ~2 rows.
    static let minimumZeroRun = 3

    static func isZero(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) != 0 { return false }
            i += 8
        }
        while i < count {
            if p[i] != 0 { return false }
            i += 1
        }
        return true
    }

    /// Deflate blocks with the fixed Huffman code (RFC 1951, 3.2.6), for rows of zeros.
    enum FixedBlock {
        /// Writes `count` lines of [2 (filter Up), 0 × rowBytes] as one block, then (unless `final`)
        /// an empty stored block so the next block starts on a byte. Returns the bytes written.
        static func zeroLines(count: Int, rowBytes: Int, final: Bool, into out: UnsafeMutablePointer<UInt8>) -> Int {
            var w = BitWriter(out: out)
            w.bits(final ? 1 : 0, 1)
            w.bits(1, 2)  // BTYPE 01: fixed Huffman
            for _ in 0..<count {
                w.literal(2)
                w.literal(0)
                var left = rowBytes - 1  // the rest repeat the zero before them: distance 1, up to 258 at a time
                while left >= 3 {
                    let m = left > 258 ? 258 : left
                    w.length(m)
                    w.bits(0, 5)  // distance code 0 = distance 1, five bits, no extra
                    left -= m
                }
                for _ in 0..<left { w.literal(0) }
            }
            w.huffman(0, 7)  // end of block (symbol 256)
            if !final {
                w.bits(0, 3)  // BFINAL 0, BTYPE 00: stored, empty
                w.align()
                w.byte(0); w.byte(0); w.byte(0xFF); w.byte(0xFF)
            }
            w.align()
            return w.count
        }

        static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]

        struct BitWriter {
            let out: UnsafeMutablePointer<UInt8>
            var count = 0
            var buffer: UInt64 = 0
            var used = 0

            /// Extra bits and header fields: least significant bit first.
            mutating func bits(_ value: Int, _ n: Int) {
                buffer |= UInt64(value) << UInt64(used)
                used += n
                while used >= 8 { byte(UInt8(truncatingIfNeeded: buffer)); buffer >>= 8; used -= 8 }
            }

            /// Huffman codes: most significant bit first.
            mutating func huffman(_ code: Int, _ n: Int) {
                var reversed = 0
                for k in 0..<n where code & (1 << k) != 0 { reversed |= 1 << (n - 1 - k) }
                bits(reversed, n)
            }

            mutating func literal(_ v: Int) {
                if v < 144 { huffman(0x30 + v, 8) } else { huffman(0x190 + v - 144, 9) }
            }

            mutating func length(_ m: Int) {
                var code = lengthBase.count - 1
                while lengthBase[code] > m { code -= 1 }
                let symbol = 257 + code
                if symbol < 280 { huffman(symbol - 256, 7) } else { huffman(0xC0 + symbol - 280, 8) }
                if lengthExtra[code] > 0 { bits(m - lengthBase[code], lengthExtra[code]) }
            }

            /// A whole byte, written directly once the bit buffer is empty (or by `bits`).
            mutating func byte(_ b: UInt8) {
                out[count] = b
                count += 1
            }

            mutating func align() {
                if used > 0 {
                    out[count] = UInt8(truncatingIfNeeded: buffer)
                    count += 1
                    buffer = 0
                    used = 0
                }
            }
        }
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
