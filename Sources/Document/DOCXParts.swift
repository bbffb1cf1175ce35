/// The fixed parts of the Word document: styles, page setup, footer and header, numbering, fonts,
/// theme and content types. Kept apart from the body so the body writer reads as the document's
/// flow and these read as its style sheet.
enum DOCXParts {
    static let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    /// Latin and East Asian text in Noto Sans CJK SC (what the PDF uses). Word has no fallback
    /// list in a run's fonts; where Noto is missing it substitutes from the font table, which
    /// names 微软雅黑 as the alternative and GB2312 (charset 86) as the script, so Chinese still
    /// shows in a Chinese-capable face.
    static let font = "Noto Sans CJK SC"
    static let fonts = "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"

    static let accent = "2F6DB5", muted = "5F6B7A", text = "1F2937"

    /// A4 with the PDF's margins; header and footer on every page.
    static func section(_ s: PageStyle) -> String {
        let t = DOCXWriter.twips
        return "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId7\"/><w:footerReference w:type=\"default\" r:id=\"rId6\"/>"
            + "<w:pgSz w:w=\"\(t(s.pageSize.width))\" w:h=\"\(t(s.pageSize.height))\"/>"
            + "<w:pgMar w:top=\"\(t(s.marginTop))\" w:right=\"\(t(s.marginRight))\" w:bottom=\"\(t(s.marginBottom))\" w:left=\"\(t(s.marginLeft))\" w:header=\"\(t(s.marginTop / 2))\" w:footer=\"\(t(s.marginBottom / 2))\" w:gutter=\"0\"/>"
            + "<w:cols w:space=\"425\"/></w:sectPr>"
    }

    static let contentTypes: String = {
        let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        var s = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
        for (part, type) in [("document", "document.main"), ("styles", "styles"), ("settings", "settings"), ("numbering", "numbering"),
                             ("fontTable", "fontTable"), ("footer1", "footer"), ("header1", "header")] {
            s += "<Override PartName=\"/word/\(part).xml\" ContentType=\"\(wml).\(type)+xml\"/>"
        }
        s += "<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>"
        s += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        s += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return s + "</Types>"
    }()

    static let app = "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>reportgen</Application></Properties>"

    static func paragraphStyle(_ id: String, name: String, basedOn: String? = "Normal", next: String? = nil, builtIn: Bool = false,
                               pPr: String = "", rPr: String = "") -> String {
        "<w:style w:type=\"paragraph\"\(builtIn ? "" : " w:customStyle=\"1\"") w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
            + (basedOn.map { "<w:basedOn w:val=\"\($0)\"/>" } ?? "") + (next.map { "<w:next w:val=\"\($0)\"/>" } ?? "")
            + "<w:qFormat/>" + (pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>") + (rPr.isEmpty ? "" : "<w:rPr>\(rPr)</w:rPr>") + "</w:style>"
    }

    static func size(_ pt: Double) -> String { let h = Int((pt * 2).rounded()); return "<w:sz w:val=\"\(h)\"/><w:szCs w:val=\"\(h)\"/>" }
    static func color(_ hex: String) -> String { "<w:color w:val=\"\(hex)\"/>" }
    static let noIndent = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>"

