import Canvas
import Foundation
import Testing
import TestSupport

/// The xref post-pass over cairo's PDFs, on a hand-made damaged file and on cairo's own output
/// with links both ways, outline entries and text. `qpdf --check` is the independent judge
/// where it is installed (make test installs it).
@Suite struct PDFCrossReferenceTests {
    /// A small PDF whose table lists object 3 at a stale offset (never written, as cairo 1.16
    /// does) and object 2 at a wrong offset although it is written.
    static func damaged() -> [UInt8] {
        var body = "%PDF-1.5\n"
        var offsets: [Int: Int] = [:]
        func obj(_ n: Int, _ text: String) {
            offsets[n] = body.utf8.count
            body += "\(n) 0 obj\n\(text)\nendobj\n"
        }
        obj(4, "<< /Length 0 >>\nstream\n\nendstream")
        obj(1, "<< /Type /Pages /Kids [ 2 0 R ] /Count 1 >>")
        obj(2, "<< /Type /Page /Parent 1 0 R /MediaBox [ 0 0 100 100 ] /Contents 4 0 R /Resources << >> /Annots [ 3 0 R ] >>")
        obj(5, "<< /Type /Catalog /Pages 1 0 R >>")
        let xref = body.utf8.count
        func entry(_ o: Int, _ g: Int, _ k: String) -> String {
            String(repeating: "0", count: 10 - String(o).count) + "\(o) " + String(repeating: "0", count: 5 - String(g).count) + "\(g) \(k) \n"
        }
        body += "xref\n0 6\n" + entry(0, 65535, "f") + entry(offsets[1]!, 0, "n")
        body += entry(offsets[4]!, 0, "n")  // object 2 listed where object 4 is
        body += entry(offsets[4]!, 0, "n")  // object 3 never written
        body += entry(offsets[4]!, 0, "n") + entry(offsets[5]!, 0, "n")
        body += "trailer\n<< /Size 6 /Root 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(body.utf8)
    }

    func qpdfWarnings(_ bytes: [UInt8]) throws -> String? {
        guard let qpdf = Tools.which("qpdf") else {
            print("skipped: qpdf is not installed (apt-get install qpdf); only the built-in check ran")
            return nil
        }
        let dir = Tools.temporaryFolder("xref")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/f.pdf"))
        let r = try Tools.run(qpdf, ["--check", dir + "/f.pdf"])
        let out = r.stdout + r.stderr
        return r.status == 0 && !out.contains("WARNING") ? "" : out
    }

    @Test func aNeverWrittenObjectBecomesFreeAndAMisplacedOneIsFound() throws {
        let bad = Self.damaged()
        #expect(try qpdfWarnings(bad).map { !$0.isEmpty } ?? true, "qpdf must see the hand-made damage")
        var fixed = bad
        let report = PDFCrossReference.repair(&fixed)
        #expect(report.checked)
        #expect(report.freed == [3])
        #expect(report.moved == [2])
        #expect(fixed.count == bad.count, "entries keep their width, so startxref stays right")
        #expect(PDFCrossReference.check(fixed).isClean)
        #expect(PDFCrossReference.repair(fixed) == fixed, "a second pass changes nothing")
        let table = String(decoding: fixed, as: UTF8.self)
        #expect(table.contains("0000000003 65535 f \n"), "object 0 heads the free list at object 3")
        #expect(table.contains("0000000000 00000 f \n"), "object 3 ends it")
        if let w = try qpdfWarnings(fixed) { #expect(w.isEmpty, "\(w)") }
    }

    @Test func somethingThatIsNotAClassicTableIsLeftAlone() {
        let notPDF = Array("hello, world".utf8)
        #expect(PDFCrossReference.repair(notPDF) == notPDF)
        #expect(!PDFCrossReference.check(notPDF).checked)
        var truncated = Self.damaged()
        truncated.removeLast(40)
        #expect(PDFCrossReference.repair(truncated) == truncated)
        #expect(PDFCrossReference.repair(Data(Self.damaged())) == Data(PDFCrossReference.repair(Self.damaged())))
    }

    /// Three pages, a contents link forward, a link back, a URI and bookmarks: cairo 1.16 damages
    /// the table and drops forward destinations unless the renderer works around both.
    @Test func cairoPDFWithLinksAndOutlinePassesQpdfAndEveryLinkHasATarget() throws {
        let m = PangoMeasurer()
        var pages: [Frame] = []
        for i in 0..<3 {
            var f = Frame(size: Size(300, 400))
            f.text(TextBlock("第\(i + 1)页 援疆资金", style: TextStyle(size: 12)), at: Point(20, 20), measurer: m)
            f.add(.outline(OutlineEntry(title: "第\(i + 1)节", level: 1, y: 20)))
            for target in 0..<3 where target != i {
                f.add(.link(Rect(x: 20, y: 60 + Double(target) * 20, width: 100, height: 16), .page(target, y: 30 + Double(target))))
            }
            f.add(.link(Rect(x: 20, y: 200, width: 100, height: 16), .uri("https://example.org/a'b")))
            pages.append(f)
        }
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let a = try Renderer.pdf(pages, metadata: PDFMetadata(title: "测试", date: date)).bytes
        let b = try Renderer.pdf(pages, metadata: PDFMetadata(title: "测试", date: date)).bytes
        #expect(a == b, "same frames and date, same bytes after the post-pass")
        let report = PDFCrossReference.check(a)
        #expect(report.checked && report.isClean, "\(report)")
        if let w = try qpdfWarnings(a) { #expect(w.isEmpty, "\(w)") }
        let text = String(decoding: a, as: UTF8.self)
        let links = text.components(separatedBy: "/Subtype /Link").count - 1
        #expect(links == 9, "six page links and three URIs")
        let named = Set(text.matches(of: /\/Dest \((p\d+y[0-9.]+)\)/).map { String($0.1) })
        #expect(named.count == 3, "each page is a target of the other two: \(named)")
        for n in named { #expect(text.contains("(\(n)) ["), "\(n) is in the /Dests name tree") }
        #expect(text.components(separatedBy: "/Dest (").count - 1 == 6, "every page link, forward ones included, has its destination")
    }
}
