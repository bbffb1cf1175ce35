import Foundation
import Extraction
import FuzzSupport

/// Any bytes as an article: decoding (UTF-8, GB18030, or a clear error), then extraction and
/// merging. A crash, hang or sanitizer report is a bug; an error is a correct answer.
func fuzzOne(_ bytes: [UInt8]) {
    guard let (text, _) = try? TextDecoder.decode(bytes, file: "fuzz.txt") else { return }
    let facts = Extractor().extract(text: text, path: "fuzz.txt")
    _ = FactMerger.merge([facts, facts])
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
