import Foundation
import Testing
@testable import Extraction

/// JSONText writes what Foundation's JSONSerialization writes (pretty, sorted keys, slashes
/// unescaped), byte for byte, so facts.json and `reportgen extract` read as before.
@Suite struct JSONTextTests {
    static func foundation(_ v: Any) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: v, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
    }

    @Test func writesWhatFoundationWrites() throws {
        let tree: [String: Any] = [
            "text": "援疆资金 8000万元 “引号” \"quoted\" back\\slash a/b tab\tline\nreturn\r bell\u{07} nul\u{01}",
            "numbers": [0, -3, 1048, 80_000_000.0, 280_270_000.0, 0.5, -2.25, 39.5, 1e14],
            "flags": [true, false], "nothing": NSNull(),
            "empty list": [Any](), "empty object": [String: Any](),
            "nested": [["b": 1, "a": [["z": "终"], [String: Any]()], "a_b": "x", "ab": 2] as [String: Any]],
            "z": "last", "reference_date": "first", "reference_date_note": "second",
            "more numbers": [1e15, 1.5e20, 1e-7, 123456.789, -0.0, 1e300, 0.1],
            "controls": "\u{1B}\u{1F}\u{7F}\u{2028}\u{0B}",
        ]
        let ours = try JSONText.pretty(tree)
        #expect(ours == (try Self.foundation(tree)), "\(String(decoding: ours, as: UTF8.self))")
        let top: [Any] = [tree, [Any](), "s"]
        #expect(try JSONText.pretty(top) == (try Self.foundation(top)))
    }

    @Test func numbersReadBackExactly() throws {
        for d in [1e15, 1.5e20, 1e-7, 123456.789, Double.leastNonzeroMagnitude, -0.0] {
            let ours = try JSONText.pretty([d])
            let back = try #require(try JSONSerialization.jsonObject(with: Data(ours)) as? [Any])
            let value = try #require((back.first as? NSNumber)?.doubleValue)
            #expect(value == d, "\(d) -> \(String(decoding: ours, as: UTF8.self))")
        }
    }

    @Test func aTypedTreeWritesWhatTheSameAnyTreeWrites() throws {
        let any: [String: Any] = ["b": [1, 2.5, true, "终"], "a": NSNull(), "c": [String: Any](), "d": ["y": false, "x": -0.0] as [String: Any]]
        // Entries given out of order: the writer sorts the keys.
        let typed = JSONValue.object([
            ("d", .object([("y", .bool(false)), ("x", .double(-0.0))])), ("c", .object([])), ("a", .null),
            ("b", .array([.int(1), .double(2.5), .bool(true), .string("终")])),
        ])
        #expect(try JSONText.pretty(typed) == (try Self.foundation(any)))
        #expect(try JSONText.pretty(typed) == (try JSONText.pretty(any)))
        #expect(throws: JSONText.UnsupportedValue.self) { try JSONText.pretty(JSONValue.double(.infinity)) }
    }

    @Test func valuesJSONCannotHoldAreErrors() {
        #expect(throws: JSONText.UnsupportedValue.self) { try JSONText.pretty([Double.nan]) }
        #expect(throws: JSONText.UnsupportedValue.self) { try JSONText.pretty(["date": Date()]) }
    }
}
