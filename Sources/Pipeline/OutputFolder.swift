import Canvas
import Foundation

/// The output folder of one build: creates it, writes each file atomically, records it for the
/// manifest, and writes the manifest last so a reader never sees a manifest for missing files.
public final class OutputFolder {
    public let root: String
    public private(set) var manifest = Manifest()

    public init(root: String) throws(BuildError) {
        self.root = root
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw .output(.cannotWrite(path: root, reason: "it is a file, not a folder; remove it or choose another --out"))
            }
        } else {
            do { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) } catch {
                throw .output(.cannotWrite(path: root, reason: "cannot create the folder (\(error.localizedDescription))"))
            }
        }
        guard access(root, W_OK) == 0 else {
            throw .output(.cannotWrite(path: root, reason: "the folder is not writable"))
        }
    }

    public func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }

    /// Writes `bytes` as `name` and records it.
    public func write(_ bytes: [UInt8], name: String, kind: String, inputs: [String] = []) throws(BuildError) {
        do { try AtomicFile.write(bytes, to: path(name)) } catch { throw .output(error) }
        let format = (name as NSString).pathExtension.lowercased()
        manifest.files.removeAll { $0.path == name }
        manifest.files.append(.init(path: name, kind: kind, format: format, bytes: bytes.count,
                                    sha256: sha256Hex(bytes), inputs: inputs))
    }

    /// Writes `manifest.json`; call once, after every other file.
    public func finish() throws(BuildError) {
        let bytes: [UInt8]
        do { bytes = try manifest.encoded() } catch { throw .other("cannot encode the manifest: \(error)") }
        do { try AtomicFile.write(bytes, to: path("manifest.json")) } catch { throw .output(error) }
    }
}

/// `SOURCE_DATE_EPOCH` as a date, for reproducible timestamps; `nil` when unset or malformed.
public func sourceDateEpoch(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
    guard let s = env["SOURCE_DATE_EPOCH"], let secs = Int64(s.trimmingCharacters(in: .whitespaces)) else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(secs))
}
