import Foundation
import FuzzSupport
import Pipeline

/// Any text as a chart's CSV: parsing, then every cell read as a number.
func fuzzOne(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let t = try? DataTable.parse(text, path: "fuzz.csv") else { return }
    for r in t.rows.indices { for c in t.seriesColumns { _ = try? t.number(row: r, column: c) } }
}

/// libFuzzer's entry point (`make fuzz` links this target with libFuzzer's own main).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// A normal build replays saved inputs (see FuzzSupport).
@main struct Fuzz {
    static func main() { fuzzMain(fuzzOne) }
}
