import Canvas
import Document
import Extraction
import Foundation
import Timeline

/// One job of a report build: the facts, a chart, a timeline, the briefing. A new kind of output
/// is one new type here; `ReportBuild` keys, reuses, runs and stages every job the same way.
///
/// Jobs are classes whose state is written by `prepare` (serially) and only read by `render`
/// (in parallel, after every `prepare` has returned), hence `@unchecked Sendable`.
protocol BuildJob: AnyObject, Sendable {
    /// `chart:aksu-2015-funding`: the cache entry and the progress line.
    var id: String { get }
    /// What the output depends on — tool version, spec text, the content of every input — as
    /// the parts of its cache key. Cheap: hashes only, nothing is drawn.
    func keyParts(_ c: BuildContext) throws(BuildError) -> [String]
    /// Serial work before the parallel pass, only when the job is redone (read data once).
    func prepare(_ c: BuildContext) throws(BuildError)
    /// Pieces that can be drawn side by side (a briefing's formats); most jobs have one.
    var pieces: [Int] { get }
    /// About how long `piece` takes to draw on one core, in milliseconds (measured on the
    /// default build). The parallel pass starts the longest first: on two cores, a long piece
    /// left for last (the slide deck was) keeps one core busy while the other idles.
    func cost(piece: Int) -> Double
    /// Draws one piece. Called in parallel; `measurer` belongs to the calling thread.
    func render(piece: Int, measurer: TextMeasurer) throws(BuildError) -> ReportBuild.JobOutput
    /// Joins the pieces' outputs (in piece order) into the job's files.
    func combine(_ parts: [ReportBuild.JobOutput]) throws(BuildError) -> ReportBuild.JobOutput
}

extension BuildJob {
    var pieces: [Int] { [0] }
    func cost(piece: Int) -> Double { 10 }
    func prepare(_ c: BuildContext) throws(BuildError) {}
    func combine(_ parts: [ReportBuild.JobOutput]) throws(BuildError) -> ReportBuild.JobOutput {
        ReportBuild.JobOutput(files: parts.flatMap(\.files), inputs: parts.first?.inputs ?? [], warnings: parts.flatMap(\.warnings))
    }
}

/// What jobs share within one build: the inputs, the facts (extracted once, when a job that
/// reads them is redone), each chart's data and each timeline's events (resolved once, read by
/// the chart or timeline and by the briefing), and the keys of the jobs keyed so far.
final class BuildContext {
    let inputs: ReportBuild.Inputs
    let epoch: Date?
    let now: Date
    /// The day (or epoch) the briefing prints; figures do not show it.
    let clock: String
    /// Figures' PDFs carry SOURCE_DATE_EPOCH or the epoch: only a set epoch is part of their key.
    let figureClock: String
    let factsKey: String
    let articles: [String]
    var keys: [String: String] = [:]
    private(set) var docs: [DocumentFacts] = []
    private var base: FactBase?
    var chartData: [String: ChartData] = [:]
    var timelines: [String: (TimelineSpec, [TimelineFile.Row])] = [:]

    init(inputs: ReportBuild.Inputs, epoch: Date?, now: Date) throws(BuildError) {
        self.inputs = inputs; self.epoch = epoch; self.now = now
        clock = epoch.map { "epoch \(Int($0.timeIntervalSince1970))" } ?? "day \(BriefingJob.chineseDate(now))"
        figureClock = epoch.map { "epoch \(Int($0.timeIntervalSince1970))" } ?? "no epoch"
        let textHashes = try inputs.sources.map { s throws(BuildError) in try "\(s.path)|\(s.referenceDate ?? "")|\(ReportBuild.fileHash(s.path))" }
        factsKey = BuildCache.key(["facts", reportgenVersion] + textHashes)
        articles = inputs.sources.map(\.path)
    }

    func facts() throws(BuildError) -> FactBase {
        if let base { return base }
        docs = try ReportBuild.extract(docs: inputs.sources)
        let b = FactBase(documents: docs)
        base = b
        return b
    }

    func data(_ c: ChartFile) throws(BuildError) -> ChartData {
        if let d = chartData[c.name] { return d }
        let d = c.facts == nil ? try c.data(facts: nil, articles: articles) : try c.data(facts: try facts(), articles: articles)
        chartData[c.name] = d
        return d
    }

    func resolved(_ t: TimelineFile) throws(BuildError) -> (TimelineSpec, [TimelineFile.Row]) {
        if let r = timelines[t.name] { return r }
        let r = try t.resolved(facts: try facts())
        timelines[t.name] = r
        return r
    }
}

/// facts.json: every fact of the build's articles.
final class FactsJob: BuildJob, @unchecked Sendable {
    let id = "facts"
    private var encoded: [UInt8] = []
    private var sources: [String] = []
    private var warnings: [String] = []

    func keyParts(_ c: BuildContext) throws(BuildError) -> [String] { ["facts", c.factsKey] }

    func prepare(_ c: BuildContext) throws(BuildError) {
        _ = try c.facts()
        do { encoded = [UInt8](try FactMerger.factsJSON(c.docs)) + [0x0A] } catch { throw .other("cannot encode facts: \(error)") }
        sources = c.inputs.sources.map(\.path)
        warnings = c.docs.flatMap(\.warnings)
    }

    /// The facts are extracted and encoded in `prepare`; drawing only hands the bytes over.
    func cost(piece: Int) -> Double { 1 }

