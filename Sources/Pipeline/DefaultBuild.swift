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
        warnings += try writeFacts(seeds: seeds, into: folder)
        warnings += try ChartJob.run(charts, into: folder)
        try folder.finish()
        return Summary(manifest: folder.manifest, warnings: warnings)
    }

    /// Extracts every article under `seeds` into `facts.json`, copies of one article merged.
    static func writeFacts(seeds: String, into folder: OutputFolder) throws(BuildError) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: seeds)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        guard !names.isEmpty else { return [] }
        var docs: [DocumentFacts] = []
        let ex = Extractor()
        for n in names {
            let path = (seeds as NSString).appendingPathComponent(n)
            do { docs.append(try ex.extract(file: path)) } catch {
                throw .other("\(error)")
            }
        }
        let bytes: [UInt8]
        do { bytes = [UInt8](try FactMerger.factsJSON(docs)) + [0x0A] } catch { throw .other("cannot encode facts: \(error)") }
        try folder.write(bytes, name: "facts.json", kind: "data", inputs: docs.map(\.path))
        return docs.flatMap(\.warnings)
    }
}
