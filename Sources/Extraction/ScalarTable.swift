/// A small map from characters to numbers, looked up once per character of every article: a
/// sorted array and a binary search instead of a `Dictionary`, whose hashing of each scalar was
/// a third of extraction's time on a 10 MB text. Most characters asked about are no key: the
/// keys' `ScalarSet` filter turns them away before the search. Written like a dictionary literal.
struct ScalarTable: Sendable, ExpressibleByDictionaryLiteral {
    private let keys: [UInt32]
    private let values: [Int]
    /// The keys, as a set.
    let keySet: ScalarSet

    init(dictionaryLiteral elements: (Unicode.Scalar, Int)...) {
        let sorted = elements.sorted { $0.0.value < $1.0.value }
        keys = sorted.map(\.0.value)
        values = sorted.map(\.1)
        keySet = ScalarSet(sorted.map(\.0))
    }

    subscript(_ c: Unicode.Scalar) -> Int? {
        guard keySet.mayContain(c) else { return nil }
        let v = c.value
        var lo = 0, hi = keys.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if keys[mid] == v { return values[mid] }
            if keys[mid] < v { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }
}
