import Canvas
import Foundation
import Testing
import TestSupport

/// The specimen line from the issue, drawn as a figure would draw it.
func specimenFrame(background: Color? = .white) -> Frame {
    let m = PangoMeasurer()
    var f = Frame(size: Size(288, 72), background: background)
    let accent = (try? Color(hex: "#2F5D8A")) ?? .black
    f.fill(.roundedRect(Rect(x: 8, y: 8, width: 272, height: 56), radius: 8), Color(red: 0.93, green: 0.95, blue: 0.98))
    f.stroke(.line(from: Point(20, 56), to: Point(268, 56)), StrokeStyle(color: accent, width: 1, dash: [3, 2]))
    let block = TextBlock("援疆资金 8000万元 — 2015年1月", style: TextStyle(size: 16, weight: .medium, color: accent))
    let size = m.measure(block).logical.size
    f.text(block, at: Point((288 - size.width) / 2, (64 - size.height) / 2 + 2), measurer: m)
    return f
}

@Suite struct RenderTests {
    @Test func pngHasTheRequestedPixelsAndRecordsItsDPI() throws {
        let out = try Renderer.png(Frame(size: .figure8x5), options: RasterOptions(dpi: 200))
        let img = try RasterImage(png: out.bytes)
        #expect(img.width == 1600 && img.height == 1000)
        #expect(RasterImage.dpi(ofPNG: out.bytes) == 200)
        let at96 = try Renderer.png(Frame(size: .figure8x5), options: RasterOptions(dpi: 96))
        #expect(try RasterImage(png: at96.bytes).width == 768)
        #expect(RasterImage.dpi(ofPNG: at96.bytes) == 96)
    }

    @Test func specimenMatchesItsGoldenImage() throws {
        let out = try Renderer.png(specimenFrame(), options: RasterOptions(dpi: 200))
        #expect(out.warnings.isEmpty)
        let r = GoldenImage.check(out.bytes, named: "specimen")
        #expect(r.matches, "\(r.message)")
    }

    @Test func goldenComparisonCatchesAMovedLabel() throws {
        var moved = specimenFrame()
        moved.items = moved.items.map { item in
            guard case .text(var t) = item else { return item }
            t.origin.x += 12
            return .text(t)
        }
        let out = try Renderer.png(moved, options: RasterOptions(dpi: 200))
        let r = GoldenImage.check(out.bytes, named: "specimen")
        #expect(!r.matches)
        #expect(r.message.contains(".diff.png"))
    }

    @Test func transparentBackgroundKeepsAlpha() throws {
        let out = try Renderer.png(specimenFrame(background: nil), options: RasterOptions(dpi: 72))
        let img = try RasterImage(png: out.bytes)
        #expect(img.rgba[3] == 0, "corner pixel must be transparent")
        let mid = ((img.height / 2) * img.width + 10) * 4
        #expect(img.rgba[mid + 3] == 255, "the filled panel stays opaque")
    }

