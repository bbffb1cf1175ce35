import Canvas
import Foundation

/// A 16:9 slide deck: a title slide with the key figures, then one slide per figure (title, the
/// chart as a 2x PNG, the source line). Plain OOXML that PowerPoint, Keynote and LibreOffice open.
public enum PPTXWriter {
    static let emuPerPoint = 12_700.0
    static let slideW = 960.0, slideH = 540.0  // points: 13.333 x 7.5 in

    public static func pptx(_ doc: BriefingDocument, measurer: TextMeasurer, date: Date) throws(DocumentError) -> (bytes: [UInt8], warnings: [String]) {
        var slides: [String] = []
        var media: [[UInt8]] = []
        var warnings: [String] = []
        slides.append(titleSlide(doc))
        for (i, f) in doc.figures.enumerated() {
            let box = Size(slideW - 2 * 48, slideH - 96 - 64)
            let (frame, w) = try FigureFrames.frame(f, size: box, measurer: measurer, orientation: .horizontal, dpi: 144)
            warnings += w
            let png: [UInt8]
            do { png = try Renderer.png(frame, options: RasterOptions(dpi: 144)).bytes } catch {  // 2x a 72 dpi slide
                throw .figure(id: f.id, message: error.description)
            }
            media.append(png)
            slides.append(figureSlide(f, number: i + 1, image: media.count, box: box))
        }
        var files: [(String, [UInt8])] = []
        files.append(("[Content_Types].xml", xml(contentTypes(slides.count))))
        files.append(("_rels/.rels", xml(rootRels)))
        files.append(("docProps/core.xml", xml(core(doc, date))))
        files.append(("docProps/app.xml", xml(app(slides.count))))
        files.append(("ppt/presentation.xml", xml(presentation(slides.count))))
        files.append(("ppt/_rels/presentation.xml.rels", xml(presentationRels(slides.count))))
        files.append(("ppt/slideMasters/slideMaster1.xml", xml(master)))
        files.append(("ppt/slideMasters/_rels/slideMaster1.xml.rels", xml(rels([
            ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"), ("rId2", "theme", "../theme/theme1.xml")]))))
        files.append(("ppt/slideLayouts/slideLayout1.xml", xml(layout)))
        files.append(("ppt/slideLayouts/_rels/slideLayout1.xml.rels", xml(rels([("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")]))))
        files.append(("ppt/theme/theme1.xml", xml(theme)))
        var imageNo = 0
        for (i, s) in slides.enumerated() {
            files.append(("ppt/slides/slide\(i + 1).xml", xml(s)))
            var r = [("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml")]
            if i > 0 { imageNo += 1; r.append(("rId2", "image", "../media/image\(imageNo).png")) }
            files.append(("ppt/slides/_rels/slide\(i + 1).xml.rels", xml(rels(r))))
        }
        for (i, m) in media.enumerated() { files.append(("ppt/media/image\(i + 1).png", m)) }
        return (try zip(files, date: date), warnings)
    }

    static func zip(_ files: [(String, [UInt8])], date: Date) throws(DocumentError) -> [UInt8] {
        try OOXMLPackage.zip(files, date: date, what: "PPTX")
    }

    static func xml(_ s: String) -> [UInt8] { OOXMLPackage.xml(s) }
    static func esc(_ s: String) -> String { OOXMLPackage.esc(s) }

    static func emu(_ pt: Double) -> Int { Int((pt * emuPerPoint).rounded()) }

    static let ns = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\""
    static let emptyTree = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>"
    static let font = "Noto Sans CJK SC"

    static func rels(_ items: [(String, String, String)]) -> String { OOXMLPackage.rels(items) }

    static func contentTypes(_ n: Int) -> String {
        let ct = "application/vnd.openxmlformats-officedocument.presentationml"
        var s = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
        s += "<Override PartName=\"/ppt/presentation.xml\" ContentType=\"\(ct).presentation.main+xml\"/>"
        s += "<Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" ContentType=\"\(ct).slideMaster+xml\"/>"
        s += "<Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" ContentType=\"\(ct).slideLayout+xml\"/>"
        s += "<Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>"
        for i in 1...max(1, n) { s += "<Override PartName=\"/ppt/slides/slide\(i).xml\" ContentType=\"\(ct).slide+xml\"/>" }
        s += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        s += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return s + "</Types>"
    }

    static let rootRels = OOXMLPackage.rootRels(main: "ppt/presentation.xml")

    static func core(_ doc: BriefingDocument, _ date: Date) -> String { OOXMLPackage.core(doc, date) }

    static func app(_ n: Int) -> String {
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>reportgen</Application><Slides>\(n)</Slides></Properties>"
    }

    static func presentation(_ n: Int) -> String {
        "<p:presentation \(ns)><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:sldIdLst>"
            + (0..<n).map { "<p:sldId id=\"\(256 + $0)\" r:id=\"rId\($0 + 3)\"/>" }.joined()
            + "</p:sldIdLst><p:sldSz cx=\"\(emu(slideW))\" cy=\"\(emu(slideH))\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>"
    }

    static func presentationRels(_ n: Int) -> String {
        rels([("rId1", "slideMaster", "slideMasters/slideMaster1.xml"), ("rId2", "theme", "theme/theme1.xml")]
             + (0..<n).map { ("rId\($0 + 3)", "slide", "slides/slide\($0 + 1).xml") })
    }

    static let master = "<p:sldMaster \(ns)><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>\(emptyTree)</p:spTree></p:cSld>"
        + "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"
        + "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>"
        + "<p:txStyles><p:titleStyle><a:lvl1pPr><a:defRPr sz=\"2800\"><a:latin typeface=\"\(font)\"/><a:ea typeface=\"\(font)\"/></a:defRPr></a:lvl1pPr></p:titleStyle>"
        + "<p:bodyStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:latin typeface=\"\(font)\"/><a:ea typeface=\"\(font)\"/></a:defRPr></a:lvl1pPr></p:bodyStyle>"
        + "<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:latin typeface=\"\(font)\"/><a:ea typeface=\"\(font)\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>"

    static let layout = "<p:sldLayout \(ns) type=\"blank\" preserve=\"1\"><p:cSld name=\"Blank\"><p:spTree>\(emptyTree)</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"

    static let theme: String = {
        let colors = [("dk1", "1F2937"), ("lt1", "FFFFFF"), ("dk2", "1F3A5F"), ("lt2", "EEF2F7"), ("accent1", "2F6DB5"), ("accent2", "E07B39"),
                      ("accent3", "3E9B5F"), ("accent4", "C94C4C"), ("accent5", "8064A2"), ("accent6", "4BACC6"), ("hlink", "2F6DB5"), ("folHlink", "8064A2")]
        let scheme = colors.map { "<a:\($0.0)><a:srgbClr val=\"\($0.1)\"/></a:\($0.0)>" }.joined()
        let fonts = "<a:latin typeface=\"\(font)\"/><a:ea typeface=\"\(font)\"/><a:cs typeface=\"\"/>"
        let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
        let line = "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
        return "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"reportgen\"><a:themeElements>"
            + "<a:clrScheme name=\"reportgen\">\(scheme)</a:clrScheme>"
            + "<a:fontScheme name=\"reportgen\"><a:majorFont>\(fonts)</a:majorFont><a:minorFont>\(fonts)</a:minorFont></a:fontScheme>"
            + "<a:fmtScheme name=\"reportgen\"><a:fillStyleLst>\(fill)\(fill)\(fill)</a:fillStyleLst><a:lnStyleLst>\(line)\(line)\(line)</a:lnStyleLst>"
            + "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"
            + "<a:bgFillStyleLst>\(fill)\(fill)\(fill)</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"
    }()

    /// A text box; `runs` are (text, size in points, bold, colour).
    static func textBox(id: Int, name: String, x: Double, y: Double, w: Double, h: Double,
                        paragraphs: [[(String, Double, Bool, String)]], align: String = "l") -> String {
        var s = "<p:sp><p:nvSpPr><p:cNvPr id=\"\(id)\" name=\"\(esc(name))\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>"
        s += "<p:spPr><a:xfrm><a:off x=\"\(emu(x))\" y=\"\(emu(y))\"/><a:ext cx=\"\(emu(w))\" cy=\"\(emu(h))\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>"
        s += "<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"t\"><a:normAutofit/></a:bodyPr><a:lstStyle/>"
        for p in paragraphs {
            s += "<a:p><a:pPr algn=\"\(align)\"/>"
            for (t, size, bold, colour) in p {
                s += "<a:r><a:rPr lang=\"zh-CN\" altLang=\"en-US\" sz=\"\(Int(size * 100))\" b=\"\(bold ? 1 : 0)\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"\(colour)\"/></a:solidFill>"
                s += "<a:latin typeface=\"\(font)\"/><a:ea typeface=\"\(font)\"/></a:rPr><a:t>\(esc(t))</a:t></a:r>"
            }
            s += "</a:p>"
        }
        return s + "</p:txBody></p:sp>"
    }

    static func slide(_ shapes: String) -> String {
        "<p:sld \(ns)><p:cSld><p:spTree>\(emptyTree)\(shapes)</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    }

    static func titleSlide(_ doc: BriefingDocument) -> String {
        var shapes = textBox(id: 2, name: "Title", x: 64, y: 120, w: slideW - 128, h: 70, paragraphs: [[(doc.title, 40, true, "1F2937")]])
        var sub: [[(String, Double, Bool, String)]] = []
        if let s = doc.subtitle { sub.append([(s, 22, false, "5F6B7A")]) }
        if let o = doc.organisation { sub.append([(o, 16, false, "2F6DB5")]) }
        if let d = doc.date { sub.append([(d, 16, false, "5F6B7A")]) }
        if !sub.isEmpty { shapes += textBox(id: 3, name: "Subtitle", x: 64, y: 200, w: slideW - 128, h: 110, paragraphs: sub) }
        let k = doc.keyFigures.prefix(4)
        if !k.isEmpty {
            let w = (slideW - 128 - Double(k.count - 1) * 16) / Double(k.count)
            for (i, f) in k.enumerated() {
                shapes += textBox(id: 10 + i, name: "Key figure \(i + 1)", x: 64 + Double(i) * (w + 16), y: 350, w: w, h: 120,
                                  paragraphs: [[(f.value, 28, true, "2F6DB5")], [(f.label, 13, false, "5F6B7A")]])
            }
        }
        return slide(shapes)
    }

    static func figureSlide(_ f: Figure, number: Int, image: Int, box: Size) -> String {
        var shapes = textBox(id: 2, name: "Title", x: 48, y: 30, w: slideW - 96, h: 50, paragraphs: [[("图\(number)　\(f.caption)", 24, true, "1F2937")]])
        shapes += "<p:pic><p:nvPicPr><p:cNvPr id=\"3\" name=\"Figure \(number)\" descr=\"\(esc(FigureDescription.text(f)))\" title=\"\(esc(f.caption))\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>"
        shapes += "<p:blipFill><a:blip r:embed=\"rId2\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>"
        shapes += "<p:spPr><a:xfrm><a:off x=\"\(emu(48))\" y=\"\(emu(96))\"/><a:ext cx=\"\(emu(box.width))\" cy=\"\(emu(box.height))\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>"
        if let n = f.note {
            shapes += textBox(id: 4, name: "Source", x: 48, y: slideH - 56, w: slideW - 96, h: 40, paragraphs: [[(n, 11, false, "5F6B7A")]])
        }
        return slide(shapes)
    }
}
