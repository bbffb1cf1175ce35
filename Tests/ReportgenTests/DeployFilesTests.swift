import Foundation
import Testing
import TestSupport
import Yams

/// The files in deploy/ are documentation a scheduler runs: every reportgen flag they use must
/// exist, the YAML must parse, and the shard counts must agree with what the scheduler runs.
@Suite struct DeployFilesTests {
    let bin = Tools.reportgenBinary()
    let deploy = GoldenImage.packageRoot().appendingPathComponent("deploy").path

    func text(_ name: String) throws -> String { try String(contentsOfFile: deploy + "/" + name, encoding: .utf8) }

    /// Each reportgen command in a file, as words: from shell lines and YAML `args:` lists.
    func invocations(_ name: String) throws -> [[String]] {
        var out: [[String]] = []
        for line in try text(name).split(separator: "\n").map(String.init) where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            if let r = line.range(of: "reportgen ") {
                let rest = line[r.upperBound...].components(separatedBy: CharacterSet(charactersIn: "\"'&;|")).first ?? ""
                out.append(rest.split(separator: " ").map(String.init))
            }
        }
        if name.hasSuffix(".yaml") {
            for doc in try Yams.load_all(yaml: try text(name)) {
                func walk(_ v: Any?) {
                    if let m = v as? [String: Any] {
                        if let args = m["args"] as? [Any] { out.append(args.map { "\($0)" }) }
                        m.values.forEach(walk)
                    } else if let a = v as? [Any] { a.forEach(walk) }
                }
                walk(doc)
            }
        }
        return out
    }

    @Test func everyFlagTheDeployFilesUseExists() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: deploy).sorted()
        #expect(files.count >= 4)
        var checked = 0
        for f in files {
            for words in try invocations(f) {
                guard let sub = words.first, !sub.hasPrefix("-") else { continue }
                let help = try Tools.run(bin, [sub, "--help"])
                #expect(help.status == 0, "\(f): reportgen \(sub) is not a command")
                for flag in words.dropFirst() where flag.hasPrefix("--") {
                    let name = String(flag.split(separator: "=")[0])
                    #expect(help.stdout.contains(name + " ") || help.stdout.contains(name + "\n") || help.stdout.contains(name + ","),
                            "\(f): reportgen \(sub) has no \(name)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 10)
    }

    @Test func theKubernetesJobIsAnIndexedJobWithAsManyCompletionsAsShards() throws {
        let docs = try Yams.load_all(yaml: try text("kubernetes-cronjob.yaml")).compactMap { $0 as? [String: Any] }
        let build = try #require(docs.first { ($0["metadata"] as? [String: Any])?["name"] as? String == "reportgen-weekly" })
        #expect(build["kind"] as? String == "CronJob")
        let spec = try #require(build["spec"] as? [String: Any])
        #expect(spec["concurrencyPolicy"] as? String == "Forbid")
        let job = try #require((spec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(job["completionMode"] as? String == "Indexed")
        let args = try invocations("kubernetes-cronjob.yaml").first { $0.first == "build" } ?? []
        let shards = try #require(args.firstIndex(of: "--shard").map { args[$0 + 1] })
        #expect(job["completions"] as? Int == Int(shards))
        #expect(try invocations("kubernetes-cronjob.yaml").contains { $0.first == "index" })
    }

    @Test func theSlurmArrayRunsOneTaskPerShard() throws {
        let t = try text("slurm.sbatch")
        let array = try #require(t.firstMatch(of: /--array=(\d+)-(\d+)/))
        let tasks = (Int(array.2) ?? 0) - (Int(array.1) ?? 0) + 1
        let shard = try #require(t.firstMatch(of: /--shard (\d+)/))
        #expect(Int(shard.1) == tasks)
    }
}
