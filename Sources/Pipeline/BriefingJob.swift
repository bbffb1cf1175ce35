import Canvas
import Charts
import Document
import Extraction
import Foundation
import Timeline

/// Turns a briefing file plus the build's charts, timelines and facts into a `BriefingDocument`,
/// then into the briefing's files (PDF, HTML, Markdown with PNGs, PPTX).
public enum BriefingJob {
    /// What the briefing can refer to by name: each chart's data and each timeline's events as
    /// the build resolved them once, and the facts.
    public struct Library {
        public var charts: [String: (file: ChartFile, data: ChartData, spec: ChartSpec)] = [:]
        public var timelines: [String: (file: TimelineFile, spec: TimelineSpec, rows: [TimelineFile.Row])] = [:]
        public var facts = FactBase(facts: [])

        public init() {}

        /// From data the build already read.
        public init(charts: [(ChartFile, ChartData)], timelines: [(TimelineFile, (TimelineSpec, [TimelineFile.Row]))], facts: FactBase) {
            self.facts = facts
            for (c, d) in charts { self.charts[c.name] = (c, d, d.spec(c)) }
            for (t, r) in timelines { self.timelines[t.name] = (t, r.0, r.1) }
        }

        /// Reads every chart's data and resolves every timeline against the facts.
        public init(charts: [ChartFile], timelines: [TimelineFile], facts: FactBase, articles: [String] = []) throws(BuildError) {
            var cs: [(ChartFile, ChartData)] = [], ts: [(TimelineFile, (TimelineSpec, [TimelineFile.Row]))] = []
            for c in charts { cs.append((c, try c.data(facts: facts, articles: articles))) }
            for t in timelines { ts.append((t, try t.resolved(facts: facts))) }
            self.init(charts: cs, timelines: ts, facts: facts)
        }

        public init(charts: [ChartFile], timelines: [TimelineFile], facts: [MergedFact]) throws(BuildError) {
            try self.init(charts: charts, timelines: timelines, facts: FactBase(facts: facts))
        }
    }

    // MARK: Compiling

    public static func compile(_ file: BriefingFile, library: Library, date: Date = Date()) throws(BuildError) -> BriefingDocument {
        var problems: [BuildError] = []
        var notes = NoteBook()
        var values: [String: ResolvedValue] = [:]
        for ref in file.values {
            do throws(BuildError) { values[ref.name] = try resolve(ref, file: file, library: library) } catch { problems.append(error) }
        }
        var doc = BriefingDocument(title: file.title, subtitle: file.subtitle, organisation: file.organisation,
                                   date: file.date ?? chineseDate(date, timeZone: file.timeZone.flatMap(TimeZone.init(identifier:))), keywords: file.keywords)
        for k in file.keyFigures {
            guard let v = values[k.value] else { continue }
            doc.keyFigures.append(KeyFigure(value: v.prose(), label: k.label, citations: notes.cite(v.sources)))
        }
        for s in file.sections {
            doc.blocks.append(.heading(level: s.level, text: s.heading))
            for c in s.content {
                switch c {
                case .text(let t, let line):
                    for p in ProseTemplate.render(t, path: file.path, line: line, values: values, notes: &notes, problems: &problems) {
                        doc.blocks.append(.paragraph(p))
                    }
                case .bullets(let items, let line):
                    let rendered = items.map {
                        ProseTemplate.inlines($0, path: file.path, line: line, values: values, notes: &notes, problems: &problems)
                    }
                    doc.blocks.append(.bullets(rendered))
                case .figure(let name, let caption, let line):
                    if let f = figure(name, caption: caption, library: library, notes: &notes) { doc.blocks.append(.figure(f)) } else {
                        problems.append(.data(path: file.path, line: line, field: "figure", message: "no chart or timeline named \"\(name)\"" + suggestion(name, library)))
                    }
                case .table(let chart, let total, let share, let caption, let line):
                    guard let c = library.charts[chart] else {
                        problems.append(.data(path: file.path, line: line, field: "table", message: "no chart named \"\(chart)\"" + suggestion(chart, library)))
                        continue
                    }
                    doc.blocks.append(.table(table(c, total: total, share: share, caption: caption, notes: &notes)))
                }
            }
        }
        if !problems.isEmpty { throw problems.count == 1 ? problems[0] : .many(problems) }
        doc.sources = notes.notes
        return doc
    }

