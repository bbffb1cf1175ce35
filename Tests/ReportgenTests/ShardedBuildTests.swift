import Foundation
import Testing
import TestSupport

/// A batch split over processes, as a Kubernetes Indexed Job or a Slurm array would run it:
/// the shards together write exactly what one unsharded build writes.
@Suite(.serialized) struct ShardedBuildTests {
    let bin = Tools.reportgenBinary()
    let seeds = GoldenImage.packageRoot().appendingPathComponent("seeds").path
    let env = ["SOURCE_DATE_EPOCH": "1700000000"]

    /// A copy of the seeds with a spec of six reports (one per parameter set).
    func batchSpec() throws -> String {
        let dir = Tools.temporaryFolder() + "/seeds"
        try FileManager.default.copyItem(atPath: seeds, toPath: dir)
        let spec = dir + "/counties.yaml"
        let sets = [("阿克苏", "aksu-2015-funding"), ("乌什", "wushi-2020-funds"), ("温宿", "aksu-2015-shares"),
                    ("库车", "aksu-2015-ecommerce"), ("沙雅", "aksu-2015-funding"), ("拜城", "wushi-2020-funds")]
        try """
        name: county
        title: ${county}援疆简报
        parameters:
        \(sets.map { "  - {county: \($0.0), chart: \($0.1)}" }.joined(separator: "\n"))
        sources: ["*.txt"]
        charts: ["charts/${chart}.yaml"]
        timelines: []
        values:
          n: {chart: "${chart}", count: true}
        sections:
          - heading: ${county}
            text: 共{{n}}项。
            figure: ${chart}
        formats: [pdf, md]
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        return spec
    }

    /// Every file under `root` but the build's own state, by relative path, with its bytes.
    func files(_ root: String, skipping skip: (String) -> Bool = { _ in false }) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = try #require(FileManager.default.enumerator(atPath: root))
        while let rel = e.nextObject() as? String {
            if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) || skip(rel) { continue }
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir)
            if !isDir.boolValue { out[rel] = FileManager.default.contents(atPath: root + "/" + rel) }
        }
        return out
    }

    /// Runs the shards of one batch at the same time, each its own process.
    func runShards(_ spec: String, outs: [String], count: Int) throws -> [ToolRun] {
        let runs = ResultBox(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            runs.set(i, try? Tools.run(bin, ["build", spec, "--out", outs[i], "--shard", "\(i + 1)/\(count)"], environment: env))
        }
        return try runs.values.map { try #require($0) }
    }

    @Test func threeShardsInThreeProcessesWriteWhatTheUnshardedBuildWrites() throws {
        let spec = try batchSpec()
        let whole = Tools.temporaryFolder() + "/whole", shared = Tools.temporaryFolder() + "/shared"
        let r = try Tools.run(bin, ["build", spec, "--out", whole], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try files(whole)
        #expect(expected.keys.filter { $0.hasSuffix("/manifest.json") }.count == 6)
        #expect(expected["index.json"] != nil)

        let shards = try runShards(spec, outs: Array(repeating: shared, count: 3), count: 3)
        var ran: [String] = []
        for (i, s) in shards.enumerated() {
            #expect(s.status == 0, "\(s.stderr)")
            let line = try #require(s.stderr.split(separator: "\n").first { $0.contains("shard \(i + 1)/3:") }, "\(s.stderr)")
            #expect(line.contains("2 of 6 reports"), "\(line)")
            ran += line.components(separatedBy: ": ").last?.components(separatedBy: ", ") ?? []
        }
        #expect(Set(ran).count == 6)
        let merge = try Tools.run(bin, ["index", shared])
        #expect(merge.status == 0 && merge.stderr.contains("6 reports, 6 built, 0 failed"), "\(merge.stderr)")
        let got = try files(shared) { $0.hasPrefix("index-") }
        #expect(Set(got.keys) == Set(expected.keys))
        for (path, bytes) in expected { #expect(got[path] == bytes, "\(path) differs") }
    }

    @Test func shardsInSeparateTreesMergeIntoOneIndexAndAMissingShardIsAnError() throws {
        let spec = try batchSpec()
        let base = Tools.temporaryFolder()
        let trees = (1...3).map { "\(base)/host\($0)" }
        let shards = try runShards(spec, outs: trees, count: 3)
        #expect(shards.allSatisfy { $0.status == 0 }, "\(shards.map(\.stderr))")
        // Without the third tree the index would be short: refused, naming the shard.
        let short = try Tools.run(bin, ["index", trees[0], trees[1]])
        #expect(short.status == 1 && short.stderr.contains("3/3"), "\(short.stderr)")
        #expect(!FileManager.default.fileExists(atPath: trees[0] + "/index.json"))
        let merge = try Tools.run(bin, ["index"] + trees)
        #expect(merge.status == 0, "\(merge.stderr)")
        let data = try #require(FileManager.default.contents(atPath: trees[0] + "/index.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let reports = try #require(json["reports"] as? [[String: Any]])
        #expect(reports.count == 6)
        for r in reports {
            let manifest = try #require(r["manifest"] as? String)
            #expect(FileManager.default.fileExists(atPath: trees[0] + "/" + manifest), "\(manifest)")
        }
    }

    @Test func theSchedulersIndexIsReadWhenOnlyTheCountIsGiven() throws {
        let spec = try batchSpec()
        let out = Tools.temporaryFolder() + "/out"
        let k8s = try Tools.run(bin, ["build", spec, "--out", out, "--shard", "3"], environment: env.merging(["JOB_COMPLETION_INDEX": "1"]) { $1 })
        #expect(k8s.status == 0 && k8s.stderr.contains("shard 2/3:"), "\(k8s.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/index-2-of-3.json"))
        let none = try Tools.run(bin, ["build", spec, "--out", out, "--shard", "3"], environment: nil)
        #expect(none.status == 2 && none.stderr.contains("JOB_COMPLETION_INDEX"), "\(none.stderr)")
        let bad = try Tools.run(bin, ["build", spec, "--out", out, "--shard", "4/3"])
        #expect(bad.status == 2 && bad.stderr.contains("1 to 3"), "\(bad.stderr)")
    }
}

/// Results written from concurrent closures.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ToolRun?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: ToolRun?) { lock.lock(); slots[i] = v; lock.unlock() }
    var values: [ToolRun?] { lock.lock(); defer { lock.unlock() }; return slots }
}
