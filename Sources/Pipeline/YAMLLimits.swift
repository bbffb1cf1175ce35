import Yams

/// Bounds on the work a spec can ask for, not only on its bytes.
///
/// A few kilobytes of YAML aliases (`&a [*b, *b, …]` nested three deep) expand to a million
/// sections: the file passes every byte limit and the build then runs for minutes or makes a
/// two-thousand-page PDF. So after `Yams.compose` (which resolves every alias into a copy) and
/// before anything reads the tree, its nodes and the characters of its scalars are counted,
/// each alias as often as it is used, and the count stops at the limit, so checking is cheap
/// however large the expansion. Then the briefing's sections and blocks are bounded, each
/// error naming the limit it hit. (Pages are bounded where they are laid out, `PageLayout`.)
public enum YAMLLimits {
    /// Nodes (mappings, lists, scalars, keys included) after aliases are expanded. The seed
    /// briefing has about 200; a timeline of 2,000 hand-written events about 10,000.
    public static let maxNodes = 100_000
    /// Characters of all scalars after aliases are expanded: what a spec file at its 4 MiB byte
    /// limit could hold without aliases.
    public static let maxScalarBytes = 4 * 1024 * 1024
    /// Sections (headings, nested ones included) in one briefing.
    public static let maxSections = 1_000
    /// Blocks (paragraphs, bullet lists, figures, tables) in one briefing.
    public static let maxBlocks = 5_000

    /// Throws when `root` expands beyond `maxNodes` nodes or `maxScalarBytes` characters.
    public static func check(_ root: Node?, path: String) throws(BuildError) {
        guard let root else { return }
        var nodes = 0, bytes = 0
        var stack = [root]
        while let n = stack.popLast() {
            nodes += 1
            if nodes > maxNodes {
                throw .data(path: path, line: nil, field: nil, message: "the YAML expands to more than \(maxNodes) nodes "
                    + "(the limit on YAML nodes, each alias counted every time it is used); write the content out or split the report")
            }
            switch n {
            case .scalar(let s):
                bytes += s.string.utf8.count
                if bytes > maxScalarBytes {
                    throw .data(path: path, line: nil, field: nil, message: "the YAML's text expands to more than \(maxScalarBytes) bytes "
                        + "(the limit on YAML text, each alias counted every time it is used); split the report")
                }
            case .mapping(let m):
                for (k, v) in m { stack.append(k); stack.append(v) }
            case .sequence(let s):
                stack.append(contentsOf: s)
            case .alias:
                break
            }
        }
    }

    /// Throws when the briefing has more sections or blocks than the limits allow.
    public static func check(_ inputs: ReportBuild.Inputs) throws(BuildError) {
        guard let b = inputs.briefing else { return }
        if b.sections.count > maxSections {
            throw .invalidSpec(.data(path: b.path, line: nil, field: "sections",
                                     message: "\(b.sections.count) sections is more than the limit of \(maxSections) sections in one briefing; split the report"))
        }
        let blocks = b.sections.reduce(0) { $0 + $1.content.count }
        if blocks > maxBlocks {
            throw .invalidSpec(.data(path: b.path, line: nil, field: "sections",
                                     message: "\(blocks) paragraphs, lists, figures and tables is more than the limit of \(maxBlocks) blocks in one briefing; split the report"))
        }
    }
}
