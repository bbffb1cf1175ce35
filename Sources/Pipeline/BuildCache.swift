import Canvas
import Foundation

/// What the last build made for each job, under the key it was made with. Lives in
/// `.reportgen/cache.json` inside the output folder; deleting it only costs a full rebuild.
struct BuildCache: Codable {
    struct Job: Codable {
        var key: String
        var files: [Manifest.Entry]
        var warnings: [String]
    }

    var version = BuildCache.tool
    var jobs: [String: Job] = [:]

    static func path(_ root: String) -> String { (root as NSString).appendingPathComponent(".reportgen/cache.json") }

    static func load(_ root: String) -> BuildCache {
        guard let d = FileManager.default.contents(atPath: path(root)),
              let c = try? JSONDecoder().decode(BuildCache.self, from: d), c.version == BuildCache.tool else { return BuildCache() }
        return c
    }

    func save(_ root: String) {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        guard let d = try? enc.encode(self) else { return }
        try? AtomicFile.write([UInt8](d), to: Self.path(root))
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
    func reusable(id: String, key: String, root: String) -> Job? {
        guard let j = jobs[id], j.key == key else { return nil }
        for f in j.files {
            let p = (root as NSString).appendingPathComponent(f.path)
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: p), (attrs[.size] as? Int) == f.bytes,
                  let d = FileManager.default.contents(atPath: p), sha256Hex([UInt8](d)) == f.sha256 else { return nil }
        }
        return j
    }
}
