import Foundation
import Extraction
import FuzzSupport

/// Any bytes as an article: decoding (UTF-8, GB18030, or a clear error), then extraction,
/// merging and writing the facts as JSON. A crash, hang or sanitizer report is a bug; a decoding
/// error is a correct answer; facts that cannot be written (an infinite amount) are a bug too,
/// reported by stopping here.
func fuzzOne(_ bytes: [UInt8]) {
    guard let (text, _) = try? TextDecoder.decode(bytes, file: "fuzz.txt") else { return }
    let facts = Extractor().extract(text: text, path: "fuzz.txt")
    _ = FactMerger.merge([facts, facts])
    do {
        _ = try FactsJSON.encode([facts])
        _ = try FactMerger.factsJSON([facts, facts])
    } catch {
        preconditionFailure("extracted facts cannot be written as JSON: \(error)")
    }
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
