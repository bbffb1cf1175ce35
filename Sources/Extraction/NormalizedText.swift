import Foundation

/// A document's text prepared for recognition, with every position mapped back to the original.
///
/// PDF extraction breaks lines inside sentences and numbers (`2015 年 1 月`, `500 万\n\n元`,
/// `双十\n\n二`) and leaves page numbers on lines of their own. Recognisers work on `text`, where
/// such whitespace is gone and full-width characters are folded (NFKC for ASCII forms); `origin`
/// maps each of its scalars back to the original, so a fact's span covers exactly what the file
/// shows, breaks included. Offsets count Unicode scalars.
public struct NormalizedText: Sendable {
    /// The original scalars.
    public let source: [Unicode.Scalar]
    /// Folded scalars; `\n` marks a hard break (paragraph end in web text).
    public let text: [Unicode.Scalar]
    /// `origin[i]` is the index in `source` of `text[i]`.
    public let origin: [Int]
    /// True when lines break inside sentences (text from a PDF): newlines are then not boundaries.
    public let isPDFLike: Bool

    public init(_ string: String) {
        let src = Array(string.unicodeScalars)
        source = src
        let lines = Self.lines(src)
        let headerEnd = Self.headerEnd(src, lines)
        let pdf = Self.looksLikePDF(src, lines.filter { $0.0 >= headerEnd })
        isPDFLike = pdf
        var out: [Unicode.Scalar] = []
        var map: [Int] = []
        out.reserveCapacity(src.count)
        map.reserveCapacity(src.count)
        // Lines that hold only a page number (1–3 digits) in PDF text are dropped whole.
        var dropped = [Bool](repeating: false, count: src.count)
        if pdf {
            for (a, b) in lines {
                let content = src[a..<b].filter { !isSpace($0) }
                if !content.isEmpty, content.count <= 3, content.allSatisfy({ isDigit(fold($0)) }) {
                    for k in a..<b { dropped[k] = true }
                }
            }
        }
        var i = 0
        while i < src.count {
            if dropped[i] { i += 1; continue }
            let c = src[i]
            if c == "\n" || c == "\r" || isSpace(c) {
                // A run of whitespace: a hard break in web text if it holds a newline,
                // a single space between two ASCII letters or digits, otherwise nothing.
                var j = i
                var newline = false
                while j < src.count, dropped[j] || src[j] == "\n" || src[j] == "\r" || isSpace(src[j]) {
                    if src[j] == "\n" && !dropped[j] { newline = true }
                    j += 1
                }
                let prev = out.last
                let next = j < src.count ? fold(src[j]) : nil
                if newline && (!pdf || i <= headerEnd) {
                    if prev != nil && prev != "\n" { out.append("\n"); map.append(i) }
                } else if let p = prev, let n = next, isASCIIAlnum(p), isASCIIAlnum(n) {
                    out.append(" "); map.append(i)
                } else if !pdf, let p = prev, let n = next, p.value >= 0x3400, n.value >= 0x3400, p != "\n" {
                    // Between two Chinese characters of web text a space separates phrases
                    // (a title's `投资1404亿 第一批`); PDF text breaks anywhere, so there it is nothing.
                    out.append(" "); map.append(i)
                }
                i = j
                continue
            }
            out.append(fold(c))
            map.append(i)
            i += 1
        }
        text = out
        origin = map
    }

    /// The original range of normalised range `r` (end exclusive).
    public func sourceRange(_ r: Range<Int>) -> Range<Int> {
        guard !r.isEmpty, r.lowerBound < origin.count else { return 0..<0 }
        let end = min(r.upperBound, origin.count) - 1
        return origin[r.lowerBound]..<(origin[end] + 1)
    }

    public func sourceString(_ r: Range<Int>) -> String { makeString(source[r]) }

    static func lines(_ src: [Unicode.Scalar]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var start = 0
        for (i, c) in src.enumerated() where c == "\n" {
            out.append((start, i))
            start = i + 1
        }
        out.append((start, src.count))
        return out
    }

    /// Where the metadata block at the top of a file ends (`# source: URL` lines, YAML front
    /// matter): its line breaks stay breaks even in PDF text, and it says nothing about layout.
    static func headerEnd(_ src: [Unicode.Scalar], _ lines: [(Int, Int)]) -> Int {
        func text(_ l: (Int, Int)) -> String { makeString(src[l.0..<l.1]).trimmingCharacters(in: .whitespacesAndNewlines) }
        var k = 0, end = 0
        if let first = lines.first, text(first) == "---" {
            k = 1
            while k < lines.count { let done = text(lines[k]) == "---"; end = lines[k].1; k += 1; if done { break } }
        }
        while k < lines.count, src[lines[k].0..<lines[k].1].first == "#" { end = lines[k].1; k += 1 }
        return end
    }

    /// Web text ends almost every line with sentence punctuation; PDF text breaks mid-sentence.
    static func looksLikePDF(_ src: [Unicode.Scalar], _ lines: [(Int, Int)]) -> Bool {
        var total = 0, open = 0
        for (a, b) in lines {
            var e = b
            while e > a, isSpace(src[e - 1]) || src[e - 1] == "\r" { e -= 1 }
            guard e - a >= 12 else { continue }  // headings and captions say nothing
            guard src[a..<e].contains(where: { $0.value >= 0x3400 }) else { continue }  // date and time lines, URLs
            total += 1
            if !"。！？!?”\"）)…；;：:」』".unicodeScalars.contains(src[e - 1]) { open += 1 }
        }
        // A page of PDF text has many broken lines; a short web page's title, date and source
        // lines are open too, so a handful of lines says nothing.
        let ratio = total > 0 ? Double(open) / Double(total) : 0
        return total >= 8 && ratio > 0.5 || total >= 4 && ratio >= 0.75
    }
}

@inline(__always) func isSpace(_ c: Unicode.Scalar) -> Bool {
    c == " " || c == "\t" || c == "\u{3000}" || c == "\u{A0}" || c == "\u{FEFF}" || c == "\u{200B}"
}
@inline(__always) func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
@inline(__always) func isASCIIAlnum(_ c: Unicode.Scalar) -> Bool {
    isDigit(c) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
}

/// NFKC for the forms that matter here: full-width ASCII (digits, letters, ％, －, ～, ．) to ASCII.
/// Full-width CJK punctuation (，。) stays as it is: it carries meaning for sentence splitting.
@inline(__always) func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
    let v = c.value
    if v >= 0xFF10 && v <= 0xFF19 || v >= 0xFF21 && v <= 0xFF3A || v >= 0xFF41 && v <= 0xFF5A
        || v == 0xFF05 || v == 0xFF0D || v == 0xFF5E || v == 0xFF0E || v == 0xFF0B {
        return Unicode.Scalar(v - 0xFEE0) ?? c
    }
    return c
}
