import Foundation

/// Pretty-printed JSON with sorted keys, laid out byte for byte as Foundation's
/// `JSONSerialization` lays it out with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`
/// (two-space indent, `"key" : value`, empty containers on two lines), so files written before
/// and after read the same. Written directly because Foundation spent ~19 ms of a cold build on
/// the seeds' 100 KB `facts.json`, most of it bridging and sorting boxed dictionaries.
///
/// Writes a `JSONValue`, or the trees callers build for Foundation (`[String: Any]`, `[Any]`,
/// `String`, `Int`, `Double`, `Bool`, `NSNull`) converted to one. Keys are sorted by code point; Foundation sorts them
/// case- and accent-insensitively, which orders the lowercase ASCII keys used here the same.
public enum JSONText {
    public struct UnsupportedValue: Error, CustomStringConvertible {
        public var description: String
    }

    public static func pretty(_ value: Any) throws(UnsupportedValue) -> [UInt8] {
        try pretty(try JSONValue(any: value))
    }

    public static func pretty(_ value: JSONValue) throws(UnsupportedValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        try write(value, indent: 0, into: &out)
        return out
    }

    static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) throws(UnsupportedValue) {
        switch value {
        case .string(let s):
            string(s, into: &out)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i):
            out.append(contentsOf: String(i).utf8)
        case .double(let d):
            guard d.isFinite else { throw UnsupportedValue(description: "a number that is not finite (\(d))") }
            out.append(contentsOf: number(d).utf8)
        case .null:
            out.append(contentsOf: "null".utf8)
        case .object(let entries):
            try container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), entries.sorted { $0.key < $1.key },
                          indent: indent, into: &out) { (entry, inner, out) throws(UnsupportedValue) in
                string(entry.key, into: &out)
                out += [0x20, UInt8(ascii: ":"), 0x20]
                try write(entry.value, indent: inner, into: &out)
            }
        case .array(let array):
            try container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), array, indent: indent, into: &out) {
                (element, inner, out) throws(UnsupportedValue) in try write(element, indent: inner, into: &out)
            }
        }
    }

    /// `[` or `{`, one element per line indented two more spaces, then the closing bracket on
    /// its own line; an empty container keeps its blank line, as Foundation writes it.
    static func container<T>(open: UInt8, close: UInt8, _ items: [T], indent: Int, into out: inout [UInt8],
                             _ element: (T, Int, inout [UInt8]) throws(UnsupportedValue) -> Void) throws(UnsupportedValue) {
        out.append(open)
        out.append(0x0A)
        let inner = indent + 2
        for (i, item) in items.enumerated() {
            out += repeatElement(0x20, count: inner)
            try element(item, inner, &out)
            if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
        }
        if items.isEmpty { out.append(0x0A) }
        out += repeatElement(0x20, count: indent)
        out.append(close)
    }

    /// Whole numbers without a fraction (as Foundation prints 80000000.0: `80000000`), others in
    /// Swift's shortest round-tripping form (`0.5`, `1.5e+20`, `1e-07`, as Foundation prints them).
    static func number(_ d: Double) -> String {
        if d == 0, d.sign == .minus { return "-0" }
        if d == d.rounded(), abs(d) < 9.2e18 { return String(Int64(d)) }
        return String(d)
    }

    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [0x5C, b]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
