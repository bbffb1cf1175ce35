import Foundation

/// Repairs the cross-reference table of a PDF that cairo 1.16 wrote.
///
/// WHY: cairo 1.16 reserves object numbers for structure parents of every link and destination
/// (`CAIRO_TAG_LINK`, `CAIRO_TAG_DEST`, structure tags) and, when it has no structure tree to
/// write, never writes those objects — yet lists them in the xref table at a stale offset (the
/// first object's). poppler repairs that silently; `qpdf --check`, Acrobat-class readers, print
/// servers and PDF/A converters call the file damaged. Links to later pages also lose their
/// destination in 1.16, which `Renderer.pdf` avoids with named destinations.
///
/// The repair edits the table in place, never the objects: each entry is checked against the
/// bytes at its offset (`N G obj` must start there). An entry that is wrong is pointed at the
/// object's real definition when the file has exactly one (`N G obj` at a line start), else
/// made a free entry (a reference to a free object reads as `null`, which is what a reader makes
/// of an object that was never written). Entries keep their 20 bytes, so `startxref` and every
/// offset stay valid, and the result depends on the input bytes only (byte-identical builds
/// stay byte-identical). A file with nothing wrong comes back unchanged, as does anything that
/// is not a single classic xref table (an xref stream, an incremental update), which cairo never
/// writes.
public enum PDFCrossReference {
    /// What the check of one table found.
    public struct Report: Sendable, Hashable {
        /// Object numbers whose entry pointed to the wrong place and now points to their definition.
        public var moved: [Int] = []
        /// Object numbers that are never defined in the file and are now free entries.
        public var freed: [Int] = []
        /// Whether a classic xref table was found and checked at all.
        public var checked = false
        public var isClean: Bool { moved.isEmpty && freed.isEmpty }
    }

    /// `data` with a correct cross-reference table (see the type's comment).
    public static func repair(_ data: Data) -> Data {
        Data(repair([UInt8](data)))
    }

    /// `bytes` with a correct cross-reference table (see the type's comment).
    public static func repair(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        _ = repair(&out)
        return out
    }

    /// Repairs `bytes` in place and says what was wrong.
    @discardableResult
    public static func repair(_ bytes: inout [UInt8]) -> Report {
        var report = Report()
        guard let table = locateTable(bytes) else { return report }
        report.checked = true
        var definitions: [Int: [Int]]?  // object number -> offsets of `N G obj` at line starts, built on first need
        var free: [Int] = []
        for entry in table.entries where entry.inUse {
            if definesObject(bytes, at: entry.offset, number: entry.number, generation: entry.generation) { continue }
            if definitions == nil { definitions = scanDefinitions(bytes) }
            let found = definitions?[entry.number] ?? []
            if found.count == 1, let at = found.first, at < table.start {
                write(&bytes, at: entry.position, "\(pad(at, 10)) \(pad(entry.generation, 5)) n")
                report.moved.append(entry.number)
            } else {
                free.append(entry.number)
            }
        }
        guard !free.isEmpty else { return report }
        // Free entries form a linked list from object 0, each naming the next free object.
        let allFree = (table.entries.filter { !$0.inUse && $0.number != 0 }.map(\.number) + free).sorted()
        let byNumber = Dictionary(table.entries.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let chain = [0] + allFree
        for (i, number) in chain.enumerated() {
            guard let entry = byNumber[number] else { continue }
            let next = i + 1 < chain.count ? chain[i + 1] : 0
            write(&bytes, at: entry.position, "\(pad(next, 10)) \(pad(number == 0 ? 65535 : entry.generation, 5)) f")
        }
        report.freed = free
        return report
    }

    /// Says what `repair` would change, without changing anything.
    public static func check(_ bytes: [UInt8]) -> Report {
        var copy = bytes
        return repair(&copy)
    }

    // MARK: - Reading the table

    struct Entry {
        var number: Int
        var offset: Int
        var generation: Int
        var inUse: Bool
        /// Where the entry's 18 significant bytes start in the file.
        var position: Int
    }

    struct Table {
        var start: Int
        var entries: [Entry]
    }

    /// The file's one classic table, from the last `startxref`; nil for anything else.
    static func locateTable(_ b: [UInt8]) -> Table? {
        let tailStart = max(0, b.count - 1024)
        guard let sx = lastIndex(of: Array("startxref".utf8), in: b, from: tailStart) else { return nil }
        var i = sx + 9
        skipWhitespace(b, &i)
        guard let xrefAt = readInt(b, &i), xrefAt >= 0, xrefAt + 4 <= b.count, Array(b[xrefAt..<xrefAt + 4]) == Array("xref".utf8) else { return nil }
        i = xrefAt + 4
        var entries: [Entry] = []
        while true {
            skipWhitespace(b, &i)
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "t") { break }  // trailer
            guard let first = readInt(b, &i) else { return nil }
            skipSpaces(b, &i)
            guard let count = readInt(b, &i), count >= 0, count <= 10_000_000 else { return nil }
            skipWhitespace(b, &i)
            for k in 0..<count {
                guard i + 18 <= b.count else { return nil }
                let pos = i
                var j = i
                guard let offset = readInt(b, &j), j == pos + 10 else { return nil }
                j += 1
                guard let gen = readInt(b, &j), j == pos + 16 else { return nil }
                let kind = b[pos + 17]
                guard kind == UInt8(ascii: "n") || kind == UInt8(ascii: "f") else { return nil }
                entries.append(Entry(number: first + k, offset: offset, generation: gen, inUse: kind == UInt8(ascii: "n"), position: pos))
                i = pos + 18
                skipWhitespace(b, &i)
            }
        }
        // The trailer must not chain to an earlier table: an incremental update is not ours to fix.
        if let prev = firstIndex(of: Array("/Prev".utf8), in: b, from: i), prev < sx { return nil }
        return Table(start: xrefAt, entries: entries)
    }

