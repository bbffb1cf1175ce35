import Foundation

/// The known key a misspelt one most likely meant. Swapped letters count as one edit
/// (`lables` → `labels`), and ties go to the alphabetically first key so the hint is the
/// same on every run (a `Set`'s order is not).
func closestKey(to key: String, in keys: some Collection<String>) -> String {
    keys.sorted().min { editDistance($0, key) < editDistance($1, key) } ?? ""
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions each cost one.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}

/// Output names: they become file names inside the output folder, so letters, digits, `-` and
/// `_` only — nothing that could leave the folder or confuse a shell.
public enum OutputName {
    public static func isAllowed(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "-" || c == "_" }

    /// A usable file stem: 1–100 allowed characters.
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && name.allSatisfy(isAllowed)
    }

    /// The `*.yaml` / `*.yml` files directly inside `dir`, sorted; none when it cannot be read.
    static func yamlFiles(in dir: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { (dir as NSString).appendingPathComponent($0) }
    }
}
