import ArgumentParser
import Foundation
import Logging
import Pipeline

/// `reportgen watch SPEC`: rebuilds whenever the spec or anything it reads changes.
///
/// Polls (no inotify dependency; a report has tens of inputs) the size, time and inode of every
/// input and of the folders holding them, and waits until they have been still for the debounce
/// interval, so an editor's save-in-steps triggers one build. The spec is read again only when a
/// folder or an input changed — a new chart file, an edited glob — not on every tick, so an idle
/// watch costs a few dozen `stat` calls a tenth of a second. A broken spec is reported and
/// watched until it is fixed.
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
        var files = watchedFiles()
        var folderList = Self.folders(of: files)
        var folders = fingerprint(folderList)
        var inputs = fingerprint(files)
        var lastBuilt: [String: String] = [:]
        var pending: [String: String]?
        var stableSince = Date()
        while true {
            if fingerprint(folderList) != folders || fingerprint(files) != inputs {
                // Files came or went, or one changed (the spec, perhaps): the inputs may be others now.
                files = watchedFiles()
                folderList = Self.folders(of: files)
                folders = fingerprint(folderList)
                inputs = fingerprint(files)
            }
            if inputs != lastBuilt {
                if inputs != pending { pending = inputs; stableSince = Date() }
                if Date().timeIntervalSince(stableSince) * 1000 >= Double(debounce) {
                    // What is built is what was seen before building: a change made during the
                    // build differs from it and triggers the next one.
                    lastBuilt = inputs
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

    /// The folders holding `files` (the spec first), and the spec folder's own subfolders: where
    /// a new chart or article appears — also in a folder that held none yet — or an editor's save
    /// replaces a file by renaming a new one over it.
    static func folders(of files: [String]) -> [String] {
        func parent(_ f: String) -> String {
            let d = (f as NSString).deletingLastPathComponent
            return d.isEmpty ? "." : d
        }
        var out = Set(files.map(parent))
        if let spec = files.first {
            let root = parent(spec)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where !name.hasPrefix(".") {
                var isDir: ObjCBool = false
                let path = (root as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { out.insert(path) }
            }
        }
        return out.sorted()
    }

    /// Size, modification time (ns) and inode of each path; "-" for one that is missing.
    func fingerprint(_ paths: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for p in paths {
            var st = stat()
            out[p] = stat(p, &st) == 0 ? "\(st.st_size)|\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)|\(st.st_ino)" : "-"
        }
        return out
    }
}
