import Crypto
import Foundation

/// What a build wrote, so cron jobs and people can check outputs without opening them.
public struct Manifest: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        /// Relative to the output folder.
        public var path: String
        /// chart, timeline, briefing, data or sample.
        public var kind: String
        public var format: String
        public var bytes: Int
        public var sha256: String
        /// Input files (relative paths) this output was built from.
        public var inputs: [String]

        public init(path: String, kind: String, format: String, bytes: Int, sha256: String, inputs: [String] = []) {
            self.path = path; self.kind = kind; self.format = format; self.bytes = bytes
            self.sha256 = sha256; self.inputs = inputs
        }
    }

    public var tool: String
    public var version: String
    public var files: [Entry]

    public init(tool: String = "reportgen", version: String = reportgenVersion, files: [Entry] = []) {
        self.tool = tool; self.version = version; self.files = files
    }

    public func encoded() throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try enc.encode(self)) + [0x0A]
    }
}

public let reportgenVersion = "0.1.0"

public func sha256Hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for b in SHA256.hash(data: bytes) { hex += [digits[Int(b >> 4)], digits[Int(b & 0xF)]] }
    return String(decoding: hex, as: UTF8.self)
}

/// `SOURCE_DATE_EPOCH` as a date, for reproducible timestamps; `nil` when unset or malformed.
public func sourceDateEpoch(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
    guard let s = env["SOURCE_DATE_EPOCH"], SourceDateEpoch.problem(env) == nil, let secs = Int64(s.trimmingCharacters(in: .whitespaces)) else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(secs))
}

extension Manifest {
    /// The manifest a previous build left in `folder`, read without following a link, with a
    /// warning when it is there but cannot be trusted: unreadable, or listing any path that is
    /// not a plain output name (`../x`, `archive/…`, a folder). An untrusted manifest is
    /// ignored as a whole, so no file it lists is ever removed as obsolete.
    static func load(from folder: OutputFolder) -> (Manifest?, warning: String?) {
        guard folder.kind("manifest.json") != nil else { return (nil, nil) }
        let path = folder.full("manifest.json")
        guard let bytes = folder.read("manifest.json"), let m = try? JSONDecoder().decode(Manifest.self, from: Data(bytes)) else {
            return (nil, "\(path) is not a manifest reportgen wrote (not a plain file, or not its JSON); it was ignored and no earlier output is removed")
        }
        if let bad = m.files.first(where: { !OutputNames.isOutputFile($0.path) || $0.path == "manifest.json" }) {
            return (nil, "\(path) lists \"\(bad.path)\", which is not an output name; the manifest was ignored and no earlier output is removed")
        }
        return (m, nil)
    }
}