    /// Children of `w:pPr` and `w:rPr` are written in the schema's order (ind before jc, color
    /// before kern before sz): Word rejects a part whose elements are out of order.
    ///
    /// Built-in styles keep their built-in names (`heading 1`, `caption`, `toc 1`): Word shows
    /// them as 标题 1, 题注, 目录 1 in a Chinese interface and its navigation pane, TOC field and
    /// outline view work from them; LibreOffice maps them to its own Heading 1… styles.
    static func styles(_ s: PageStyle) -> String {
        let body = s.bodySize
        var x = "<w:styles \(w)><w:docDefaults><w:rPrDefault><w:rPr>\(fonts)\(color(text))<w:kern w:val=\"2\"/>\(size(body))<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
        x += "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        x += paragraphStyle("Normal", name: "Normal", basedOn: nil, builtIn: true,
                            pPr: "<w:ind w:firstLineChars=\"200\" w:firstLine=\"\(DOCXWriter.twips(body * 2))\"/><w:jc w:val=\"both\"/>")
        let headingSizes = [1: s.headingSize(1), 2: s.headingSize(2), 3: s.headingSize(3)]
        for level in 1...3 {
            let before = level == 1 ? 360 : level == 2 ? 240 : 180
            x += paragraphStyle("Heading\(level)", name: "heading \(level)", next: "Normal", builtIn: true,
                                pPr: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"\(before)\" w:after=\"120\"/>\(noIndent)<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"\(level - 1)\"/>",
                                rPr: "<w:b/><w:bCs/>\(level < 3 ? color(accent) : "")\(size(headingSizes[level] ?? body))")
        }
        x += paragraphStyle("Title", name: "Title", next: "Normal", builtIn: true,
                            pPr: "<w:spacing w:before=\"120\" w:after=\"120\"/>\(noIndent)<w:jc w:val=\"left\"/>", rPr: "<w:b/><w:bCs/>\(size(26))")
        x += paragraphStyle("Subtitle", name: "Subtitle", next: "Normal", builtIn: true,
                            pPr: "<w:spacing w:after=\"60\"/>\(noIndent)<w:jc w:val=\"left\"/>", rPr: "\(color(muted))\(size(15))")
        x += paragraphStyle("Organisation", name: "发文单位", pPr: "<w:spacing w:after=\"60\"/>\(noIndent)", rPr: "\(color(accent))\(size(10))")
        x += paragraphStyle("DocDate", name: "日期", pPr: "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"8\" w:color=\"\(accent)\"/></w:pBdr><w:spacing w:after=\"360\"/>\(noIndent)",
                            rPr: "\(color(muted))\(size(body))")
        x += paragraphStyle("KeyFigureValue", name: "关键数字", pPr: "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>\(noIndent)<w:jc w:val=\"left\"/>",
                            rPr: "<w:b/><w:bCs/>\(color(accent))\(size(16))")
        x += paragraphStyle("KeyFigureLabel", name: "关键数字说明", pPr: "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>\(noIndent)<w:jc w:val=\"left\"/>",
                            rPr: "\(color(muted))\(size(8.5))")
        x += paragraphStyle("TOCHeading", name: "TOC Heading", next: "Normal", builtIn: true,
                            pPr: "<w:keepNext/><w:spacing w:before=\"480\" w:after=\"120\"/>\(noIndent)<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"9\"/>",
                            rPr: "<w:b/><w:bCs/>\(color(accent))\(size(s.headingSize(1)))")
        for level in 1...3 {
            x += paragraphStyle("TOC\(level)", name: "toc \(level)", next: "Normal", builtIn: true,
                                pPr: "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"\(DOCXWriter.twips(s.contentWidth))\"/></w:tabs><w:spacing w:after=\"60\"/><w:ind w:left=\"\((level - 1) * 420)\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"left\"/>")
        }
        x += paragraphStyle("ListBullet", name: "List Bullet", builtIn: true,
                            pPr: "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"60\"/><w:ind w:left=\"420\" w:hanging=\"420\" w:firstLineChars=\"0\"/>")
        x += paragraphStyle("FigurePicture", name: "图片", pPr: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/>\(noIndent)<w:jc w:val=\"center\"/>")
        x += paragraphStyle("Caption", name: "caption", next: "Normal", builtIn: true,
                            pPr: "<w:spacing w:after=\"60\"/>\(noIndent)<w:jc w:val=\"center\"/>", rPr: "<w:b/><w:bCs/>\(size(body - 0.5))")
        x += paragraphStyle("TableCaption", name: "表格题注", basedOn: "Caption", next: "Normal",
                            pPr: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/>")
        x += paragraphStyle("FigureNote", name: "图表注", pPr: "<w:spacing w:after=\"240\"/>\(noIndent)<w:jc w:val=\"center\"/>", rPr: "\(color(muted))\(size(8.5))")
        x += paragraphStyle("TableText", name: "表格文字", pPr: "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>\(noIndent)<w:jc w:val=\"left\"/>", rPr: size(body - 1))
        x += paragraphStyle("SourceItem", name: "资料来源条目",
                            pPr: "<w:tabs><w:tab w:val=\"left\" w:pos=\"560\"/></w:tabs><w:spacing w:after=\"60\" w:line=\"260\" w:lineRule=\"auto\"/><w:ind w:left=\"560\" w:hanging=\"560\" w:firstLineChars=\"0\"/><w:jc w:val=\"left\"/>",
                            rPr: size(8.5))
        x += paragraphStyle("Header", name: "header", builtIn: true, pPr: "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"BFD0E6\"/></w:pBdr><w:spacing w:after=\"0\"/>\(noIndent)<w:jc w:val=\"right\"/>",
                            rPr: "\(color(muted))\(size(8.5))")
        x += paragraphStyle("Footer", name: "footer", builtIn: true, pPr: "<w:spacing w:after=\"0\"/>\(noIndent)<w:jc w:val=\"center\"/>", rPr: "\(color(muted))\(size(8.5))")
        x += "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"CitationRef\"><w:name w:val=\"引文编号\"/><w:rPr>\(color(accent))<w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>"
        x += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        x += "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"BriefingTable\"><w:name w:val=\"三线表\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblCellMar><w:top w:w=\"50\" w:type=\"dxa\"/><w:left w:w=\"100\" w:type=\"dxa\"/><w:bottom w:w=\"50\" w:type=\"dxa\"/><w:right w:w=\"100\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        return x + "</w:styles>"
    }

