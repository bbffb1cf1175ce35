import Extraction
import Foundation
import FuzzSupport
import Pipeline

/// Any bytes as the one article of `reportgen draft`: the draft is written, then read back as a
/// report would read it (spec, chart files with their fact queries, timeline), and every chart's
/// numbers and the timeline are resolved against the article's facts. A crash is a bug, and so
/// is a draft that does not load: `draft` promises a folder that builds as it is. An article
/// that cannot be decoded is a correct refusal.
func fuzzOne(_ bytes: [UInt8]) {
    guard (try? TextDecoder.decode(bytes, file: "a.txt")) != nil else { return }
    let dir = NSTemporaryDirectory() + "fuzz-draft-\(getpid())"
    let fm = FileManager.default
    try? fm.removeItem(atPath: dir)
    defer { try? fm.removeItem(atPath: dir) }
    guard (try? fm.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)) != nil,
          fm.createFile(atPath: dir + "/in/a.txt", contents: Data(bytes)) else { return }
    let draft: Draft.Result
    do { draft = try Draft.write(articles: [dir + "/in/a.txt"], to: dir + "/draft") } catch {
        // Only a refusal that names why is right; there is nothing else a draft of one article may fail on.
        guard !error.description.isEmpty else { preconditionFailure("draft failed without a message") }
        return
    }
    let inputs: ReportBuild.Inputs
    do { inputs = try ReportBuild.inputs(spec: draft.spec) } catch {
        preconditionFailure("the draft of this article does not load: \(error)")
    }
    guard let doc = try? Extractor().extract(file: dir + "/in/a.txt") else { return }
    let base = FactBase(documents: [doc])
    for c in inputs.charts { _ = try? c.data(facts: base, articles: [dir + "/in/a.txt"]) }
    for t in inputs.timelines { _ = try? t.resolved(facts: base) }
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
