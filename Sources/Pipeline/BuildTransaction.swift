import Canvas
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One build's writes to an output folder, all or nothing.
///
/// New files are written complete (and fsynced) into `.reportgen/staging-<pid>-<random>/` first.
/// Every output name is then checked against what is in the folder (a folder of that name fails
/// the build here, with nothing replaced), the archive copy is made (so an archive that cannot be
/// made fails the build before the commit, not after), a journal naming every file is written,
/// the files are renamed into place (each rename is atomic), the manifest last, and the journal
/// is removed. A build that fails or is killed before the journal leaves the folder exactly as it
/// was; one killed during the renames (a millisecond window) is rolled forward by the next build.
///
/// The folder is untrusted ground (see `OutputFolder`): every operation goes through directory
/// descriptors without following links. State files are validated before use: a journal, a
/// previous manifest or a cache entry naming anything but a plain output name (see
/// `OutputNames.isOutputFile`) is ignored with a warning, never trusted, and nothing is removed
/// that the previous valid manifest does not list. Temporary names carry this process's id and
/// 64 random bits, so cleaning up never touches a file the user made.
public final class BuildTransaction: Sendable {
    public let root: String
    let folder: OutputFolder
    /// This build's token (`<pid>-<random hex>`), in its staging folder's and temporary files' names.
    let token: String
    /// `.reportgen/staging-<token>`, relative to the root.
    let staging: String
    /// The previous build's manifest, when it is there and every entry in it is valid.
    public let previous: Manifest?
    /// Warnings about state files that were ignored (a manifest or journal naming paths that
    /// cannot be outputs) or files left in place; shown with the build's warnings.
    public let notes: [String]
    /// Names staged so far; files are staged from several threads at once.
    private let stagedNames = Mutex<[String]>([])
    var staged: [String] { stagedNames.withLock { $0 } }
    /// Set once the journal is written: from then on the staging folder is the next build's to
    /// finish, and `abandon` must leave it.
    private let journaled = Mutex(false)

    static let stateDir = ".reportgen"
    static let journal = ".reportgen/COMMIT"

    /// Call with the folder's `BuildLock` held.
    public init(root: String) throws(BuildError) {
        self.root = root
        folder = try OutputFolder(root)
        token = OutputFolder.freshToken()
        staging = "\(Self.stateDir)/staging-\(token)"
        var notes = Self.recover(folder)
        let (manifest, note) = Manifest.load(from: folder)
        previous = manifest
        if let note { notes.append(note) }
        self.notes = notes
        let dir = try folder.openFolder(staging, create: true)
        close(dir)
    }

    /// Puts a finished file aside; nothing in the folder changes yet. Safe to call from several
    /// threads (each write ends in an fsync, which the disk serves faster side by side).
    public func stage(_ bytes: [UInt8], name: String) throws(BuildError) {
        guard OutputNames.isOutputFile(name) else {
            throw .output(.cannotWrite(path: name, reason: "an output name is a file name in the output folder: letters, digits, - and _, then .png, .pdf, …"))
        }
        do { try folder.write(bytes, to: "\(staging)/\(name)", token: token) } catch {
            abandon()
            throw error.renamed(to: folder.full(name))
        }
        stagedNames.withLock { $0.append(name) }
    }

    /// Checks every staged name against the folder, makes the archive copy when `archive` is
    /// given, then moves every staged file into place, `manifest.json` last, and removes
    /// `obsolete` files. Returns the archive folder. Any error before the journal leaves the
    /// folder as it was.
    @discardableResult
    public func commit(manifest: [UInt8], obsolete: [String], files: [String] = [], archive: Date? = nil) throws(BuildError) -> String? {
        try stage(manifest, name: "manifest.json")
        let names = staged.sorted()
        for name in names where folder.kind(name) == S_IFDIR {
            abandon()
            throw .output(.cannotWrite(path: folder.full(name), reason: "a folder has the name of an output file; move it away"))
        }
        var archived: String?
        if let archive {
            do { archived = try self.archive(files: files, at: archive) } catch {
                abandon()
                throw error
            }
        }
        folder.sync(staging)
        let removals = obsolete.filter { OutputNames.isOutputFile($0) && $0 != "manifest.json" && !names.contains($0) }
        let lines = (["staging-\(token)"] + names + removals.map { "-" + $0 }).joined(separator: "\n")
        do { try folder.write(Array(lines.utf8), to: Self.journal, token: token) } catch {
            abandon()
            throw error
        }
        journaled.withLock { $0 = true }
        let problems = Self.rollForward(folder, journal: JournalPlan(staging: staging, renames: names, removals: removals))
        if let first = problems.first(where: \.failed) {
            throw .output(.cannotWrite(path: root, reason: "the build was only partly put in place (\(first.text)); the next build completes it"))
        }
        return archived
    }

    /// Throws away what was staged; the folder is untouched.
    public func abandon() {
        guard !journaled.withLock({ $0 }) else { return }
        folder.removeTree(staging)
    }

    // MARK: Archive

