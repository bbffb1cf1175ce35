import Canvas
import Testing

/// The PNG encoder writes runs of unchanged rows as its own deflate blocks and the rest through
/// zlib, in 64-row bands. Images are built to hit every seam: runs shorter and longer than the
/// cut-off, runs that start or end a band or the image, and row lengths whose zeros do not divide
/// into 258-byte matches. libpng (through cairo) must read back exactly the pixels written.
@Suite struct PNGEncoderTests {
    /// Rows in runs of these lengths, each run a different colour, with a noisy row between some.
    static let runs = [1, 2, 3, 4, 1, 64, 5, 70, 2, 3, 61, 129]

    func image(width: Int) -> RasterImage {
        var rgba: [UInt8] = []
        var state: UInt32 = 0x1234_5678
        func next() -> UInt8 {
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        for (k, n) in Self.runs.enumerated() {
            let colour: [UInt8] = [UInt8(k * 20), UInt8(255 - k * 20), UInt8(k * 7), 255]
            for _ in 0..<n {
                for _ in 0..<width { rgba += colour }
            }
            if k % 3 == 1 {  // a row that changes everywhere
                for _ in 0..<width { rgba += [next(), next(), next(), next() > 128 ? 255 : 0] }
            }
        }
        return RasterImage(width: width, height: rgba.count / 4 / width, rgba: rgba)
    }

    @Test(arguments: [1, 2, 86, 87, 345, 601])
    func transparentImagesRoundTripExactly(width: Int) throws {
        var img = image(width: width)
        // Fully transparent pixels come back as zeros whatever colour they had.
        for i in stride(from: 0, to: img.rgba.count, by: 4) where img.rgba[i + 3] == 0 {
            img.rgba[i] = 0; img.rgba[i + 1] = 0; img.rgba[i + 2] = 0
        }
        let back = try RasterImage(png: img.pngData())
        #expect(back.width == img.width && back.height == img.height)
        #expect(back.rgba == img.rgba)
    }

    /// The opaque path (RGB rows filtered straight from cairo's pixels), through the renderer.
    @Test(arguments: [1, 87, 345, 1600])
    func opaqueStripesRoundTripExactly(width: Int) throws {
        var frame = Frame(size: Size(Double(width), 1), background: .white)
        var y = 0.0
        var expected: [[UInt8]] = []
        for (k, n) in Self.runs.enumerated() {
            let c = Color(red: Double(k * 20) / 255, green: Double(255 - k * 20) / 255, blue: Double(k * 7) / 255)
            frame.fill(.rect(Rect(x: 0, y: y, width: Double(width), height: Double(n))), c)
            expected += Array(repeating: [UInt8(k * 20), UInt8(255 - k * 20), UInt8(k * 7)], count: n)
            y += Double(n)
        }
        frame.size = Size(Double(width), y)
        let png = try Renderer.png(frame, options: RasterOptions(dpi: 72))
        let back = try RasterImage(png: png.bytes)
        #expect(back.width == width && back.height == expected.count)
        var wrong = 0
        for row in 0..<back.height {
            for x in 0..<back.width {
                let i = (row * back.width + x) * 4
                if Array(back.rgba[i..<(i + 3)]) != expected[row] || back.rgba[i + 3] != 255 { wrong += 1 }
            }
        }
        #expect(wrong == 0, "\(wrong) pixels differ")
    }
}