    @Test func pdfEmbedsNotoCJKAndKeepsTheTextSearchable() throws {
        let dir = Tools.temporaryFolder()
        let path = dir + "/specimen.pdf"
        try Renderer.write([specimenFrame()], to: path, metadata: PDFMetadata(title: "样张", author: "reportgen"))
        let pdftotext = try #require(Tools.which("pdftotext"), "poppler-utils missing: run `make test`, which installs it")
        let pdffonts = try #require(Tools.which("pdffonts"))
        let text = try Tools.run(pdftotext, [path, "-"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text == "援疆资金 8000万元 — 2015年1月")
        let fonts = try Tools.run(pdffonts, [path]).stdout
        let cjk = fonts.split(separator: "\n").filter { $0.contains("NotoSansCJK") }
        #expect(!cjk.isEmpty, "\(fonts)")
        for line in cjk {
            let cols = line.split(separator: " ")
            #expect(cols.count >= 5 && cols[cols.count - 5] == "yes", "font not embedded: \(line)")
        }
        let info = try Tools.run(try #require(Tools.which("pdfinfo")), [path]).stdout
        #expect(info.contains("样张") && info.contains("reportgen"))
    }

    @Test func svgIsWellFormedXMLOfTheFrameSize() throws {
        let out = try Renderer.svg(specimenFrame())
        let svg = String(decoding: out.bytes, as: UTF8.self)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("width=\"288pt\"") && svg.contains("height=\"72pt\""))
        #expect(svg.contains("</svg>"))
    }

    @Test func multiPagePDFWithOutlineLinksAndFixedDateIsReproducible() throws {
        let m = PangoMeasurer()
        var p1 = Frame(size: .a4Portrait), p2 = Frame(size: .a4Landscape)
        p1.text(TextBlock("第一章 资金"), at: Point(50, 50), measurer: m)
        p1.add(.outline(OutlineEntry(title: "第一章 资金", level: 1, y: 50)))
        p1.add(.outline(OutlineEntry(title: "1.1 天网工程", level: 2, y: 80)))
        p1.add(.link(Rect(x: 50, y: 50, width: 100, height: 20), .page(1, y: 40)))
        p2.text(TextBlock("第二章 电商"), at: Point(50, 40), measurer: m)
        p2.add(.outline(OutlineEntry(title: "第二章 电商", level: 1, y: 40)))
        let date = Date(timeIntervalSince1970: 1_450_000_000)
        let a = try Renderer.pdf([p1, p2], metadata: PDFMetadata(title: "报告", date: date))
        let b = try Renderer.pdf([p1, p2], metadata: PDFMetadata(title: "报告", date: date))
        #expect(a.bytes == b.bytes, "same frames and date must give identical PDFs")
        let dir = Tools.temporaryFolder()
        try AtomicFile.write(a.bytes, to: dir + "/two.pdf")
        let info = try Tools.run(try #require(Tools.which("pdfinfo")), [dir + "/two.pdf"]).stdout
        #expect(info.contains("Pages:") && info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 2") })
        #expect(info.contains("2015"), "creation date comes from the given date: \(info)")
        let raw = String(decoding: a.bytes, as: UTF8.self)
        #expect(raw.contains("/Outlines") && raw.contains("/Annots"))
    }

    @Test func writingToAMissingOrUnwritablePlaceNamesThePath() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/chart.png"
        do {
            try Renderer.write([specimenFrame()], to: missing)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(missing))
        }
        let dir = Tools.temporaryFolder()
        let fileAsFolder = dir + "/file"
        _ = FileManager.default.createFile(atPath: fileAsFolder, contents: Data([1]))
        #expect { try Renderer.write([specimenFrame()], to: fileAsFolder + "/x.pdf") } throws: { e in
            (e as? CanvasError)?.description.contains(fileAsFolder + "/x.pdf") == true
        }
        // /proc refuses new files even for root, so this holds however the tests are run.
        #expect { try Renderer.write([specimenFrame()], to: "/proc/reportgen-test.svg") } throws: { e in
            (e as? CanvasError)?.description.contains("/proc/reportgen-test.svg") == true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["file"], "no temporary files left behind")
    }

    @Test func badSizesAndFormatsAreErrorsNotCrashes() {
        #expect(throws: CanvasError.self) { try Renderer.png(Frame(size: Size(.nan, 10))) }
        #expect(throws: CanvasError.self) { try Renderer.png(Frame(size: Size(0, 10))) }
        #expect(throws: CanvasError.self) { try Renderer.png(Frame(size: Size(1e6, 1e6))) }
        #expect(throws: CanvasError.self) { try Renderer.pdf([]) }
        #expect(throws: CanvasError.unsupportedFormat(path: "x.gif")) { try OutputFormat(path: "x.gif") }
        #expect(throws: CanvasError.self) { try RasterImage(png: [1, 2, 3]) }
    }

    @Test func nonFiniteCoordinatesAreSkippedNotFatal() throws {
        var f = Frame(size: Size(100, 100))
        f.stroke(.polyline([Point(0, 0), Point(.nan, 5), Point(.infinity, 1), Point(100, 100)]), StrokeStyle(color: .black))
        f.fill(.circle(center: Point(50, 50), radius: .nan), .black)
        let out = try Renderer.png(f, options: RasterOptions(dpi: 72))
        let img = try RasterImage(png: out.bytes)
        let diag = (50 * img.width + 50) * 4
        #expect(img.rgba[diag] < 128, "the finite part of the line is still drawn")
    }

    @Test func embeddedPNGImagesAreDrawnScaled() throws {
        var red = Frame(size: Size(4, 4), background: Color(red: 1, green: 0, blue: 0))
        red.items = []
        let png = try Renderer.png(red, options: RasterOptions(dpi: 72)).bytes
        var f = Frame(size: Size(40, 40))
        f.add(.image(ImageItem(png: png, rect: Rect(x: 10, y: 10, width: 20, height: 20))))
        let img = try RasterImage(png: try Renderer.png(f, options: RasterOptions(dpi: 72)).bytes)
        let inside = (20 * img.width + 20) * 4, outside = (2 * img.width + 2) * 4
        #expect(img.rgba[inside] == 255 && img.rgba[inside + 1] == 0)
        #expect(img.rgba[outside + 1] == 255)
    }
}

@Suite struct TimestampTests {
    @Test func writesUTCSecondsInISO8601() {
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 1_450_000_000.9)) == "2015-12-13T09:46:40Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59Z")
    }
}
