import ArgumentParser
import Foundation
import Logging
import Pipeline

/// `reportgen watch SPEC`: rebuilds whenever the spec or anything it reads changes.
///
/// Polls sizes and modification times (no inotify dependency; a report has tens of inputs) and
/// waits until they have been still for the debounce interval, so an editor's save-in-steps
/// triggers one build. A broken spec is reported and watched until it is fixed.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Rebuild a report whenever its spec or inputs change (Ctrl-C stops).")

    @Argument(help: "The report spec (YAML); without one, the seeds folder's briefing.yaml.")
    var spec: String?

    @Option(name: .long, help: "Folder with the default report.")
    var seeds = "seeds"

    @Option(name: .long, help: "Output folder.")
    var out = "out"

    @Option(name: .long, help: "Quiet time in milliseconds before a change is built.")
    var debounce = 300

    func run() throws {
        let log = makeLogger(quiet: false)
        var lastBuilt: [String: String] = [:]
        var pending: [String: String]?
        var stableSince = Date()
        while true {
            let files = watchedFiles()
            let now = fingerprint(files)
            if now != lastBuilt {
                if now != pending { pending = now; stableSince = Date() }
                if Date().timeIntervalSince(stableSince) * 1000 >= Double(debounce) {
                    // What is built is what was seen before building: a change made during the
                    // build differs from it and triggers the next one.
                    lastBuilt = now
                    build(log)
                    pending = nil
                }
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func load() throws(BuildError) -> ReportBuild.Inputs {
        if let spec { return try ReportBuild.inputs(spec: spec) }
        return try ReportBuild.inputs(seeds: seeds)
    }

    func build(_ log: Logger) {
        let start = Date()
        do {
            let s = try ReportBuild.run(try load(), options: BuildOptions(out: out))
            log.info("built \(out): \(s.rebuilt.count) jobs redone, \(s.reused.count) unchanged, in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        } catch {
            log.error("\(error.description) — watching for a fix")
        }
    }

    /// The spec and every file it reads; just the spec (or seeds folder) while it is broken.
    func watchedFiles() -> [String] {
        let root = spec ?? (seeds as NSString).appendingPathComponent("briefing.yaml")
        guard let inputs = try? load() else { return [root] }
        return [root] + inputs.sources.map(\.path) + inputs.charts.flatMap { [$0.path, $0.dataPath] }
            + inputs.timelines.flatMap { [$0.path] + ($0.dataPath.map { [$0] } ?? []) }
    }

    func fingerprint(_ files: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for f in files {
            let a = try? FileManager.default.attributesOfItem(atPath: f)
            out[f] = "\((a?[.size] as? Int) ?? -1)|\((a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        return out
    }
}
