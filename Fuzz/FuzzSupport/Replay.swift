import Foundation

/// In a normal build a fuzz target is a replayer: it runs its fuzz function on each file named on
/// the command line, so crashing inputs kept under `Tests/Fixtures/fuzz/` stay regression tests.
/// `make fuzz` links the same code with libFuzzer's main instead, which calls the target's
/// `LLVMFuzzerTestOneInput` (see `Fuzz/link.sh`).
public func fuzzMain(_ body: ([UInt8]) -> Void) -> Never {
    for f in CommandLine.arguments.dropFirst() {
        guard let d = FileManager.default.contents(atPath: f) else {
            FileHandle.standardError.write(Data("cannot read \(f)\n".utf8))
            exit(2)
        }
        body([UInt8](d))
    }
    exit(0)
}
