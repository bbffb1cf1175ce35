import ArgumentParser
import Foundation
import Pipeline

/// The last step of a sharded batch: merges the part each shard wrote into one `index.json`.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Merge the index parts of a sharded batch (OUT/index-I-of-N.json) into OUT/index.json.",
        discussion: """
        Give the one shared output folder, or each shard's folder (the index goes into the first, \
        with the other folders' reports listed relative to it). Exit codes: 0 every report built; \
        1 a shard wrote no part, parts disagree, or a report failed (the index is still written \
        when only reports failed).
        """)

    @Argument(help: "Output folders holding the shards' index parts; the first receives index.json.")
    var folders: [String]

    func run() throws {
        let log = makeLogger(quiet: false)
        guard !folders.isEmpty else {
            log.error("give the output folder (or each shard's folder) to merge")
            throw Exit.badUsage
        }
        let index: BatchIndex
        do throws(BatchIndexError) {
            index = try BatchIndex.merge(folders: folders)
            try index.write(into: folders[0])
        } catch {
            log.error("\(error)")
            throw Exit.buildFailed
        }
        let failed = index.reports.filter { $0.status != "built" }
        log.info("wrote \((folders[0] as NSString).appendingPathComponent(BatchIndex.fileName)): \(index.reports.count) reports, \(index.reports.count - failed.count) built, \(failed.count) failed")
        for f in failed { log.error("\(f.name) failed: \(f.error ?? "")") }
        if !failed.isEmpty { throw Exit.buildFailed }
    }
}
