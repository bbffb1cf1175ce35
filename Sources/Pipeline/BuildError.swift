import Canvas
import Charts

/// Why a build failed, in words that name the file to fix.
public enum BuildError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notUTF8(path: String, byteOffset: Int)
    case noInputs(folder: String)
    case output(CanvasError)
    /// A problem in a user's data or spec file, at a line and field.
    case data(path: String, line: Int?, field: String?, message: String)
    /// The same at an exact line and column (1-based), for specs read node by node.
    case at(path: String, line: Int, column: Int, field: String, message: String)
    case chart(path: String, ChartError)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case other(String)
    /// Several problems found in one pass over a spec, reported together.
    case many([BuildError])
    /// Another build holds the output folder's lock.
    case locked(folder: String)
    /// The spec or its charts, timelines or data cannot be read as written: the user must fix
    /// them (exit code 2), as opposed to a build that failed while running (exit code 1).
    indirect case invalidSpec(BuildError)
    /// `--strict`: the build had warnings, so it fails and writes nothing.
    case strict([String])

    public var description: String {
        switch self {
        case .unreadable(let p, let r): return "cannot read \(p): \(r)"
        case .notUTF8(let p, let o): return "\(p): not valid UTF-8 text at byte \(o); save the file as UTF-8"
        case .noInputs(let f): return "nothing to build in \(f): add chart files (*.yaml) there or pass another --seeds folder"
        case .output(let e): return e.description
        case .data(let p, let line, let field, let m):
            return "\(p)\(line.map { ":\($0)" } ?? "")\(field.map { ": field \"\($0)\"" } ?? ""): \(m)"
        case .at(let p, let line, let column, let field, let m): return "\(p):\(line):\(column): field \"\(field)\": \(m)"
        case .chart(let p, let e): return "\(p): \(e.description)"
        case .tooLarge(let p, let b, let l):
            return "\(p): \(b) bytes is more than the \(l)-byte limit for this kind of input; split or aggregate it"
        case .other(let s): return s
        case .locked(let f):
            return "another reportgen build is writing \(f); wait for it (or pass --wait) — its process id is in \(f)/.reportgen/lock"
        case .invalidSpec(let e): return e.description
        case .strict(let w):
            return "--strict: \(w.count) warning\(w.count == 1 ? "" : "s") fail the build; nothing was written:\n" + w.map { "  " + $0 }.joined(separator: "\n")
        case .many(let all): return "\(all.count) problems:\n" + all.map { "  " + $0.description }.joined(separator: "\n")
        }
    }
}
