import Foundation

/// The main job: the report the seeds folder describes (`seeds/briefing.yaml`), into one
/// output folder. A thin wrapper over `ReportBuild` for the CLI's default and the benchmark.
public enum DefaultBuild {
    public static func run(seeds: String, out: String, force: Bool = false) throws(BuildError) -> ReportBuild.Summary {
        var o = BuildOptions(out: out)
        o.force = force
        return try ReportBuild.run(try ReportBuild.inputs(seeds: seeds), options: o)
    }
}
