import Foundation
import Testing
import TestSupport

/// Every input a fuzzer ever crashed on (`Tests/Fixtures/fuzz/<target>/`), plus the seeds and the
/// bad-input corpus, through the fuzz targets' replayers: each must return normally.
@Suite struct FuzzReplayTests {
    static let root = GoldenImage.packageRoot()

    static func inputs(_ target: String) -> [String] {
        var dirs = ["Tests/Fixtures/fuzz/\(target)", "Tests/Fixtures/bad"]
        dirs += target == "fuzz-extract" || target == "fuzz-draft" ? ["seeds"] : target == "fuzz-csv" ? ["Tests/PipelineTests/Fixtures/seed-csv/data"] : ["seeds", "seeds/charts", "seeds/timelines"]
        return dirs.flatMap { d -> [String] in
            let path = root.appendingPathComponent(d).path
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0 != "README" }.sorted()
                .map { path + "/" + $0 }.filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && !isDir.boolValue }
        }
    }

    @Test(arguments: ["fuzz-extract", "fuzz-csv", "fuzz-spec", "fuzz-draft"])
    func savedInputsReplayWithoutACrash(_ target: String) throws {
        let bin = (Tools.reportgenBinary() as NSString).deletingLastPathComponent + "/" + target
        try #require(FileManager.default.isExecutableFile(atPath: bin), "\(bin) is built with the package")
        let files = Self.inputs(target)
        #expect(files.count > 10)
        let r = try Tools.run(bin, files)
        #expect(r.status == 0 && !r.crashed, "\(target): \(r.stderr.suffix(500))")
    }
}