    static func suggestion(_ name: String, _ lib: Library) -> String {
        let near = closestKey(to: name, in: Array(lib.charts.keys) + Array(lib.timelines.keys))
        return near.isEmpty ? "" : "; did you mean \"\(near)\"?"
    }

    /// The day `d` falls on where the reader is: the spec's `timeZone:`, else the machine's
    /// (`TZ`), so a 06:00 cron run in Shanghai prints today, not yesterday's UTC day.
    static func chineseDate(_ d: Date, timeZone: TimeZone? = nil) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone ?? .current
        let c = cal.dateComponents([.year, .month, .day], from: d)
        return "\(c.year ?? 1970)年\(c.month ?? 1)月\(c.day ?? 1)日"
    }

    static func resolve(_ ref: BriefingFile.ValueRef, file: BriefingFile, library lib: Library) throws(BuildError) -> ResolvedValue {
        func fail(_ m: String) -> BuildError { .data(path: file.path, line: ref.line, field: "values.\(ref.name)", message: m) }
        switch ref.source {
        case .entered(let v, let kind, let unit, let note):
            return ResolvedValue(value: v, kind: ResolvedValue.Kind(rawValue: kind) ?? .number, unit: unit,
                                 sources: [SourceNote(file: "（用户录入）\(file.path):\(ref.line)", sentence: note)])
        case .timeline(let name):
            guard let t = lib.timelines[name] else { throw fail("no timeline named \"\(name)\"" + suggestion(name, lib)) }
            return ResolvedValue(value: Double(t.spec.events.count), kind: .count, unit: "项", sources: t.rows.compactMap { $0.sources.first?.note })
        case .chart(let name, let row, let column, let aggregate):
            guard let c = lib.charts[name] else { throw fail("no chart named \"\(name)\"" + suggestion(name, lib)) }
            let kind: ResolvedValue.Kind = c.spec.valueKind == .money ? .money : .number
            var si = 0
            if let column {
                guard let i = c.spec.series.firstIndex(where: { $0.name == column }) ?? c.data.series.firstIndex(where: { $0.name == column }) else {
                    throw fail("chart \"\(name)\" has no column \"\(column)\"; it has \(c.spec.series.map(\.name).joined(separator: ", "))")
                }
                si = i
            }
            let rows = c.spec.categories.indices
            if aggregate == "count" {
                return ResolvedValue(value: Double(rows.count), kind: .count, unit: "项", sources: rows.flatMap { c.data.rowSources($0).map(\.note) })
            }
            if aggregate == "sum" {
                let used = rows.filter { c.spec.series[si].values[$0] != nil }
                let inputs = used.compactMap { c.spec.series[si].values[$0] }
                guard let sum = NumberFormatter.sum(inputs) else { throw fail("the sum of chart \"\(name)\" is too large for a number; check its values") }
                return ResolvedValue(value: sum, kind: kind, unit: kind == .money ? "元" : "", quantum: NumberFormatter.sumQuantum(inputs),
                                     sources: used.flatMap { c.data.series[si].sources[$0].map(\.note) })
            }
            guard let row, let r = c.spec.categories.firstIndex(of: row) else {
                throw fail("chart \"\(name)\" has no row \"\(row ?? "")\"; its rows are \(c.spec.categories.prefix(8).joined(separator: ", "))")
            }
            if column == nil, c.spec.series[si].values[r] == nil, let other = c.spec.series.firstIndex(where: { $0.values[r] != nil }) { si = other }
            guard let v = c.spec.series[si].values[r] else { throw fail("chart \"\(name)\", row \"\(row)\" has no value in column \"\(c.spec.series[si].name)\"") }
            return ResolvedValue(value: v, kind: kind, unit: kind == .money ? "元" : "", sources: c.data.series[si].sources[r].map(\.note))
        case .fact(let query):
            let f = try query.one(lib.facts)
            let notes = f.sources.prefix(1).map { SourceRef($0).note }
            if let m = f.money { return ResolvedValue(value: m.valueYuan, kind: .money, unit: "元", approx: m.approx, written: f.sources.first?.text, sources: notes) }
            if let c = f.count { return ResolvedValue(value: c.value, kind: .count, unit: c.unit, approx: c.approx, written: f.sources.first?.text, sources: notes) }
            throw fail("a date is not a number; pick a money or count fact")
        }
    }

    static func figure(_ name: String, caption: String?, library lib: Library, notes: inout NoteBook) -> Figure? {
        if let c = lib.charts[name] {
            let cites = notes.cite(c.data.allSources.map(\.note))
            let note = [c.spec.subtitle, c.spec.source.map { "来源：\($0)" }].compactMap { $0 }.joined(separator: "　")
            return Figure(id: name, caption: caption ?? c.spec.title ?? name, note: note.isEmpty ? nil : note, content: .chart(c.spec), citations: cites, alt: c.file.alt)
        }
        if let t = lib.timelines[name] {
            let cites = notes.cite(t.rows.compactMap { $0.sources.first?.note })
            let note = [t.spec.subtitle, t.spec.source.map { "来源：\($0)" }].compactMap { $0 }.joined(separator: "　")
            return Figure(id: name, caption: caption ?? t.spec.title ?? name, note: note.isEmpty ? nil : note, content: .timeline(t.spec), citations: cites)
        }
        return nil
    }

    /// The chart's data as a table: one row per category, values in the magnitude that reads best
    /// (万元), an optional share column and a total row.
    static func table(_ c: (file: ChartFile, data: ChartData, spec: ChartSpec), total: Bool, share: Bool, caption: String?,
                      notes: inout NoteBook) -> Document.Table {
        let spec = c.spec
        let money = spec.valueKind == .money
        // Each column in the magnitude that reads best for it (亿元 beside 万元 is fine; 0.00亿 is not).
        let mags = spec.series.map { s in Magnitude.forAxis(maxAbs: s.values.compactMap { $0 }.map(abs).max() ?? 0) }
        func base(_ s: String) -> String {
            guard let i = s.firstIndex(where: { $0 == "（" || $0 == "(" }) else { return s }
            let inside = s[i...]
            return inside.contains("元") || inside.contains("万") || inside.contains("亿") ? String(s[..<i]) : s
        }
        var columns = [Document.Table.Column(c.data.categoryHeader)]
        columns += zip(spec.series, mags).map { s, m in
            let unit = money ? m.suffix + "元" : m.suffix
            return Document.Table.Column(base(s.name) + (unit.isEmpty ? "" : "（\(unit)）"), numeric: true)
        }
        let first = spec.series.first?.values ?? []
        let firstSum = first.compactMap { $0 }.reduce(0, +)
        let showShare = share && spec.series.count == 1 && firstSum > 0
        if showShare { columns.append(.init("占比", numeric: true)) }
        func cell(_ v: Double?, _ s: Int, quantum: Double? = nil) -> String {
            guard let v else { return "—" }
            return NumberFormatter.precise(v, scale: mags[s].rawValue, quantum: quantum)
        }
        var rows: [[String]] = []
        var cites: [[Int]] = []
        for (r, cat) in spec.categories.enumerated() {
            var row = [cat] + spec.series.indices.map { cell(spec.series[$0].values[r], $0) }
            if showShare { row.append(first[r].map { String(format: "%.1f%%", $0 / firstSum * 100) } ?? "—") }
            rows.append(row)
            cites.append(notes.cite(c.data.rowSources(r).map(\.note)))
        }
        var totalRow: [String]?
        if total {
            totalRow = ["合计"] + spec.series.indices.map { k in
                let inputs = spec.series[k].values.compactMap { $0 }
                return NumberFormatter.sum(inputs).map { cell($0, k, quantum: NumberFormatter.sumQuantum(inputs)) } ?? "—"
            }
            if showShare { totalRow?.append("100.0%") }
        }
        return Document.Table(id: c.file.name, caption: caption ?? spec.title ?? c.file.name, columns: columns, rows: rows,
                              total: totalRow, note: spec.subtitle.map { "注：\($0)" }, rowCitations: cites)
    }
}

