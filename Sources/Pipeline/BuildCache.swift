import Canvas
import Foundation

/// What the last build made for each job, under the key it was made with. Lives in
/// `.reportgen/cache.json` inside the output folder; deleting it only costs a full rebuild.
///
/// Anyone who can write the folder can write this file, so it is read without following a
/// link, and a job is only reused when every file it names is a plain output name
/// (`OutputNames.isOutputFile`) and a plain file in the folder with the recorded size and hash;
/// a job naming anything else is dropped (and redone) with a warning in `notes`.
struct BuildCache: Codable {
    struct Job: Codable {
        var key: String
        var files: [Manifest.Entry]
        var warnings: [String]
    }

    var version = BuildCache.tool
    var jobs: [String: Job] = [:]
    /// Why entries of the file were not trusted; not saved.
    var notes: [String] = []

    enum CodingKeys: String, CodingKey { case version, jobs }

    init() {}

    static let file = ".reportgen/cache.json"

    static func load(_ root: String) -> BuildCache {
        guard let folder = try? OutputFolder(root), let d = folder.read(file),
              var c = try? JSONDecoder().decode(BuildCache.self, from: Data(d)), c.version == BuildCache.tool else { return BuildCache() }
        for (id, job) in c.jobs.sorted(by: { $0.key < $1.key }) {
            if let bad = job.files.first(where: { !OutputNames.isOutputFile($0.path) || $0.path == "manifest.json" }) {
                c.jobs[id] = nil
                c.notes.append("\(folder.full(file)): job \(id) names \"\(bad.path)\", which is not an output name; the entry was ignored and the job redone")
            }
        }
        return c
    }

    func save(_ root: String) {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        guard let d = try? enc.encode(self), let folder = try? OutputFolder(root) else { return }
        try? folder.write([UInt8](d), to: Self.file, token: OutputFolder.freshToken())
    }

    /// The version plus the executable's size and modification time: a rebuilt binary (a
    /// developer's change, an upgrade) never reuses what an older one drew.
    static let tool: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        let a = try? FileManager.default.attributesOfItem(atPath: exe)
        return "\(reportgenVersion)|\((a?[.size] as? Int) ?? 0)|\((a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }()

    /// A cache key: the SHA-256 of its parts, each length-prefixed so no two lists collide.
    static func key(_ parts: [String]) -> String {
        sha256Hex(Array(parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "|").utf8))
    }

    /// The job's previous result, if its key matches and its files are still there, unmodified.
    /// A link, a folder or a FIFO in place of a file is not the file: the job is redone.
    func reusable(id: String, key: String, root: String) -> Job? {
        guard let j = jobs[id], j.key == key, let folder = try? OutputFolder(root) else { return nil }
        for f in j.files {
            guard OutputNames.isOutputFile(f.path), let d = folder.read(f.path, limit: f.bytes), d.count == f.bytes,
                  sha256Hex(d) == f.sha256 else { return nil }
        }
        return j
    }
}