    /// Hard links of this build's files under `archive/YYYY-MM-DDTHHMMSSZ/` (with `-2`, `-3`, …
    /// when that folder exists: an archive never replaces an earlier one). Staged files are
    /// linked from staging (the inode the commit renames into place), unchanged ones from the
    /// folder. Cheap, and safe because builds replace files by rename, never by writing into them.
    func archive(files: [String], at date: Date) throws(BuildError) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HHmmss'Z'"
        let stamp = f.string(from: date)
        let parent = try folder.openFolder("archive", create: true)
        var name = stamp
        var n = 1
        while mkdirat(parent, name, 0o755) != 0 {
            let e = errno
            guard e == EEXIST, n < 10_000 else {
                close(parent)
                throw .output(.cannotWrite(path: folder.full("archive/\(name)"), reason: OutputFolder.errnoText(e)))
            }
            n += 1
            name = "\(stamp)-\(n)"
        }
        close(parent)
        let dir = "archive/\(name)"
        let staged = Set(self.staged)
        for file in Set(files + ["manifest.json"]).sorted() {
            let from = staged.contains(file) ? "\(staging)/\(file)" : file
            do { try folder.link(from, to: "\(dir)/\(file)") } catch {
                folder.removeTree(dir)
                throw error
            }
        }
        return folder.full(dir)
    }

    // MARK: Journal and recovery

    /// What a journal asks for, once validated.
    struct JournalPlan {
        var staging: String
        var renames: [String]
        var removals: [String]

        /// Nil (and the journal ignored) when any line is not something a build can have written.
        init?(_ text: String) {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let first = lines.first, first.hasPrefix("staging-"), Self.isStagingName(first) else { return nil }
            lines.removeFirst()
            var renames: [String] = [], removals: [String] = []
            for line in lines {
                if line.hasPrefix("-") {
                    let name = String(line.dropFirst())
                    guard OutputNames.isOutputFile(name), name != "manifest.json" else { return nil }
                    removals.append(name)
                } else {
                    guard OutputNames.isOutputFile(line) else { return nil }
                    renames.append(line)
                }
            }
            self.init(staging: "\(BuildTransaction.stateDir)/\(first)", renames: renames, removals: removals)
        }

        init(staging: String, renames: [String], removals: [String]) {
            self.staging = staging; self.renames = renames; self.removals = removals
        }

        /// `staging-<pid>` (older builds) or `staging-<pid>-<hex>`.
        static func isStagingName(_ name: String) -> Bool {
            let rest = name.dropFirst("staging-".count)
            return OutputFolder.isToken(rest) || (!rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber })
        }
    }

    struct Note {
        var text: String
        var failed: Bool
    }

    /// Completes a commit whose journal survived (the build was killed while renaming) and
    /// removes what builds that never reached their journal left in `.reportgen/`: staging
    /// folders and temporary files, recognised by the exact names builds give them. Returns
    /// warnings for what was ignored. Call with the lock held (no other build is running).
    static func recover(_ folder: OutputFolder) -> [String] {
        var notes: [String] = []
        var pending: String?  // the staging folder of a journal that could not be completed
        if let bytes = folder.read(journal) {
            if let plan = JournalPlan(String(decoding: bytes, as: UTF8.self)) {
                let found = rollForward(folder, journal: plan)
                notes += found.map(\.text)
                if found.contains(where: \.failed) { pending = plan.staging }
            } else {
                notes.append("\(folder.full(journal)) names files a build cannot have written; it was ignored and nothing it lists was moved or removed")
            }
        }
        for n in folder.names(in: stateDir) {
            if n.hasPrefix("staging-"), JournalPlan.isStagingName(n), "\(stateDir)/\(n)" != pending {
                folder.removeTree("\(stateDir)/\(n)")
            } else if n.hasPrefix("."), let r = n.range(of: ".tmp-"), OutputFolder.isToken(n[r.upperBound...]) {
                folder.removeFile("\(stateDir)/\(n)")
            }
        }
        return notes
    }

    /// Renames the journal's files into place, `manifest.json` last, removes its obsolete files,
    /// then the journal and the staging folder. Returns what went wrong (failed renames are
    /// failures: the journal is kept so the next build tries again).
    static func rollForward(_ folder: OutputFolder, journal plan: JournalPlan) -> [Note] {
        var notes: [Note] = []
        let renames = plan.renames.filter { $0 != "manifest.json" } + (plan.renames.contains("manifest.json") ? ["manifest.json"] : [])
        for name in renames {
            let from = "\(plan.staging)/\(name)"
            guard folder.kind(from) == S_IFREG else { continue }  // already moved by an earlier attempt
            do { try folder.rename(from, to: name) } catch { notes.append(Note(text: error.description, failed: true)) }
        }
        if notes.contains(where: \.failed) { return notes }
        for name in plan.removals {
            if let why = folder.removeFile(name) { notes.append(Note(text: why, failed: false)) }
        }
        folder.sync()
        folder.removeFile(journal)
        folder.removeTree(plan.staging)
        return notes
    }
}

extension BuildError {
    /// The same error naming `path` (the output file) instead of its staging copy.
    func renamed(to path: String) -> BuildError {
        if case .output(.cannotWrite(_, let reason)) = self { return .output(.cannotWrite(path: path, reason: reason)) }
        return self
    }
}