// MARK: Rendering

extension BriefingJob {
    public struct Output: Sendable {
        public var files: [(name: String, kind: String, bytes: [UInt8])]
        public var warnings: [String]
        public var pageCount: Int
    }

    /// One format of the briefing: its files, warnings and (for the PDF) page count.
    public struct Part: Sendable {
        public var files: [(name: String, kind: String, bytes: [UInt8])]
        public var warnings: [String]
        public var pages: Int
    }

    /// Lays the document out and writes it in each requested format. Pure: returns bytes.
    /// The formats are drawn in parallel, each with its own measurer (Pango is per thread); the
    /// result does not depend on the order they finish in.
    public static func render(_ doc: BriefingDocument, name: String, formats: [String], measurer _: TextMeasurer,
                              date: Date? = sourceDateEpoch()) throws(BuildError) -> Output {
        let slots = ResultSlots<Part>(count: formats.count)
        let rasters = FigureRasters()
        DispatchQueue.concurrentPerform(iterations: formats.count) { i in
            do throws(BuildError) { slots.set(i, .success(try part(doc, name: name, format: formats[i], measurer: PangoMeasurer(), date: date, rasters: rasters))) } catch {
                slots.set(i, .failure(error))
            }
        }
        return try combine(slots.values)
    }

    /// Joins the parts of `render` (or of a build that drew them alongside other work), in format order.
    public static func combine(_ parts: [Result<Part, BuildError>?]) throws(BuildError) -> Output {
        var files: [(name: String, kind: String, bytes: [UInt8])] = [], warnings: [String] = [], pages = 0
        for r in parts {
            guard let r else { continue }
            let p = try r.get()
            files += p.files; warnings += p.warnings; pages = max(pages, p.pages)
        }
        return Output(files: files, warnings: warnings, pageCount: pages)
    }

