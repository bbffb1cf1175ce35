import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an output folder, so two builds never interleave their writes. It is an
/// `flock` on a file inside the folder: the kernel drops it when the process ends, even by
/// SIGKILL, so a crashed build never leaves a stale lock behind.
///
/// The lock file is opened relative to `.reportgen/` with `O_NOFOLLOW` (and that folder itself
/// without following a link), and must be a plain file: a link planted at `.reportgen/lock`
/// would otherwise have the build truncate whatever it points to.
public final class BuildLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock, or throws `.locked` at once when another build holds it (unless `wait`).
    public init(folder: String, wait: Bool) throws(BuildError) {
        path = (folder as NSString).appendingPathComponent(".reportgen/lock")
        let out = try OutputFolder(folder)
        let state = try out.openFolder(".reportgen", create: true)
        defer { close(state) }
        let fd = openat(state, "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .output(.cannotWrite(path: path, reason: OutputFolder.errnoText())) }
        var st = stat()
        // A hard link to someone else's file would be truncated as surely as a symlink's target.
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_nlink == 1 else {
            close(fd)
            throw .output(.cannotWrite(path: path, reason: "not a plain file of its own (a device, a FIFO or a hard link); move it away"))
        }
        var r: Int32
        repeat { r = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) } while r != 0 && errno == EINTR
        if r != 0 {
            let busy = errno == EWOULDBLOCK
            close(fd)
            if busy { throw .locked(folder: folder) }
            throw .output(.cannotWrite(path: path, reason: String(cString: strerror(errno))))
        }
        self.fd = fd
        // Who holds it, for a person looking at a stuck cron job.
        let note = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = note.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
