import Foundation

/// A JSON tree whose types are known when it is built, for `JSONText` to write.
///
/// The facts were written from `[String: Any]` trees; every `as? String` tried on an `Any`
/// holding a dictionary bridged that dictionary (and all inside it) to `NSDictionary` first,
/// which on Linux was half of `reportgen extract`'s time on a 10 MB text. Objects keep their
/// entries in the order given; `JSONText` sorts the keys as it writes.
public indirect enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// A tree of `[String: Any]`, `[Any]`, `String`, `Int`, `Double`, `Bool` and `NSNull`, as
    /// callers build them for Foundation's `JSONSerialization`.
    public init(any value: Any) throws(JSONText.UnsupportedValue) {
        switch value {
        case let s as String: self = .string(s)
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(i)
        case let d as Double: self = .double(d)
        case is NSNull: self = .null
        case let dict as [String: Any]:
            var entries: [(key: String, value: JSONValue)] = []
            for (k, v) in dict { entries.append((k, try JSONValue(any: v))) }
            self = .object(entries)
        case let array as [Any]:
            var items: [JSONValue] = []
            for v in array { items.append(try JSONValue(any: v)) }
            self = .array(items)
        default:
            throw JSONText.UnsupportedValue(description: "a value JSON cannot hold (\(type(of: value)))")
        }
    }
}

/// Builds an object's entries, leaving out the optional ones that are nil (as the scorer's
/// schema leaves out `approx` or `resolved_end` when there is none).
struct JSONObjectBuilder {
    private(set) var entries: [(key: String, value: JSONValue)] = []

    mutating func add(_ key: String, _ value: JSONValue) { entries.append((key, value)) }
    mutating func add(_ key: String, _ s: String) { add(key, .string(s)) }
    mutating func add(_ key: String, _ s: String?) { if let s { add(key, .string(s)) } }
    mutating func add(_ key: String, _ i: Int) { add(key, .int(i)) }
    mutating func add(_ key: String, _ d: Double) { add(key, .double(d)) }
    mutating func add(_ key: String, _ d: Double?) { if let d { add(key, .double(d)) } }
    mutating func add(_ key: String, _ b: Bool) { add(key, .bool(b)) }

    var value: JSONValue { .object(entries) }
}
