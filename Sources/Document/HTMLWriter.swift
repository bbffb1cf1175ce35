import Canvas

/// The briefing as one self-contained HTML file: figures as inline SVG (vectors, no external
/// files), citations linked to the sources list, and a print stylesheet for A4.
public enum HTMLWriter {
    public static func html(_ doc: BriefingDocument, measurer: TextMeasurer, width: Double = PageStyle.a4.contentWidth) throws(DocumentError) -> (bytes: [UInt8], warnings: [String]) {
        var warnings: [String] = []
        var h = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="reportgen">
        <title>\(esc(doc.title))</title>
        \(doc.organisation.map { "<meta name=\"author\" content=\"\(esc($0))\">" } ?? "")
        \(doc.keywords.isEmpty ? "" : "<meta name=\"keywords\" content=\"\(esc(doc.keywords.joined(separator: ", ")))\">")
        <style>\(css)</style>
        </head>
        <body>
        <header class="title">

        """
        if let o = doc.organisation { h += "<p class=\"org\">\(esc(o))</p>\n" }
        h += "<h1>\(esc(doc.title))</h1>\n"
        if let s = doc.subtitle { h += "<p class=\"subtitle\">\(esc(s))</p>\n" }
        if let d = doc.date { h += "<p class=\"date\">\(esc(d))</p>\n" }
        h += "</header>\n"
        if !doc.keyFigures.isEmpty {
            h += "<section class=\"kpis\">\n"
            for k in doc.keyFigures {
                h += "<div class=\"kpi\"><div class=\"value\">\(esc(k.value))</div><div class=\"label\">\(esc(k.label))\(cite(k.citations))</div></div>\n"
            }
            h += "</section>\n"
        }
        let headings = doc.headings + (doc.sources.isEmpty ? [] : [(1, "资料来源")])
        if !headings.isEmpty {
            h += "<nav class=\"toc\"><h2>目录</h2>\n<ol>\n"
            for (i, hd) in headings.enumerated() where hd.level <= 2 {
                h += "<li class=\"l\(hd.level)\"><a href=\"#sec-\(i + 1)\">\(esc(hd.text))</a></li>\n"
            }
            h += "</ol></nav>\n"
        }
        h += "<main>\n"
        var headingNo = 0, figureNo = 0, tableNo = 0
        for b in doc.blocks {
            switch b {
            case .heading(let level, let text):
                headingNo += 1
                let tag = "h\(min(4, level + 1))"
                h += "<\(tag) id=\"sec-\(headingNo)\">\(esc(text))</\(tag)>\n"
            case .paragraph(let runs): h += "<p>\(inline(runs))</p>\n"
            case .bullets(let items): h += "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
            case .figure(let f):
                figureNo += 1
                let (frame, w) = try FigureFrames.frame(f, size: FigureFrames.size(f, width: width), measurer: measurer)
                warnings += w
                let svg: [UInt8]
                do { svg = try Renderer.svg(frame, idPrefix: "f\(figureNo)-").bytes } catch {
                    throw .figure(id: f.id, message: error.description)
                }
                var s = String(decoding: svg, as: UTF8.self)
                if let r = s.range(of: "<svg") { s = String(s[r.lowerBound...]) }  // drop the XML declaration
                // The SVG is role="img", named by its <title> (the caption) and <desc> (FigureDescription).
                h += "<figure id=\"fig-\(figureNo)\">\n\(s)\n<figcaption><strong>图\(figureNo)　\(esc(f.caption))</strong>\(cite(f.citations))"
                if let n = f.note { h += "<br><span class=\"note\">\(esc(n))</span>" }
                h += "</figcaption>\n</figure>\n"
            case .table(let t):
                tableNo += 1
                h += table(t, number: tableNo)
            }
        }
        if !doc.sources.isEmpty {
            h += "<h2 id=\"sec-\(headingNo + 1)\">资料来源</h2>\n<ol class=\"sources\">\n"
            for (i, n) in doc.sources.enumerated() {
                h += "<li id=\"src-\(i + 1)\"><span class=\"loc\">\(esc(n.location))</span> “\(esc(n.sentence))”</li>\n"
            }
            h += "</ol>\n"
        }
        h += "</main>\n</body>\n</html>\n"
        return (Array(h.utf8), warnings)
    }

    static func table(_ t: Table, number: Int) -> String {
        // A table wider than a phone scrolls inside its own box instead of widening the page.
        var h = "<div class=\"table-wrap\">\n<table>\n<caption>表\(number)　\(esc(t.caption))</caption>\n<thead><tr>"
        let cites = !t.rowCitations.isEmpty
        for c in t.columns { h += "<th\(c.numeric ? " class=\"num\"" : "")>\(esc(c.title))</th>" }
        if cites { h += "<th class=\"num\">来源</th>" }
        h += "</tr></thead>\n<tbody>\n"
        for (i, r) in t.rows.enumerated() {
            h += "<tr>"
            for (c, cell) in r.enumerated() { h += "<td\(c < t.columns.count && t.columns[c].numeric ? " class=\"num\"" : "")>\(esc(cell))</td>" }
            if cites { h += "<td class=\"num\">\(cite(i < t.rowCitations.count ? t.rowCitations[i] : [], sup: false))</td>" }
            h += "</tr>\n"
        }
        h += "</tbody>\n"
        if let total = t.total {
            h += "<tfoot><tr>" + total.enumerated().map { c, cell in "<td\(c < t.columns.count && t.columns[c].numeric ? " class=\"num\"" : "")>\(esc(cell))</td>" }.joined()
            h += cites ? "<td></td>" : ""
            h += "</tr></tfoot>\n"
        }
        h += "</table>\n</div>\n"
        if let n = t.note { h += "<p class=\"note\">\(esc(n))</p>\n" }
        return h
    }

    static func inline(_ runs: [Inline]) -> String {
        runs.map { r in
            let t = esc(r.text)
            let styled = r.style == .strong ? "<strong>\(t)</strong>" : r.style == .emphasis ? "<em>\(t)</em>" : t
            return styled + cite(r.citations)
        }.joined()
    }

    /// `[1–3]` with each number linking to its source.
    static func cite(_ ns: [Int], sup: Bool = true) -> String {
        guard !ns.isEmpty else { return "" }
        // Runs of three or more collapse to `1–8`, as in the PDF; each end stays a link.
        let sorted = Array(Set(ns)).sorted()
        var groups: [String] = []
        var i = 0
        func link(_ n: Int) -> String { "<a href=\"#src-\(n)\">\(n)</a>" }
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            groups.append(j - i >= 2 ? link(sorted[i]) + "–" + link(sorted[j]) : (i...j).map { link(sorted[$0]) }.joined(separator: ","))
            i = j + 1
        }
        let links = groups.joined(separator: ",")
        return sup ? "<sup class=\"cite\">[\(links)]</sup>" : "[\(links)]"
    }

    /// HTML text and attribute values: the same five characters Pango markup escapes.
    static func esc(_ s: String) -> String { TextBlock.escape(s) }

    static let css = """
    :root { --accent: #2F6DB5; --muted: #5F6B7A; --rule: #1F2937; }
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
           color: #1F2937; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.75;
           text-autospace: ideograph-alpha ideograph-numeric; line-break: strict; overflow-wrap: break-word; }
    .table-wrap { overflow-x: auto; } ol.sources .loc { overflow-wrap: anywhere; }
    main p, main li { text-align: justify; }
    header.title h1 { font-size: 2rem; margin: .2rem 0; }
    .org { color: var(--accent); margin: 0; } .subtitle { color: var(--muted); font-size: 1.2rem; margin: 0; }
    .date { color: var(--muted); margin: 0 0 1rem; border-bottom: 2px solid var(--accent); padding-bottom: 1rem; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .6rem; margin: 1rem 0 1.5rem; }
    .kpi { background: #F1F5FA; border-left: 3px solid var(--accent); padding: .6rem .8rem; border-radius: 4px; }
    .kpi .value { color: var(--accent); font-size: 1.4rem; font-weight: 700; } .kpi .label { color: var(--muted); font-size: .8rem; line-height: 1.4; }
    nav.toc ol { list-style: none; padding: 0; } nav.toc .l2 { padding-left: 1.5rem; }
    nav.toc a { color: inherit; text-decoration: none; } nav.toc a:hover { color: var(--accent); }
    h2 { color: var(--accent); border-bottom: 1px solid #BFD0E6; padding-bottom: .2rem; margin-top: 2rem; }
    figure { margin: 1.5rem 0; break-inside: avoid; } figure svg { width: 100%; height: auto; display: block; }
    figcaption { text-align: center; font-size: .9rem; } .note { color: var(--muted); font-size: .8rem; }
    sup.cite { font-size: .7em; color: var(--accent); white-space: nowrap; } sup.cite a, td a, .kpi a { color: var(--accent); text-decoration: none; }
    table { border-collapse: collapse; width: 100%; margin: 1.5rem 0 .3rem; font-size: .9rem;
            border-top: 1.5px solid var(--rule); border-bottom: 1.5px solid var(--rule); }
    caption { font-weight: 700; padding-bottom: .4rem; } th { text-align: left; border-bottom: .5px solid var(--rule); }
    th, td { padding: .25rem .5rem; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    tbody tr:nth-child(even) { background: #F5F8FC; } tfoot td { font-weight: 700; border-top: .5px solid var(--rule); }
    ol.sources { font-size: .8rem; padding-left: 2.2rem; } ol.sources .loc { color: var(--muted); }
    @media print {
      @page { size: A4; margin: 20mm 22mm; }
      body { max-width: none; margin: 0; font-size: 10.5pt; }
      h2, h3, h4 { break-after: avoid; } table { break-inside: auto; } thead { display: table-header-group; }
      tr { break-inside: avoid; } a { color: inherit; }
    }
    """
}
