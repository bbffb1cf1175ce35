import Foundation

/// A text article read from disk, with the name used in provenance.
public struct SourceText: Sendable, Equatable {
    public var path: String
    public var text: String

    public var name: String { (path as NSString).lastPathComponent }

    /// Reads a UTF-8 file (a leading BOM is dropped); invalid bytes are an error naming the offset.
    public static func read(_ path: String, limit: Int = 64 * 1024 * 1024) throws(BuildError) -> SourceText {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw .tooLarge(path: path, bytes: size, limit: limit)
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .unreadable(path: path, reason: "it is a folder, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .notUTF8(path: path, byteOffset: firstInvalidUTF8Offset(bytes))
        }
        return SourceText(path: path, text: text)
    }

    /// The `.txt` files of a folder, sorted by name.
    public static func folder(_ dir: String) throws(BuildError) -> [SourceText] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
            throw .unreadable(path: dir, reason: "no such folder")
        }
        let txt = names.filter { $0.hasSuffix(".txt") }.sorted()
        guard !txt.isEmpty else { throw .noInputs(folder: dir) }
        var out: [SourceText] = []
        for n in txt { out.append(try read((dir as NSString).appendingPathComponent(n))) }
        return out
    }
}

/// Byte offset of the first byte that does not start or continue a valid UTF-8 sequence.
func firstInvalidUTF8Offset(_ b: [UInt8]) -> Int {
    var i = 0
    while i < b.count {
        let c = b[i]
        let n: Int
        switch c {
        case 0x00...0x7F: n = 1
        case 0xC2...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF4: n = 4
        default: return i
        }
        if i + n > b.count { return i }
        for k in 1..<n where b[i + k] & 0xC0 != 0x80 { return i }
        if String(validating: b[i..<(i + n)], as: UTF8.self) == nil { return i }
        i += n
    }
    return b.count
}
