/// Errors from rendering and writing output. Each names what a user must fix.
public enum CanvasError: Error, Equatable, CustomStringConvertible {
    /// Cairo refused an operation; `context` says which, `status` is cairo's own words.
    case cairo(context: String, status: String)
    case cannotWrite(path: String, reason: String)
    case invalidImage(String)
    case invalidSize(Size)
    case unsupportedFormat(path: String)

    public var description: String {
        switch self {
        case .cairo(let context, let status):
            return "drawing failed while \(context): \(status)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .invalidImage(let why):
            return "invalid PNG image: \(why)"
        case .invalidSize(let s):
            return "invalid size \(s.width) x \(s.height): width and height must be positive and finite, at most 20000 x 20000 pixels once scaled"
        case .unsupportedFormat(let path):
            return "cannot tell the output format of \(path): use a .png, .pdf or .svg file name"
        }
    }
}
