import Canvas
import Foundation

/// The summary of a batch: every report, whether it built, and where its manifest is. A batch
/// build writes `OUT/index.json`; each shard of a sharded build writes its own part,
/// `OUT/index-I-of-N.json`, and a last step (`reportgen index OUT…`) merges the parts, from one
/// shared tree or from one tree per shard, into the `index.json` the unsharded build writes —
/// byte for byte, so a dashboard or a sync job cannot tell how the batch was run.
public struct BatchIndex: Codable, Sendable, Equatable {
    public struct Report: Codable, Sendable, Equatable {
        public var name: String
        /// The spec file the report came from, as given on the command line.
        public var spec: String
        /// `built` or `failed`.
        public var status: String
        /// The report's folder and manifest, relative to the folder holding this index.
        public var folder: String
        public var manifest: String?
        public var files: Int?
        public var warnings: Int?
        /// The exit code a build of this report alone would give, and why, when it failed.
        public var exit: Int?
        public var error: String?

        public init(name: String, spec: String, folder: String, built files: Int, warnings: Int) {
            (self.name, self.spec, self.status, self.folder) = (name, spec, "built", folder)
            (self.manifest, self.files, self.warnings) = ((folder as NSString).appendingPathComponent("manifest.json"), files, warnings)
        }

        public init(name: String, spec: String, folder: String, failed exit: Int, error: String) {
            (self.name, self.spec, self.status, self.folder, self.exit, self.error) = (name, spec, "failed", folder, exit, error)
        }
    }

    /// How many reports the whole batch has, in every shard together.
    public var total: Int
    /// Set in a shard's part only: which shard wrote it (`2/3`) and a digest of the batch's
    /// report names, so parts left by an older batch are told apart from this one's.
    public var shard: String?
    public var batch: String?
    /// Sorted by name.
    public var reports: [Report]

    public init(total: Int, shard: Shard?, batch: String? = nil, reports: [Report]) {
        self.total = total
        self.shard = shard?.description
        self.batch = shard == nil ? nil : batch
        self.reports = reports.sorted { $0.name < $1.name }
    }

    public static let fileName = "index.json"

    /// A short digest of every report name in the batch (FNV-1a, order-free).
    public static func batchDigest(_ names: [String]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in names.sorted().joined(separator: "\n").utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }
    public static func partName(_ shard: Shard) -> String { "index-\(shard.index)-of-\(shard.count).json" }

    public func encoded() throws(BatchIndexError) -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return Array(try enc.encode(self)) + [0x0A] } catch { throw .unreadable(path: Self.fileName, reason: "\(error)") }
    }

    /// Writes the index, or with `part` that shard's part, into `folder`, atomically.
    public func write(into folder: String, part: Shard? = nil) throws(BatchIndexError) {
        let path = (folder as NSString).appendingPathComponent(part.map(Self.partName) ?? Self.fileName)
        let bytes = try encoded()
        do { try AtomicFile.write(bytes, to: path) } catch { throw .cannotWrite(path: path, reason: "\(error)") }
    }

    /// Merges every shard's part found in `folders` into one index, written into the first
    /// folder. Report folders in other trees are given relative to the first. Every shard of
    /// the batch must have written its part and each report must appear once: a shard that
    /// never ran (a lost node, a failed pod) is an error naming it, not a silently short index.
    public static func merge(folders: [String]) throws(BatchIndexError) -> BatchIndex {
        guard let destination = folders.first else { throw .noParts(folder: ".") }
        var parts: [(folder: String, index: BatchIndex, file: String)] = []
        for folder in folders {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
                throw .unreadable(path: folder, reason: "not a readable folder")
            }
            for n in names.sorted() where n.hasPrefix("index-") && n.hasSuffix(".json") {
                let path = (folder as NSString).appendingPathComponent(n)
                guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "cannot be read") }
                guard data.count <= 64 * 1024 * 1024 else { throw .unreadable(path: path, reason: "larger than 64 MiB; not an index part") }
                do { parts.append((folder, try JSONDecoder().decode(BatchIndex.self, from: data), path)) } catch {
                    throw .unreadable(path: path, reason: "not an index part written by reportgen build --shard (\(error))")
                }
            }
        }
        guard let first = parts.first else { throw .noParts(folder: folders.joined(separator: ", ")) }
        var count: Int?
        var seenShards: [Int: String] = [:]
        var reports: [String: (Report, String)] = [:]
        for p in parts {
            let fields = (p.index.shard ?? "").split(separator: "/").compactMap { Int($0) }
            guard fields.count == 2 else { throw .unreadable(path: p.file, reason: "names no shard") }
            if let c = count, c != fields[1] { throw .mixedBatches(p.file, first.file) }
            count = fields[1]
            guard p.index.total == first.index.total, p.index.batch == first.index.batch else { throw .mixedBatches(p.file, first.file) }
            if let other = seenShards[fields[0]] { throw .duplicateShard(shard: p.index.shard ?? "", files: [other, p.file]) }
            seenShards[fields[0]] = p.file
            for var r in p.index.reports {
                if let (_, other) = reports[r.name] { throw .duplicateReport(name: r.name, files: [other, p.file]) }
                if p.folder != destination {
                    r.folder = relative(from: destination, to: (p.folder as NSString).appendingPathComponent(r.folder))
                    r.manifest = r.manifest.map { _ in (r.folder as NSString).appendingPathComponent("manifest.json") }
                }
                reports[r.name] = (r, p.file)
            }
        }
        let n = count ?? 1
        let missing = (1...n).filter { seenShards[$0] == nil }
        guard missing.isEmpty else { throw .missingShards(missing.map { "\($0)/\(n)" }, count: n) }
        guard reports.count == first.index.total else {
            throw .unreadable(path: first.file, reason: "the parts list \(reports.count) reports but the batch has \(first.index.total)")
        }
        return BatchIndex(total: first.index.total, shard: nil, reports: reports.values.map(\.0))
    }

    /// `to` relative to `from`, both folders; absolute paths are compared after standardising.
    static func relative(from: String, to: String) -> String {
        func parts(_ p: String) -> [String] {
            let abs = p.hasPrefix("/") ? p : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(p)
            return (abs as NSString).standardizingPath.split(separator: "/").map(String.init)
        }
        let a = parts(from), b = parts(to)
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        let up = Array(repeating: "..", count: a.count - i)
        let rest = Array(b[i...])
        return (up + rest).isEmpty ? "." : (up + rest).joined(separator: "/")
    }
}

public enum BatchIndexError: Error, CustomStringConvertible {
    case noParts(folder: String)
    case unreadable(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case mixedBatches(String, String)
    case duplicateShard(shard: String, files: [String])
    case duplicateReport(name: String, files: [String])
    case missingShards([String], count: Int)

    public var description: String {
        switch self {
        case .noParts(let f): return "\(f): no index-I-of-N.json parts; run reportgen build --shard I/N into this folder first"
        case .unreadable(let p, let r): return "\(p): \(r)"
        case .cannotWrite(let p, let r): return "\(p): cannot write: \(r)"
        case .mixedBatches(let a, let b): return "\(a) and \(b) come from different batches (different shard counts or report totals); remove the stale one"
        case .duplicateShard(let s, let files): return "shard \(s) wrote two parts: \(files.joined(separator: " and ")); remove the stale one"
        case .duplicateReport(let n, let files): return "report \(n) is in two parts: \(files.joined(separator: " and "))"
        case .missingShards(let m, let n): return "shard\(m.count == 1 ? "" : "s") \(m.joined(separator: ", ")) of \(n) wrote no index part; did \(m.count == 1 ? "it" : "they") run?"
        }
    }
}
