import Foundation
import Pipeline
import Testing
import TestSupport

@Suite struct OutputFolderTests {
    @Test func manifestListsEveryFileWithItsHash() throws {
        let dir = Tools.temporaryFolder() + "/out"
        let folder = try OutputFolder(root: dir)
        try folder.write(Array("援疆".utf8), name: "a.txt", kind: "data", inputs: ["seeds/x.txt"])
        try folder.write([1, 2, 3], name: "b.png", kind: "chart")
        try folder.finish()
        let data = try #require(FileManager.default.contents(atPath: dir + "/manifest.json"))
        let m = try JSONDecoder().decode(Manifest.self, from: data)
        #expect(m.files.map(\.path) == ["a.txt", "b.png"])
        #expect(m.files[0].bytes == 6 && m.files[0].format == "txt" && m.files[0].inputs == ["seeds/x.txt"])
        let sha = try #require(Tools.which("sha256sum"))
        let expected = try Tools.run(sha, [dir + "/b.png"]).stdout.split(separator: " ").first.map(String.init)
        #expect(m.files[1].sha256 == expected)
    }

    @Test func anOutputPathThatIsAFileIsAClearError() throws {
        let dir = Tools.temporaryFolder()
        let file = dir + "/out"
        _ = FileManager.default.createFile(atPath: file, contents: Data([0]))
        #expect { try OutputFolder(root: file) } throws: { e in
            "\(e)".contains(file) && "\(e)".contains("is a file")
        }
    }

    @Test func invalidUTF8NamesTheFileAndByteOffset() throws {
        let dir = Tools.temporaryFolder()
        let path = dir + "/bad.txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data(Array("援疆ab".utf8) + [0xFF, 0x41]))
        #expect { try SourceText.read(path) } throws: { e in
            "\(e)".contains(path) && "\(e)".contains("byte 8")
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF] + Array("资金".utf8)))
        #expect(try SourceText.read(path).text == "资金", "a UTF-8 BOM is dropped")
    }

    @Test func sourceDateEpochIsReadFromTheEnvironment() {
        #expect(sourceDateEpoch(["SOURCE_DATE_EPOCH": "1450000000"]) == Date(timeIntervalSince1970: 1_450_000_000))
        #expect(sourceDateEpoch(["SOURCE_DATE_EPOCH": "soon"]) == nil)
        #expect(sourceDateEpoch([:]) == nil)
    }
}
