/// Cairo names SVG groups `surfaceN` from a process-wide counter, so the same drawing gets
/// different ids depending on what was drawn before (and in which thread order). Renumbering them
/// in order of first appearance makes SVG output reproducible.
enum SVGIDs {
    static func renumber(_ svg: [UInt8]) -> [UInt8] {
        let key = Array("surface".utf8)
        return svg.withUnsafeBufferPointer { b -> [UInt8] in
            let n = b.count
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var map: [ArraySlice<UInt8>: Int] = [:]
            var copied = 0, i = 0
            while i < n {
                guard b[i] == key[0], i + key.count < n, b[i..<(i + key.count)].elementsEqual(key) else {
                    i += 1
                    continue
                }
                var j = i + key.count
                while j < n, b[j] >= 0x30, b[j] <= 0x39 { j += 1 }
                guard j > i + key.count else {
                    i += 1
                    continue
                }
                let digits = ArraySlice(b[(i + key.count)..<j])
                let number: Int
                if let known = map[digits] { number = known } else { number = map.count + 1; map[digits] = number }
                out.append(contentsOf: b[copied..<i])
                out.append(contentsOf: key)
                out.append(contentsOf: String(number).utf8)
                copied = j
                i = j
            }
            out.append(contentsOf: b[copied..<n])
            return out
        }
    }

    /// Prefixes every id (and every `#id` reference) so several SVGs can sit inline in one HTML
    /// page: cairo names glyphs `glyph0-1` in every file, and the first definition would win.
    /// Works on the UTF-8 bytes: ids and the syntax around them are ASCII, and a briefing's
    /// figures are megabytes of path data.
    static func prefixed(_ svg: [UInt8], _ prefix: String) -> [UInt8] {
        let idAttr = Array(" id=\"".utf8), idName = Array("id=\"".utf8)
        let quote = UInt8(ascii: "\""), paren = UInt8(ascii: ")"), hash = UInt8(ascii: "#")
        let pre = Array(prefix.utf8)
        return svg.withUnsafeBufferPointer { b -> [UInt8] in
            let n = b.count
            func matches(_ pattern: [UInt8], at i: Int) -> Bool {
                guard i + pattern.count <= n else { return false }
                for k in 0..<pattern.count where b[i + k] != pattern[k] { return false }
                return true
            }
            /// End of the id starting at `i`: the index of the closing quote or parenthesis.
            func idEnd(from i: Int) -> Int? {
                var j = i
                while j < n, b[j] != quote, b[j] != paren { j += 1 }
                return j < n ? j : nil
            }
            var ids: Set<ArraySlice<UInt8>> = []
            var i = 0
            while i < n {
                if b[i] == UInt8(ascii: " "), matches(idAttr, at: i) {
                    let start = i + idAttr.count
                    var j = start
                    while j < n, b[j] != quote { j += 1 }
                    guard j < n else { break }
                    ids.insert(ArraySlice(b[start..<j]))
                    i = j
                }
                i += 1
            }
            guard !ids.isEmpty else { return svg }
            var out: [UInt8] = []
            out.reserveCapacity(n + ids.count * 2 * (pre.count + 1))
            var copied = 0
            i = 0
            // Rewrite `id="X"`, `#X"` and `#X)` where X is a known id.
            while i < n {
                let start: Int
                if b[i] == hash {
                    start = i + 1
                } else if b[i] == UInt8(ascii: "i"), matches(idName, at: i) {
                    start = i + idName.count
                } else {
                    i += 1
                    continue
                }
                if let end = idEnd(from: start), ids.contains(ArraySlice(b[start..<end])) {
                    out.append(contentsOf: b[copied..<start])
                    out.append(contentsOf: pre)
                    out.append(contentsOf: b[start..<end])
                    copied = end
                    i = end
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: b[copied..<n])
            return out
        }
    }
}
