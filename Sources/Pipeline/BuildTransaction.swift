import Canvas
import Foundation
import Synchronization

/// One build's writes to an output folder, all or nothing.
///
/// New files are written complete (and fsynced) into `.reportgen/staging-PID/` first. Then a
/// journal naming every file is written, the files are renamed into place (each rename is
/// atomic), the manifest is renamed last, and the journal is removed. A build that fails or is
/// killed before the journal leaves the folder exactly as it was; one killed during the renames
/// (a millisecond window) is rolled forward by the next build before it starts. Files the previous
/// manifest listed and this build no longer makes are removed, so the folder always matches its
/// manifest.
public final class BuildTransaction: Sendable {
    public let root: String
    let stateDir: String
    let staging: String
    /// Names staged so far; files are staged from several threads at once.
    private let stagedNames = Mutex<[String]>([])
    var staged: [String] { stagedNames.withLock { $0 } }

    /// Call with the folder's `BuildLock` held.
    public init(root: String) throws(BuildError) {
        self.root = root
        stateDir = (root as NSString).appendingPathComponent(".reportgen")
        staging = (stateDir as NSString).appendingPathComponent("staging-\(getpid())")
        Self.recover(stateDir: stateDir, root: root)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw .output(.cannotWrite(path: root, reason: "cannot create \(staging) (\(error.localizedDescription))"))
        }
    }

    /// Puts a finished file aside; nothing in the folder changes yet. Safe to call from several
    /// threads (each write ends in an fsync, which the disk serves faster side by side).
    public func stage(_ bytes: [UInt8], name: String) throws(BuildError) {
        guard Self.isSafeName(name) else { throw .output(.cannotWrite(path: name, reason: "an output name must stay inside the output folder")) }
        do { try AtomicFile.write(bytes, to: (staging as NSString).appendingPathComponent(name)) } catch {
            abandon()
            throw .output(.cannotWrite(path: (root as NSString).appendingPathComponent(name), reason: Self.reason(error)))
        }
        stagedNames.withLock { $0.append(name) }
    }

    /// Moves every staged file into place, `manifest.json` last, then removes `obsolete` files.
    public func commit(manifest: [UInt8], obsolete: [String]) throws(BuildError) {
        try stage(manifest, name: "manifest.json")
        let journal = (stateDir as NSString).appendingPathComponent("COMMIT")
        let lines = ([(staging as NSString).lastPathComponent] + staged.sorted() + obsolete.filter(Self.isSafeName).map { "-" + $0 }).joined(separator: "\n")
        do { try AtomicFile.write(Array(lines.utf8), to: journal) } catch {
            abandon()
            throw .output(.cannotWrite(path: root, reason: Self.reason(error)))
        }
        Self.rollForward(journal: journal, stateDir: stateDir, root: root)
    }

    /// Throws away what was staged; the folder is untouched.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    static func reason(_ e: CanvasError) -> String {
        if case .cannotWrite(_, let r) = e { return r }
        return e.description
    }

    /// A plain relative name: no `..`, no absolute path, no control characters.
    static func isSafeName(_ n: String) -> Bool {
        !n.isEmpty && !n.hasPrefix("/") && !n.split(separator: "/").contains("..") && !n.unicodeScalars.contains { $0.value < 0x20 }
            && !n.hasPrefix(".reportgen")
    }

    /// Completes a commit whose journal survived (the build was killed while renaming) and
    /// deletes the leftovers of builds that never reached their journal.
    static func recover(stateDir: String, root: String) {
        let journal = (stateDir as NSString).appendingPathComponent("COMMIT")
        if FileManager.default.fileExists(atPath: journal) { rollForward(journal: journal, stateDir: stateDir, root: root) }
        for n in (try? FileManager.default.contentsOfDirectory(atPath: stateDir)) ?? [] where n.hasPrefix("staging-") {
            try? FileManager.default.removeItem(atPath: (stateDir as NSString).appendingPathComponent(n))
        }
        // Temporary files AtomicFile left behind when a process died mid-write.
        for n in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where n.hasPrefix(".") && n.contains(".tmp-") {
            try? FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(n))
        }
    }

    static func rollForward(journal: String, stateDir: String, root: String) {
        guard let text = try? String(contentsOfFile: journal, encoding: .utf8) else { return }
        var lines = text.split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { try? FileManager.default.removeItem(atPath: journal); return }
        let dir = (stateDir as NSString).appendingPathComponent(lines.removeFirst())
        let renames = lines.filter { !$0.hasPrefix("-") && $0 != "manifest.json" } + ["manifest.json"]
        for name in renames {
            let from = (dir as NSString).appendingPathComponent(name), to = (root as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: from) {
                try? FileManager.default.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                _ = rename(from, to)
            }
        }
        for line in lines where line.hasPrefix("-") {
            try? FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(String(line.dropFirst())))
        }
        let fd = open(root, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
        try? FileManager.default.removeItem(atPath: journal)
        try? FileManager.default.removeItem(atPath: dir)
    }
}
