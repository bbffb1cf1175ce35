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
}
