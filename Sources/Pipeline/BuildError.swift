import Canvas

/// Why a build failed, in words that name the file to fix.
public enum BuildError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notUTF8(path: String, byteOffset: Int)
    case noInputs(folder: String)
    case output(CanvasError)
    case other(String)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): return "cannot read \(p): \(r)"
        case .notUTF8(let p, let o): return "\(p): not valid UTF-8 text at byte \(o); save the file as UTF-8"
        case .noInputs(let f): return "no .txt articles in \(f): put the source articles there or pass another folder"
        case .output(let e): return e.description
        case .other(let s): return s
        }
    }
}
