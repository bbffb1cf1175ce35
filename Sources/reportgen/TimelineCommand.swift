import ArgumentParser
import Canvas
import Charts
import Extraction
import Foundation
import Pipeline
import Timeline

/// `reportgen timeline EVENTS.yaml|EVENTS.csv -o out/timeline.png`
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Render a timeline from a timeline file (.yaml) or a CSV of events (date, label[, precision, end, lane, detail, source]).")

    @Argument(help: "A YAML timeline file or a CSV of events.")
    var input: String

    @Option(name: .shortAndLong, help: "Output file (.png, .pdf or .svg); repeat for several formats.")
    var output: [String] = []

    @Option(help: "Articles to read milestones from when the timeline file selects facts.")
    var articles: [String] = []

    @Option(help: "horizontal (slides) or vertical (A4 pages).")
    var orientation: Orientation?

    @Option(help: "Title.")
    var title: String?

    @Option(help: "figure, a4, slide, slide2x, square or WxH[@DPI] (points).")
    var size: String?

    func validate() throws {
        if output.isEmpty { throw ValidationError("give at least one output file with -o, e.g. -o out/timeline.png") }
        for o in output where (try? OutputFormat(path: o)) == nil {
            throw ValidationError("\(o): the extension must be .png, .pdf or .svg")
        }
        if let size, (try? SizePreset(parsing: size)) == nil {
            throw ValidationError("--size \(size): use figure, a4, slide, slide2x, square or WxH[@DPI]")
        }
    }

    func run() throws {
        do { try render() } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw Exit.buildFailed
        }
    }

    private func render() throws {
        var file: TimelineFile
        if input.hasSuffix(".yaml") || input.hasSuffix(".yml") {
            file = try TimelineFile.load(input)
        } else {
            let stem = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
            let safe = stem.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            file = try TimelineFile.parse("name: \(safe.isEmpty ? "timeline" : safe)\n", path: input)
            file.dataPath = input
        }
        if let orientation { file.spec.orientation = orientation }
        if let title { file.spec.title = title }
        if let size { file.spec.size = try SizePreset(parsing: size) }
        let docs = try articles.map { try Extractor().extract(file: $0) }
        let (spec, _) = try file.resolved(facts: FactMerger.merge(docs).facts)
        let laid = try Timeline.layout(spec, measurer: PangoMeasurer())
        for w in laid.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
        for o in output {
            try Renderer.write([laid.frame], to: o, raster: RasterOptions(dpi: laid.dpi),
                               metadata: PDFMetadata(title: spec.title, creator: "reportgen \(reportgenVersion)", date: sourceDateEpoch()))
        }
    }
}

extension Orientation: ExpressibleByArgument {}
