import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an output folder, so two builds never interleave their writes. It is an
/// `flock` on a file inside the folder: the kernel drops it when the process ends, even by
/// SIGKILL, so a crashed build never leaves a stale lock behind.
public final class BuildLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock, or throws `.locked` at once when another build holds it (unless `wait`).
    public init(folder: String, wait: Bool) throws(BuildError) {
        path = (folder as NSString).appendingPathComponent(".reportgen/lock")
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw .output(.cannotWrite(path: folder, reason: "cannot create the folder (\(error.localizedDescription))"))
        }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .output(.cannotWrite(path: path, reason: String(cString: strerror(errno)))) }
        var r: Int32
        repeat { r = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) } while r != 0 && errno == EINTR
        if r != 0 {
            let busy = errno == EWOULDBLOCK
            close(fd)
            if busy { throw .locked(folder: folder) }
            throw .output(.cannotWrite(path: path, reason: String(cString: strerror(errno))))
        }
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
