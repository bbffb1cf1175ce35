import Canvas
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
        warnings += try ChartJob.run(charts, into: folder)
        try folder.finish()
        return Summary(manifest: folder.manifest, warnings: warnings)
    }
}
