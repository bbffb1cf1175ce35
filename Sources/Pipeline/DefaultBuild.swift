import Canvas
import Extraction
import Foundation

/// The main job: everything the seeds folder describes, into one output folder.
/// Today that is the charts under `seeds/charts/`; timelines and the briefing join as they land.
public enum DefaultBuild {
    public struct Summary: Sendable {
        public var manifest: Manifest
        public var warnings: [String]
    }

    public static func run(seeds: String, out: String) throws(BuildError) -> Summary {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: seeds, isDirectory: &isDir), isDir.boolValue else {
            throw .unreadable(path: seeds, reason: "no such folder; pass the folder that holds the articles and charts/ with --seeds")
        }
        let charts = try ChartJob.chartFiles(in: (seeds as NSString).appendingPathComponent("charts"))
        guard !charts.isEmpty else {
            throw .noInputs(folder: (seeds as NSString).appendingPathComponent("charts"))
        }
        let folder = try OutputFolder(root: out)
        var warnings: [String] = []
        if let w = FontCheck.chineseCoverageWarning() { warnings.append(w) }
        let docs = try extract(seeds: seeds)
        warnings += docs.flatMap(\.warnings)
        if !docs.isEmpty {
            let bytes: [UInt8]
            do { bytes = [UInt8](try FactMerger.factsJSON(docs)) + [0x0A] } catch { throw .other("cannot encode facts: \(error)") }
            try folder.write(bytes, name: "facts.json", kind: "data", inputs: docs.map(\.path))
        }
        warnings += try ChartJob.run(charts, into: folder)
        let merged = FactMerger.merge(docs).facts
        let measurer = PangoMeasurer()
        let timelines = try TimelineJob.files(in: (seeds as NSString).appendingPathComponent("timelines"))
        for t in timelines {
            let o = try TimelineJob.render(t, facts: merged, measurer: measurer)
            for (name, bytes) in o.files {
                try folder.write(bytes, name: name, kind: name.hasSuffix(".csv") ? "data" : "timeline", inputs: o.inputs)
            }
            warnings += o.warnings
        }
        let briefingPath = (seeds as NSString).appendingPathComponent("briefing.yaml")
        if FileManager.default.fileExists(atPath: briefingPath) {
            let file = try BriefingFile.load(briefingPath)
            let library = try BriefingJob.Library(charts: charts, timelines: timelines, facts: merged)
            let doc = try BriefingJob.compile(file, library: library, date: sourceDateEpoch() ?? Date())
            let o = try BriefingJob.render(doc, name: file.name, formats: file.formats, measurer: measurer)
            let inputs = [briefingPath] + charts.map(\.path) + timelines.map(\.path) + docs.map(\.path)
            for f in o.files { try folder.write(f.bytes, name: f.name, kind: f.kind, inputs: inputs) }
            warnings += o.warnings
        }
        try folder.finish()
        return Summary(manifest: folder.manifest, warnings: warnings)
    }

    /// Extracts every article (`*.txt`) directly under `seeds`.
    static func extract(seeds: String) throws(BuildError) -> [DocumentFacts] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: seeds)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        var docs: [DocumentFacts] = []
        let ex = Extractor()
        for n in names {
            let path = (seeds as NSString).appendingPathComponent(n)
            do { docs.append(try ex.extract(file: path)) } catch { throw .other("\(error)") }
        }
        return docs
    }
}
