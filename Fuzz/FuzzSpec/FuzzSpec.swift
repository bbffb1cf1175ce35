import Foundation
import FuzzSupport
import Pipeline

/// Any text as each kind of spec file: briefing, chart, timeline.
func fuzzOne(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? BriefingFile.parse(text, path: "/nonexistent/fuzz.yaml")
    _ = try? ChartFile.parse(text, path: "/nonexistent/fuzz.yaml")
    _ = try? TimelineFile.parse(text, path: "/nonexistent/fuzz.yaml")
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
