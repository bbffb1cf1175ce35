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

    @OptionGroup var outputs: FigureOutputs

    @Option(help: "Articles to read milestones from when the timeline file selects facts.")
    var articles: [String] = []

    @Option(help: "horizontal (slides) or vertical (A4 pages).")
    var orientation: Orientation?

    @Option(help: "Title.")
    var title: String?

    func run() throws { try FigureOutputs.run(render) }

    private func render() throws {
        var file: TimelineFile
        if input.hasSuffix(".yaml") || input.hasSuffix(".yml") {
            file = try TimelineFile.load(input)
        } else {
            let safe = ReportBuild.stem(input).filter(OutputName.isAllowed)
            file = try TimelineFile.parse("name: \(safe.isEmpty ? "timeline" : safe)\n", path: input)
            file.dataPath = input
        }
        if let orientation { file.spec.orientation = orientation }
        if let title { file.spec.title = title }
        if let size = outputs.sizePreset { file.spec.size = size }
        let docs = try articles.map { try Extractor().extract(file: $0) }
        let (spec, _) = try file.resolved(facts: FactMerger.merge(docs).facts)
        let laid = try Timeline.layout(spec, measurer: PangoMeasurer())
        try outputs.write(laid.frame, dpi: laid.dpi, title: spec.title, layoutWarnings: laid.warnings)
    }
}

extension Orientation: ExpressibleByArgument {}
