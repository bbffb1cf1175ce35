import Canvas
@testable import Document
import Foundation
import Testing
import TestSupport

/// The Markdown and the Word document embed the same figure PNGs, drawn once per build even
/// when the two formats are written on different threads at the same time.
@Suite struct FigureRastersTests {
    let date = Date(timeIntervalSince1970: 1_454_284_800)

    @Test func markdownAndWordShareOneDrawingOfEachFigure() throws {
        let doc = DocFixtures.long
        let rasters = FigureRasters()
        let md = try MarkdownWriter.markdown(doc, stem: "b", measurer: PangoMeasurer(), rasters: rasters)
        #expect(rasters.drawCount == doc.figures.count)
        let docx = try DOCXWriter.docx(doc, measurer: PangoMeasurer(), date: date, rasters: rasters).bytes
        #expect(rasters.drawCount == doc.figures.count, "the Word document reuses the Markdown's images")
        // The same bytes as a Word document that drew its own figures.
        #expect(docx == (try DOCXWriter.docx(doc, measurer: PangoMeasurer(), date: date).bytes))
        // Each image is a 144 dpi PNG (pHYs 5669 px/m) as wide as the content at two pixels per point.
        for img in md.images {
            let b = img.png
            #expect(b.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            let width = b[16..<20].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == Int((PageStyle.a4.contentWidth * 2).rounded()), "\(img.name) is \(width) px wide")
            let phys = b[41..<45].reduce(0) { $0 << 8 | Int($1) }
            #expect(String(decoding: b[37..<41], as: UTF8.self) == "pHYs" && phys == 5669)
        }
    }

    @Test func threadsAskingAtOnceGetTheSameImagesDrawnOnce() throws {
        let doc = DocFixtures.long
        let rasters = FigureRasters()
        let results = Locked<[[[UInt8]]]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let imgs = try? rasters.images(doc.figures, size: { FigureFrames.size($0, width: 400) }, dpi: 72, measurer: PangoMeasurer())
            results.update { $0.append(imgs?.map(\.png) ?? []) }
        }
        let all = results.value
        #expect(all.count == 4 && all.allSatisfy { $0.count == doc.figures.count && !$0.contains([]) })
        #expect(Set(all).count == 1, "every thread got the same bytes")
        #expect(rasters.drawCount == doc.figures.count, "each figure drawn once, not once per thread")
        // Another size is another picture.
        _ = try rasters.images(doc.figures, size: { FigureFrames.size($0, width: 300) }, dpi: 72, measurer: PangoMeasurer())
        #expect(rasters.drawCount == 2 * doc.figures.count)
    }

    @Test func aFigureThatCannotBeDrawnFailsEveryFormatThatAsks() throws {
        var doc = DocFixtures.long
        guard let i = doc.blocks.firstIndex(where: { if case .figure = $0 { return true } else { return false } }),
              case .figure(var f) = doc.blocks[i] else { Issue.record("the fixture has no figure"); return }
        f.id = "huge"
        doc.blocks[i] = .figure(f)
        let rasters = FigureRasters()
        // 20001 px a side is over the raster limit: an error naming the figure, for each caller.
        for _ in 0..<2 {
            #expect(throws: DocumentError.self) {
                _ = try rasters.images([f], size: { _ in Size(20_001, 100) }, dpi: 72, measurer: PangoMeasurer())
            }
        }
        do {
            _ = try rasters.images([f], size: { _ in Size(20_001, 100) }, dpi: 72, measurer: PangoMeasurer())
        } catch { #expect(error.description.contains("huge")) }
    }
}

/// A value shared between the threads of a test.
final class Locked<T>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    var value: T { lock.lock(); defer { lock.unlock() }; return v }
    func update(_ f: (inout T) -> Void) { lock.lock(); f(&v); lock.unlock() }
}
