import Canvas
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The output folder, opened once and then treated as untrusted ground.
///
/// Other programs (a web server, a sync job, a colleague) can write into an output folder, and
/// builds often run as root. So nothing under it is reached by path: every file is opened,
/// renamed, linked and removed relative to a directory descriptor, each folder on the way is
/// opened with `O_NOFOLLOW`, and files are created with `O_EXCL | O_NOFOLLOW`. A symlink planted
/// anywhere under the folder (`.reportgen`, `archive`, an output name) is refused or replaced as a
/// link, never followed. Only the folder itself, which the user named with `--out`, may be a link.
public final class OutputFolder: Sendable {
    public let path: String
    let fd: Int32

    /// Opens (creating when missing) the folder `path`.
    public init(_ path: String) throws(BuildError) {
        self.path = path
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw .output(.cannotWrite(path: path, reason: "cannot create the folder (\(error.localizedDescription))"))
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .output(.cannotWrite(path: path, reason: Self.errnoText())) }
        self.fd = fd
    }

    deinit { close(fd) }

    static func errnoText(_ e: Int32 = errno) -> String {
        e == ELOOP ? "it is a symbolic link; reportgen does not follow links inside an output folder" : String(cString: strerror(e))
    }

    func full(_ rel: String) -> String { (path as NSString).appendingPathComponent(rel) }

    func fail(_ rel: String, _ reason: String) -> BuildError { .output(.cannotWrite(path: full(rel), reason: reason)) }

    /// Splits a relative path into its parts; refuses anything that could leave the folder.
    static func components(_ rel: String) -> [String]? {
        let parts = rel.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !rel.isEmpty, !rel.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
              !rel.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        return parts
    }

    /// A descriptor of the folder `rel` (`""` is the folder itself), each step opened without
    /// following links; missing steps are created when `create` is set. Close it after use.
    func openFolder(_ rel: String, create: Bool) throws(BuildError) -> Int32 {
        var current = dup(fd)
        guard current >= 0 else { throw fail(rel, Self.errnoText()) }
        if rel.isEmpty { return current }
        guard let parts = Self.components(rel) else { close(current); throw fail(rel, "the path must stay inside the output folder") }
        var walked = ""
        for part in parts {
            walked = walked.isEmpty ? part : walked + "/" + part
            var next = openat(current, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT, create {
                if mkdirat(current, part, 0o755) != 0, errno != EEXIST {
                    let e = errno
                    close(current)
                    throw fail(walked, Self.errnoText(e))
                }
                next = openat(current, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let e = errno
            close(current)
            guard next >= 0 else {
                throw fail(walked, e == ENOTDIR || e == ELOOP ? "it is not a plain folder (a file or a symbolic link); move it away" : Self.errnoText(e))
            }
            current = next
        }
        return current
    }

    /// `rel` split into the folder it is in and its last part.
    static func split(_ rel: String) -> (folder: String, name: String) {
        let folder = (rel as NSString).deletingLastPathComponent
        return (folder, (rel as NSString).lastPathComponent)
    }

    /// What is at `rel`, without following a link; nil when nothing is.
    func kind(_ rel: String) -> mode_t? {
        guard Self.components(rel) != nil else { return nil }
        let (folder, name) = Self.split(rel)
        guard let dir = try? openFolder(folder, create: false) else { return nil }
        defer { close(dir) }
        var st = stat()
        guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return st.st_mode & S_IFMT
    }

    /// Writes `bytes` complete (fsynced) to `rel` through a temporary name made with `token`,
    /// then renames it over `rel`. A link at `rel` is replaced, never written through; a folder
    /// there is an error.
    func write(_ bytes: [UInt8], to rel: String, token: String) throws(BuildError) {
        let (folder, name) = Self.split(rel)
        guard Self.components(rel) != nil else { throw fail(rel, "the path must stay inside the output folder") }
        let dir = try openFolder(folder, create: true)
        defer { close(dir) }
        let tmp = ".\(name).tmp-\(token)"
        let out = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard out >= 0 else { throw fail(rel, Self.errnoText()) }
        var failure: String?
        bytes.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count, let base = buf.baseAddress {
                let n = Glibc.write(out, base.advanced(by: off), buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = Self.errnoText()
                    return
                }
                off += n
            }
        }
        if failure == nil, fsync(out) != 0 { failure = Self.errnoText() }
        if close(out) != 0, failure == nil { failure = Self.errnoText() }
        if failure == nil, renameat(dir, tmp, dir, name) != 0 {
            failure = errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST ? "a folder has that name; move it away" : Self.errnoText()
        }
        if let failure {
            unlinkat(dir, tmp, 0)
            throw fail(rel, failure)
        }
    }

    /// The bytes of the plain file at `rel`, or nil when there is none (a link, a folder, a FIFO
    /// or a device is not read: opening a FIFO would block the build).
    func read(_ rel: String, limit: Int = 64 << 20) -> [UInt8]? {
        guard Self.components(rel) != nil else { return nil }
        let (folder, name) = Self.split(rel)
        guard let dir = try? openFolder(folder, create: false) else { return nil }
        defer { close(dir) }
        let f = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard f >= 0 else { return nil }
        defer { close(f) }
        var st = stat()
        guard fstat(f, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) <= limit else { return nil }
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var off = 0
        while off < out.count {
            let n = out.withUnsafeMutableBytes { Glibc.read(f, $0.baseAddress?.advanced(by: off), $0.count - off) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            off += n
        }
        return off == out.count ? out : nil
    }

    /// Renames `from` over `to`, both relative; `to`'s folder is created when missing.
    func rename(_ from: String, to: String) throws(BuildError) {
        let (ff, fn) = Self.split(from), (tf, tn) = Self.split(to)
        guard Self.components(from) != nil, Self.components(to) != nil else { throw fail(to, "the path must stay inside the output folder") }
        let a = try openFolder(ff, create: false)
        defer { close(a) }
        let b = try openFolder(tf, create: true)
        defer { close(b) }
        if renameat(a, fn, b, tn) != 0 {
            throw fail(to, errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST ? "a folder has that name; move it away" : Self.errnoText())
        }
    }

    /// Hard-links the plain file `from` as `to` (a new name: an existing one is an error), or
    /// copies it when `to` is on another file system (an archive volume mounted at `archive/`).
    func link(_ from: String, to: String) throws(BuildError) {
        guard kind(from) == S_IFREG else { throw fail(from, "not a plain file") }
        let (ff, fn) = Self.split(from), (tf, tn) = Self.split(to)
        let a = try openFolder(ff, create: false)
        defer { close(a) }
        let b = try openFolder(tf, create: true)
        defer { close(b) }
        // Flags 0: a link at `from` is linked as itself, never followed.
        if linkat(a, fn, b, tn, 0) == 0 { return }
        let e = errno
        guard e == EXDEV || e == EPERM || e == EMLINK, kind(to) == nil, let bytes = read(from, limit: Int.max) else {
            throw fail(to, Self.errnoText(e))
        }
        try write(bytes, to: to, token: Self.freshToken())
    }

    /// Removes the file or link at `rel` (never what a link points to). A folder is left alone.
    /// Returns why not, or nil when removed or already gone.
    @discardableResult
    func removeFile(_ rel: String) -> String? {
        guard Self.components(rel) != nil else { return "\(rel) is not inside the output folder" }
        let (folder, name) = Self.split(rel)
        guard let dir = try? openFolder(folder, create: false) else { return nil }
        defer { close(dir) }
        var st = stat()
        guard fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        if (st.st_mode & S_IFMT) == S_IFDIR { return "\(full(rel)) is a folder; it was left in place" }
        return unlinkat(dir, name, 0) == 0 || errno == ENOENT ? nil : "cannot remove \(full(rel)): \(Self.errnoText())"
    }

    /// Removes the folder `rel` and everything in it, walking with `O_NOFOLLOW`: a link inside
    /// is removed as a link, and what it points to is never touched.
    func removeTree(_ rel: String) {
        let (folder, name) = Self.split(rel)
        guard Self.components(rel) != nil, let dir = try? openFolder(folder, create: false) else { return }
        defer { close(dir) }
        Self.removeTree(at: dir, name, depth: 0)
    }

    static func removeTree(at dir: Int32, _ name: String, depth: Int) {
        var st = stat()
        guard depth < 64, fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { unlinkat(dir, name, 0); return }
        let sub = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard sub >= 0 else { return }
        for child in names(sub) { removeTree(at: sub, child, depth: depth + 1) }
        close(sub)
        unlinkat(dir, name, AT_REMOVEDIR)
    }

    /// The names in the folder `rel` (without `.` and `..`), empty when it cannot be opened.
    func names(in rel: String) -> [String] {
        guard let dir = try? openFolder(rel, create: false) else { return [] }
        defer { close(dir) }
        return Self.names(dir)
    }

    static func names(_ dir: Int32) -> [String] {
        let copy = dup(dir)
        guard copy >= 0, let d = fdopendir(copy) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { out.append(name) }
        }
        return out
    }

    /// Flushes the folder's own entries (renames) to disk.
    func sync(_ rel: String = "") {
        guard let dir = try? openFolder(rel, create: false) else { return }
        fsync(dir)
        close(dir)
    }

    /// A token no other process can have used: this process id and 64 random bits.
    static func freshToken() -> String {
        "\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    }

    /// True when `name` is a token `freshToken` makes (digits, `-`, hex digits).
    static func isToken(_ name: Substring) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(\.isASCII) && parts[0].allSatisfy(\.isNumber)
            && !parts[1].isEmpty && parts[1].count <= 16 && parts[1].allSatisfy(\.isHexDigit) && parts[1].allSatisfy(\.isASCII)
    }
}

extension OutputFolder {
    /// Refuses an output folder that is an input folder or holds an input, before anything is
    /// written: outputs replace files of their name and a later build removes the ones it no
    /// longer makes, so such a folder would overwrite or delete the user's own CSV or spec.
    /// (A folder *beside* or *below* the spec, as `reportgen init` suggests with `--out out`,
    /// is fine: nothing a build reads is there.)
    public static func checkApart(out: String, from inputs: ReportBuild.Inputs) throws(BuildError) {
        var files: [String] = inputs.sources.map(\.path)
        if let b = inputs.briefing { files.append(b.path) }
        for c in inputs.charts { files += [c.path, c.dataPath] }
        for t in inputs.timelines { files.append(t.path); if let d = t.dataPath { files.append(d) } }
        let target = resolved(out)
        for file in files {
            let folder = resolved((file as NSString).deletingLastPathComponent)
            let inside = { (a: [String], b: [String]) in a.count >= b.count && Array(a.prefix(b.count)) == b }
            if target == folder {
                throw .invalidSpec(.other("--out \(out) is the folder that holds \(file); choose an output folder of its own, or reportgen would overwrite and later remove inputs"))
            }
            if inside(folder, target) {
                throw .invalidSpec(.other("--out \(out) contains \(file), an input of this report; choose an output folder that holds no inputs"))
            }
        }
    }

    /// `path` made absolute with every link resolved, as path parts; a part that does not exist
    /// yet is kept as written (the output folder is often made by the build).
    static func resolved(_ path: String) -> [String] {
        var p = path.isEmpty ? "." : path
        if !p.hasPrefix("/") { p = FileManager.default.currentDirectoryPath + "/" + p }
        var rest: [String] = []
        var head = (p as NSString).standardizingPath
        while true {
            if let r = realpath(head, nil) {
                defer { free(r) }
                let base = String(cString: r).split(separator: "/").map(String.init)
                return base + rest.reversed()
            }
            let parent = (head as NSString).deletingLastPathComponent
            if parent == head || parent.isEmpty { return head.split(separator: "/").map(String.init) + rest.reversed() }
            rest.append((head as NSString).lastPathComponent)
            head = parent
        }
    }
}
