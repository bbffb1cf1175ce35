/// A list of words looked for in a range of text (event verbs, money words, topic keywords,
/// measure words), in the order written.
///
/// `words.contains { t.contains($0, in: r) }` reads the range once per word: 60 event verbs
/// over a clause, 27 money words over every clause of the text. Here the range is read once,
/// and only at characters that start some word (a `ScalarSet` of first characters) are the
/// words compared.
struct WordList: Sendable {
    let words: [[Unicode.Scalar]]
    private let firsts: ScalarSet
    /// The group of each word (all 0 unless built from groups).
    private let groups: [Int]
    let groupCount: Int

    init(_ list: [String]) { self.init(groups: [list]) }

    /// Words in groups (a topic's keywords), for `distinctHitsPerGroup`.
    init(groups lists: [[String]]) {
        var words: [[Unicode.Scalar]] = [], groups: [Int] = []
        for (g, list) in lists.enumerated() {
            for w in list.map(scalars) where !w.isEmpty { words.append(w); groups.append(g) }
        }
        self.words = words
        self.groups = groups
        groupCount = lists.count
        firsts = ScalarSet(words.map { $0[0] })
    }

    /// True when one of the words lies wholly inside `r` of `t`.
    func occurs(in t: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        let r = r.clamped(to: 0..<t.count)
        for i in r where firsts.contains(t[i]) {
            for w in words where w[0] == t[i] && i + w.count <= r.upperBound && t.has(w, at: i) { return true }
        }
        return false
    }

    /// How many different words lie wholly inside `r` (a word seen twice counts once).
    func distinctHits(in t: [Unicode.Scalar], _ r: Range<Int>) -> Int { distinctHitsPerGroup(in: t, r).reduce(0, +) }

    /// For each group, how many of its different words lie wholly inside `r`: one pass over
    /// the range for all groups.
    func distinctHitsPerGroup(in t: [Unicode.Scalar], _ r: Range<Int>) -> [Int] {
        let r = r.clamped(to: 0..<t.count)
        var seen = [Bool](repeating: false, count: words.count)
        var hits = [Int](repeating: 0, count: groupCount)
        for i in r where firsts.contains(t[i]) {
            for (k, w) in words.enumerated() where !seen[k] && w[0] == t[i] && i + w.count <= r.upperBound && t.has(w, at: i) {
                seen[k] = true; hits[groups[k]] += 1
            }
        }
        return hits
    }

    /// The longest word at `i` (the first written among equals).
    func longest(at i: Int, in t: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard i >= 0, i < t.count, firsts.contains(t[i]) else { return nil }
        return t.longest(words, at: i)
    }

    /// True when a word starts at `i`.
    func starts(at i: Int, in t: [Unicode.Scalar]) -> Bool {
        guard i >= 0, i < t.count, firsts.contains(t[i]) else { return false }
        return words.contains { t.has($0, at: i) }
    }
}
