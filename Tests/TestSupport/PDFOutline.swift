import Foundation

/// Reads the bookmark titles of a PDF written by cairo, which stores outline entries as
/// uncompressed objects with `/Title <FEFF…>` (UTF-16BE hex) or `/Title (…)` strings. Enough to
/// check that every heading became a bookmark without a PDF library.
public enum PDFOutline {
    public static func titles(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)  // only ASCII parts matter here
        var out: [String] = []
        var rest = text[...]
        while let r = rest.range(of: "/Title") {
            rest = rest[r.upperBound...].drop { $0 == " " }
            if rest.first == "<", let end = rest.firstIndex(of: ">") {
                let hex = rest[rest.index(after: rest.startIndex)..<end]
                var bytes: [UInt8] = []
                var i = hex.startIndex
                while i < hex.endIndex, let j = hex.index(i, offsetBy: 2, limitedBy: hex.endIndex), let b = UInt8(hex[i..<j], radix: 16) {
                    bytes.append(b); i = j
                }
                if bytes.starts(with: [0xFE, 0xFF]) {
                    let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
                    out.append(String(decoding: units, as: UTF16.self))
                } else {
                    out.append(String(decoding: bytes, as: UTF8.self))
                }
            } else if rest.first == "(", let end = rest.firstIndex(of: ")") {
                out.append(String(rest[rest.index(after: rest.startIndex)..<end]))
            }
        }
        return out
    }
}
