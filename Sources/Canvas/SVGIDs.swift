/// Cairo names SVG groups `surfaceN` from a process-wide counter, so the same drawing gets
/// different ids depending on what was drawn before (and in which thread order). Renumbering them
/// in order of first appearance makes SVG output reproducible.
enum SVGIDs {
    static func renumber(_ svg: [UInt8]) -> [UInt8] {
        let key = Array("surface".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(svg.count)
        var map: [ArraySlice<UInt8>: Int] = [:]
        var i = 0
        while i < svg.count {
            if svg[i] == key[0], i + key.count < svg.count, svg[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < svg.count, svg[j] >= 0x30, svg[j] <= 0x39 { j += 1 }
                if j > i + key.count {
                    let digits = svg[(i + key.count)..<j]
                    let n: Int
                    if let known = map[digits] { n = known } else { n = map.count + 1; map[digits] = n }
                    out += key
                    out += Array(String(n).utf8)
                    i = j
                    continue
                }
            }
            out.append(svg[i])
            i += 1
        }
        return out
    }

    /// Prefixes every id (and every `#id` reference) so several SVGs can sit inline in one HTML
    /// page: cairo names glyphs `glyph0-1` in every file, and the first definition would win.
    static func prefixed(_ svg: [UInt8], _ prefix: String) -> [UInt8] {
        let text = String(decoding: svg, as: UTF8.self)
        var ids: Set<Substring> = []
        var rest = text[...]
        while let r = rest.range(of: " id=\"") {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            ids.insert(after[..<end])
            rest = after[end...]
        }
        guard !ids.isEmpty else { return svg }
        var out = ""
        out.reserveCapacity(text.utf8.count + ids.count * 16)
        var i = text.startIndex
        // Rewrite `id="X"`, `#X"` and `#X)` where X is a known id.
        while i < text.endIndex {
            let c = text[i]
            if c == "#" || (c == "i" && text[i...].hasPrefix("id=\"")) {
                let start = c == "#" ? text.index(after: i) : text.index(i, offsetBy: 4)
                if let end = text[start...].firstIndex(where: { $0 == "\"" || $0 == ")" }), ids.contains(text[start..<end]) {
                    out += text[i..<start]
                    out += prefix
                    out += text[start..<end]
                    i = end
                    continue
                }
            }
            out.append(c)
            i = text.index(after: i)
        }
        return Array(out.utf8)
    }
}
