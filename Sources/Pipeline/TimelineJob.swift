import Canvas
import Document
import Extraction
import Foundation
import Timeline

/// Renders timeline files into the output folder with a CSV of their events (`kind: timeline`).
public enum TimelineJob {
    public static func files(in dir: String) throws(BuildError) -> [TimelineFile] {
        var out: [TimelineFile] = []
        for path in OutputName.yamlFiles(in: dir) { out.append(try TimelineFile.load(path)) }
        return out
    }

    public static func render(_ file: TimelineFile, facts: [MergedFact], measurer: TextMeasurer) throws(BuildError) -> ChartJob.Output {
        try render(file, resolved: try file.resolved(facts: FactBase(facts: facts)), measurer: measurer)
    }

    /// Draws a timeline already resolved against the build's facts (resolved once, shared with the briefing).
    public static func render(_ file: TimelineFile, resolved: (TimelineSpec, [TimelineFile.Row]), measurer: TextMeasurer) throws(BuildError) -> ChartJob.Output {
        let (spec, rows) = resolved
        let laid: TimelineFrame
        do { laid = try Timeline.layout(spec, measurer: measurer) } catch {
            throw .data(path: file.path, line: nil, field: nil, message: error.description)
        }
        var frame = laid.frame
        frame.alternative = TextAlternative(title: spec.title, description: FigureDescription.timeline(spec))
        var (files, warnings) = try FigureFiles.encode(frame, dpi: laid.dpi, name: file.name, formats: file.formats,
                                                       title: spec.title, subject: spec.subtitle)
        warnings = laid.warnings.map { "\(file.name): \($0)" } + warnings
        let header = ["date", "precision", "label", "lane", "label_source", "source"]
        let csv = ([header] + rows.map(\.cells)).map(FigureFiles.csvLine).joined()
        files.append(("\(file.name).csv", Array(csv.utf8)))
        var inputs = [file.path] + (file.dataPath.map { [$0] } ?? [])
        inputs += Set(rows.flatMap { $0.sources.filter { $0.span != nil }.map(\.file) }).sorted()
        return ChartJob.Output(name: file.name, files: files, inputs: inputs, warnings: warnings)
    }
}
