/// Sentence ranges over normalised text: they end after 。！？!?；; or at a hard break.
/// Closing quotes and brackets right after the end mark stay with the sentence.
enum Sentences {
    static let enders: ScalarSet = "。！？!?；;…"
    static let closers: ScalarSet = "”’」』）)\""

    static func split(_ t: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < t.count {
            let c = t[i]
            if c == "\n" {
                if i > start { out.append(start..<i) }
                start = i + 1
            } else if enders.contains(c) {
                var j = i + 1
                while j < t.count, enders.contains(t[j]) || closers.contains(t[j]) { j += 1 }
                out.append(start..<j)
                start = j
                i = j
                continue
            }
            i += 1
        }
        if start < t.count { out.append(start..<t.count) }
        return out.filter { r in t[r].contains { !isSpace($0) && $0 != "\n" } }
    }
}