    func render(piece: Int, measurer: TextMeasurer) throws(BuildError) -> ReportBuild.JobOutput {
        ReportBuild.JobOutput(files: [("facts.json", "data", encoded)], inputs: sources, warnings: warnings)
    }
}

/// One chart: its formats and the CSV of its numbers with their sources.
final class ChartBuildJob: BuildJob, @unchecked Sendable {
    let file: ChartFile
    private var data: ChartData?
    var id: String { "chart:\(file.name)" }
    init(_ file: ChartFile) { self.file = file }

    /// A CSV's key covers the CSV and the articles it cites (their text is checked); a fact
    /// chart's, the facts. The clock only when SOURCE_DATE_EPOCH is set.
    func keyParts(_ c: BuildContext) throws(BuildError) -> [String] {
        var parts = ["chart", c.figureClock, try ReportBuild.fileHash(file.path)]
        if file.facts == nil {
            let d = try c.data(file)
            parts.append(try ReportBuild.fileHash(file.dataPath))
            for a in d.articles { parts.append("\(a)|\(try ReportBuild.fileHash(a))") }
        } else {
            parts.append(c.factsKey)
        }
        return parts
    }

    func prepare(_ c: BuildContext) throws(BuildError) { data = try c.data(file) }

    func cost(piece: Int) -> Double { FigureFiles.cost(file.formats) }

    func render(piece: Int, measurer: TextMeasurer) throws(BuildError) -> ReportBuild.JobOutput {
        guard let data else { throw .other("chart \(file.name) has no data") }
        let o = try ChartJob.render(file, data: data, measurer: measurer)
        return ReportBuild.JobOutput(figure: o, kind: "chart")
    }
}

/// One timeline: its formats and the CSV of its events.
final class TimelineBuildJob: BuildJob, @unchecked Sendable {
    let file: TimelineFile
    private var resolved: (TimelineSpec, [TimelineFile.Row])?
    var id: String { "timeline:\(file.name)" }
    init(_ file: TimelineFile) { self.file = file }

    func keyParts(_ c: BuildContext) throws(BuildError) -> [String] {
        var parts = ["timeline", c.figureClock, c.factsKey, try ReportBuild.fileHash(file.path)]
        if let d = file.dataPath { parts.append(try ReportBuild.fileHash(d)) }
        return parts
    }

    func prepare(_ c: BuildContext) throws(BuildError) { resolved = try c.resolved(file) }

    func cost(piece: Int) -> Double { FigureFiles.cost(file.formats) }

    func render(piece: Int, measurer: TextMeasurer) throws(BuildError) -> ReportBuild.JobOutput {
        guard let resolved else { throw .other("timeline \(file.name) was not resolved") }
        let o = try TimelineJob.render(file, resolved: resolved, measurer: measurer)
        return ReportBuild.JobOutput(figure: o, kind: "timeline")
    }
}

/// The briefing: compiled once from every chart's data and timeline's events, then written in
/// each format side by side (the slowest first).
final class BriefingBuildJob: BuildJob, @unchecked Sendable {
    let file: BriefingFile
    private var doc: BriefingDocument?
    private var epoch: Date?
    private var ins: [String] = []
    /// The figures' PNGs, drawn once for the formats that embed the same picture.
    private let rasters = FigureRasters()
    var id: String { "briefing:\(file.name)" }
    init(_ file: BriefingFile) { self.file = file }

    /// The briefing prints the day, and shows every chart and timeline: their keys are part of its own.
    func keyParts(_ c: BuildContext) throws(BuildError) -> [String] {
        let figures = c.inputs.charts.map { c.keys["chart:\($0.name)"] ?? "" } + c.inputs.timelines.map { c.keys["timeline:\($0.name)"] ?? "" }
        return ["briefing", c.clock, c.factsKey, try ReportBuild.fileHash(file.path)] + figures
    }

    func prepare(_ c: BuildContext) throws(BuildError) {
        var charts: [(ChartFile, ChartData)] = []
        for f in c.inputs.charts { charts.append((f, try c.data(f))) }
        var timelines: [(TimelineFile, (TimelineSpec, [TimelineFile.Row]))] = []
        for t in c.inputs.timelines { timelines.append((t, try c.resolved(t))) }
        let library = BriefingJob.Library(charts: charts, timelines: timelines, facts: try c.facts())
        do throws(BuildError) { doc = try BriefingJob.compile(file, library: library, date: c.epoch ?? c.now) } catch { throw .invalidSpec(error) }
        epoch = c.epoch
        ins = [file.path] + c.inputs.charts.map(\.path) + c.inputs.timelines.map(\.path) + c.inputs.sources.map(\.path)
    }

    var pieces: [Int] { Array(file.formats.indices) }

    func cost(piece: Int) -> Double { BriefingJob.cost(file.formats[piece], figures: doc?.figures.count ?? 0) }

    func render(piece: Int, measurer: TextMeasurer) throws(BuildError) -> ReportBuild.JobOutput {
        guard let doc else { throw .other("briefing \(file.name) was not compiled") }
        let p = try BriefingJob.part(doc, name: file.name, format: file.formats[piece], measurer: measurer, date: epoch, rasters: rasters)
        return ReportBuild.JobOutput(files: p.files, inputs: ins, warnings: p.warnings)
    }

    func combine(_ parts: [ReportBuild.JobOutput]) throws(BuildError) -> ReportBuild.JobOutput {
        ReportBuild.JobOutput(files: parts.flatMap(\.files), inputs: ins, warnings: parts.flatMap(\.warnings))
    }
}