    static let settings = "<w:settings \(w)><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>"
        + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
        + "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>"

    static let numbering = "<w:numbering \(w)><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>"
        + "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/>"
        + "<w:pPr><w:ind w:left=\"420\" w:hanging=\"420\"/></w:pPr><w:rPr>\(color(accent))</w:rPr></w:lvl></w:abstractNum>"
        + "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"

    static let fontTable = "<w:fonts \(w)>"
        + "<w:font w:name=\"\(font)\"><w:altName w:val=\"微软雅黑\"/><w:charset w:val=\"86\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>"
        + "<w:font w:name=\"微软雅黑\"><w:altName w:val=\"Microsoft YaHei\"/><w:charset w:val=\"86\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>"
        + "<w:font w:name=\"宋体\"><w:altName w:val=\"SimSun\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>"
        + "</w:fonts>"

    /// Theme fonts (what a user gets choosing 正文/标题 fonts): Noto Sans CJK SC, with 微软雅黑 for
    /// simplified Chinese where a theme font is chosen by script.
    static let theme: String = {
        let fonts = "<a:latin typeface=\"\(font)\"/><a:ea typeface=\"\(font)\"/><a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"微软雅黑\"/>"
        let scheme = [("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", text), ("lt2", "F1F5FA"), ("accent1", accent), ("accent2", "E07B39"),
                      ("accent3", "3A9D5D"), ("accent4", "C44E52"), ("accent5", "8172B3"), ("accent6", "937860"), ("hlink", accent), ("folHlink", "7F4FA0")]
            .map { "<a:\($0.0)><a:srgbClr val=\"\($0.1)\"/></a:\($0.0)>" }.joined()
        let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
        let line = "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
        let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
        return "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"reportgen\"><a:themeElements>"
            + "<a:clrScheme name=\"reportgen\">\(scheme)</a:clrScheme>"
            + "<a:fontScheme name=\"reportgen\"><a:majorFont>\(fonts)</a:majorFont><a:minorFont>\(fonts)</a:minorFont></a:fontScheme>"
            + "<a:fmtScheme name=\"reportgen\"><a:fillStyleLst>\(fill)\(fill)\(fill)</a:fillStyleLst><a:lnStyleLst>\(line)\(line)\(line)</a:lnStyleLst>"
            + "<a:effectStyleLst>\(effect)\(effect)\(effect)</a:effectStyleLst><a:bgFillStyleLst>\(fill)\(fill)\(fill)</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"
    }()

    /// A field Word and LibreOffice compute when laying out pages (`PAGE`, `NUMPAGES`), with a
    /// cached value for readers that do not.
    static func field(_ instr: String, cached: String) -> String {
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \(instr) </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>\(cached)</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    static let footer = "<w:ftr \(ns)><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
        + "<w:r><w:t xml:space=\"preserve\">第 </w:t></w:r>\(field("PAGE", cached: "1"))<w:r><w:t xml:space=\"preserve\"> 页 / 共 </w:t></w:r>"
        + "\(field("NUMPAGES", cached: "1"))<w:r><w:t xml:space=\"preserve\"> 页</w:t></w:r></w:p></w:ftr>"

    static func header(_ title: String) -> String {
        "<w:hdr \(ns)><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\(OOXMLPackage.esc(title))</w:t></w:r></w:p></w:hdr>"
    }
}
