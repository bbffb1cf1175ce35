import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why a file's bytes could not become text.
public enum TextDecodingError: Error, Equatable, CustomStringConvertible {
    case undecodable(file: String, byteOffset: Int)
    case binary(file: String, byteOffset: Int)

    public var description: String {
        switch self {
        case .undecodable(let f, _), .binary(let f, _): return "\(f): \(reason)"
        }
    }

    /// What is wrong, without the file's name (for messages that already begin with it).
    public var reason: String {
        switch self {
        case .undecodable(_, let o): return "byte \(o) is neither UTF-8, UTF-16 nor GB18030/GBK text; save the file as UTF-8"
        case .binary(_, let o): return "byte \(o) is a NUL byte; this looks like a binary file, not an article"
        }
    }
}

/// Text files as Chinese newsrooms and PDF converters write them: UTF-8 with or without a BOM,
/// GB18030 (a superset of GBK and GB2312), or UTF-16 with its BOM (what Windows Notepad saves
/// as "Unicode").
public enum TextDecoder {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", gb18030 = "GB18030", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE" }

    /// The text and the encoding it was read as. Offsets in facts count Unicode scalars of this
    /// text; a UTF-8 BOM is kept as the first scalar, as Python's `open(encoding="utf-8")` keeps it,
    /// and a UTF-16 BOM is not, as Python's `open(encoding="utf-16")` drops it.
    public static func decode(_ bytes: [UInt8], file: String) throws(TextDecodingError) -> (String, Encoding) {
        if bytes.count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) {
            let little = bytes[0] == 0xFF
            // An odd length or a lone surrogate is damaged UTF-16: say where, as for UTF-8.
            guard bytes.count % 2 == 0 else { throw .undecodable(file: file, byteOffset: bytes.count - 1) }
            let units = stride(from: 2, to: bytes.count, by: 2).map { i in
                little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            }
            var scalars = String.UnicodeScalarView()
            var iterator = units.makeIterator()
            var codec = UTF16()
            var offset = 2
            loop: while true {
                switch codec.decode(&iterator) {
                case .scalarValue(let v):
                    if v == "\0" { throw .binary(file: file, byteOffset: offset) }
                    scalars.append(v)
                    offset += v.value > 0xFFFF ? 4 : 2
                case .emptyInput: break loop
                case .error: throw .undecodable(file: file, byteOffset: offset)
                }
            }
            return (String(scalars), little ? .utf16LE : .utf16BE)
        }
        if let nul = bytes.firstIndex(of: 0) { throw .binary(file: file, byteOffset: nul) }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, .utf8) }
        let utf8Failure = firstInvalidUTF8(bytes)
        // Mostly-ASCII text with one bad byte is broken UTF-8, not GB18030: report where.
        let highBytes = bytes.lazy.filter { $0 >= 0x80 }.count
        if highBytes > 0, let s = gb18030(bytes) { return (s, .gb18030) }
        throw .undecodable(file: file, byteOffset: utf8Failure)
    }

    static func gb18030(_ bytes: [UInt8]) -> String? {
        guard let cd = iconv_open("UTF-8", "GB18030"), cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let capacity = output.count
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r == -1 || inLeft != 0 ? nil : capacity - outLeft
            }
        }
        guard let written else { return nil }
        output.removeSubrange(written...)
        return String(validating: output.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func firstInvalidUTF8(_ b: [UInt8]) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0
            if n == 0 || i + n > b.count { return i }
            if n > 1, String(validating: b[i..<(i + n)], as: UTF8.self) == nil { return i }
            i += n
        }
        return b.count
    }
}
