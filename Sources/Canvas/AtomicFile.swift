import Foundation

/// Writes files so a reader never sees half a file: bytes go to a temporary name in the same
/// folder, are flushed, and are renamed over the target. A failure removes the temporary file
/// and names the path the user asked for.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(CanvasError) {
        var failure: CanvasError?
        bytes.withUnsafeBytes { buf in
            do throws(CanvasError) { try write(buf, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The same for bytes someone else owns (a font HarfBuzz made), without copying them first.
    public static func write(_ buf: UnsafeRawBufferPointer, to path: String) throws(CanvasError) {
        let dir = (path as NSString).deletingLastPathComponent
        let folder = dir.isEmpty ? "." : dir
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw .cannotWrite(path: path, reason: "the folder \(folder) does not exist")
        }
        guard isDir.boolValue else { throw .cannotWrite(path: path, reason: "\(folder) is a file, not a folder") }
        let name = (path as NSString).lastPathComponent
        let tmp = (folder as NSString).appendingPathComponent(".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        var off = 0
        while off < buf.count, let base = buf.baseAddress {
            let n = Foundation.write(fd, base.advanced(by: off), buf.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            off += n
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(tmp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(tmp)
            throw .cannotWrite(path: path, reason: failure)
        }
    }
}