    /// About how long one format takes on one core, in milliseconds (measured on the default
    /// build, six figures): the PDF lays out and embeds fonts, the deck draws a 2x slide PNG per
    /// figure, the Markdown draws the figure PNGs it shares with the Word document, HTML inlines SVGs.
    public static func cost(_ format: String, figures: Int) -> Double {
        let n = Double(figures)
        switch format {
        case "pdf": return 40 + 15 * n
        case "pptx": return 5 + 16 * n
        case "md": return 5 + 11 * n
        case "docx": return 5 + 3 * n
        case "html": return 5 + 3 * n
        default: return 10
        }
    }

    /// Writes one format. `measurer` must belong to the calling thread. Formats of one briefing
    /// given the same `rasters` draw each figure's PNG once (Markdown and Word share them).
    public static func part(_ doc: BriefingDocument, name: String, format: String, measurer m: TextMeasurer,
                            date: Date?, rasters: FigureRasters = FigureRasters()) throws(BuildError) -> Part {
        // Without SOURCE_DATE_EPOCH the files carry the build time, as a reader expects.
        let stamp = date ?? Date()
        do {
            switch format {
            case "pdf":
                let laid = try PageLayout.layout(doc, measurer: m)
                let r = try Renderer.pdf(laid.pages, metadata: PDFMetadata(
                    title: doc.title, author: doc.organisation, subject: doc.subtitle, keywords: doc.keywords.joined(separator: ", "),
                    creator: "reportgen \(reportgenVersion)", date: stamp))
                return Part(files: [("\(name).pdf", "briefing", r.bytes)],
                            warnings: laid.warnings.map { "\(name): \($0)" } + r.warnings.map { "\(name).pdf: \($0.message)" }, pages: laid.pages.count)
            case "html":
                return Part(files: [("\(name).html", "briefing", try HTMLWriter.html(doc, measurer: m).bytes)], warnings: [], pages: 0)
            case "md":
                let md = try MarkdownWriter.markdown(doc, stem: name, measurer: m, rasters: rasters)
                return Part(files: [("\(name).md", "briefing", md.markdown)] + md.images.map { ($0.name, "figure", $0.png) }, warnings: [], pages: 0)
            case "pptx":
                return Part(files: [("\(name).pptx", "briefing", try PPTXWriter.pptx(doc, measurer: m, date: stamp).bytes)], warnings: [], pages: 0)
            case "docx":
                return Part(files: [("\(name).docx", "briefing", try DOCXWriter.docx(doc, measurer: m, date: stamp, rasters: rasters).bytes)], warnings: [], pages: 0)
            default: return Part(files: [], warnings: [], pages: 0)
            }
        } catch let e as CanvasError { throw .output(e) } catch let e as DocumentError { throw .other("\(name): \(e.description)") } catch {
            throw .other("\(name): \(error)")
        }
    }
}