    static func definesObject(_ b: [UInt8], at offset: Int, number: Int, generation: Int) -> Bool {
        guard offset > 0, offset < b.count else { return false }
        var i = offset
        guard readInt(b, &i) == number else { return false }
        skipSpaces(b, &i)
        guard readInt(b, &i) == generation else { return false }
        skipSpaces(b, &i)
        return i + 3 <= b.count && b[i] == UInt8(ascii: "o") && b[i + 1] == UInt8(ascii: "b") && b[i + 2] == UInt8(ascii: "j")
    }

    /// Offsets of every `N G obj` at the start of a line.
    static func scanDefinitions(_ b: [UInt8]) -> [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        var lineStart = true
        for i in 0..<b.count {
            defer { lineStart = b[i] == 0x0A || b[i] == 0x0D }
            guard lineStart, isDigit(b[i]) else { continue }
            var j = i
            guard let n = readInt(b, &j) else { continue }
            skipSpaces(b, &j)
            guard let g = readInt(b, &j) else { continue }
            if definesObject(b, at: i, number: n, generation: g) { out[n, default: []].append(i) }
        }
        return out
    }

    // MARK: - Bytes

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func readInt(_ b: [UInt8], _ i: inout Int) -> Int? {
        var v = 0, any = false
        while i < b.count, isDigit(b[i]), v < Int.max / 20 {
            v = v * 10 + Int(b[i] - 0x30); i += 1; any = true
        }
        return any ? v : nil
    }

    static func skipSpaces(_ b: [UInt8], _ i: inout Int) {
        while i < b.count, b[i] == 0x20 { i += 1 }
    }

    static func skipWhitespace(_ b: [UInt8], _ i: inout Int) {
        while i < b.count, [0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00].contains(b[i]) { i += 1 }
    }

    static func lastIndex(of needle: [UInt8], in b: [UInt8], from: Int) -> Int? {
        guard b.count >= needle.count else { return nil }
        var i = b.count - needle.count
        while i >= from {
            if b[i] == needle[0], Array(b[i..<i + needle.count]) == needle { return i }
            i -= 1
        }
        return nil
    }

    static func firstIndex(of needle: [UInt8], in b: [UInt8], from: Int) -> Int? {
        guard from >= 0, b.count >= needle.count, from <= b.count - needle.count else { return nil }
        for i in from...(b.count - needle.count) where b[i] == needle[0] && Array(b[i..<i + needle.count]) == needle { return i }
        return nil
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func write(_ b: inout [UInt8], at position: Int, _ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 18 else { return }  // fields wider than the entry cannot occur: offsets < 10^10
        b.replaceSubrange(position..<position + 18, with: bytes)
    }
}
