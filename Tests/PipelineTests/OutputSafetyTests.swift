import Foundation
@testable import Pipeline
import Testing
import TestSupport
import Yams

/// The rules behind a safe output folder, one at a time: which cells a spreadsheet would run,
/// which names a state file may hold, which folders cannot be reached through a link.
@Suite struct SpreadsheetCellTests {
    @Test func cellsASpreadsheetWouldRunAreNeutralised() {
        for attack in ["=1+2电子商务中心开园", "=HYPERLINK(\"http://x\",\"点\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
                       "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+2", "\r=1+2", "  =1+2", "-", "+", "--1", "-1-1", "=1e5"] {
            let out = SpreadsheetCell.escape(attack)
            #expect(out == "'" + attack, "\(attack.debugDescription) → \(out.debugDescription)")
        }
    }

    @Test func numbersAndOrdinaryTextAreUnchanged() {
        for cell in ["-5", "+5", "-5.25", "-0.5", "-.5", "-8,000", "-1,234,567.5", "-1.5e3", "-2E-4", "80000000", "天网工程", "2015-09-10",
                     "", "援疆=互助", "a-b", "说明：-5"] {
            #expect(SpreadsheetCell.escape(cell) == cell, "\(cell)")
        }
        #expect(FigureFiles.csvLine(["=A1", "-5", "x,y"]) == "'=A1,-5,\"x,y\"\n")
    }
}

@Suite struct OutputNameRuleTests {
    @Test func onlyPlainOutputNamesCount() {
        for ok in ["briefing.pdf", "aksu-2015-funding.csv", "b-fig12.png", "facts.json", "援疆_2015.svg", "manifest.json"] {
            #expect(OutputNames.isOutputFile(ok), "\(ok)")
        }
        for bad in ["../x.png", "/etc/passwd", "a/b.png", "linked/victim.png", ".reportgen/cache.json", "archive/x.png", "x.txt", "x",
                    ".hidden.png", "a b.png", "a\n.png", "", ".", "..", "x.png/", "%2e%2e.png"] {
            #expect(!OutputNames.isOutputFile(bad), "\(bad.debugDescription)")
        }
    }

    @Test func aJournalNamingAnythingElseIsNotFollowed() {
        #expect(BuildTransaction.JournalPlan("staging-12-ab12\nb.png\nmanifest.json\n-old.png") != nil)
        #expect(BuildTransaction.JournalPlan("staging-12\nb.png") != nil, "an older build's journal still completes")
        for bad in ["staging-1\n-../../x", "../staging-1\nb.png", "staging-1/../..\nb.png", "staging-1\n../b.png", "staging-1\n-manifest.json",
                    "staging-x\nb.png", "other\nb.png", "staging-1\nb.png\n-archive"] {
            #expect(BuildTransaction.JournalPlan(bad) == nil, "\(bad.debugDescription)")
        }
    }

    @Test func temporaryNamesAreOnesOnlyABuildMakes() {
        let t = OutputFolder.freshToken()
        #expect(OutputFolder.isToken(Substring(t)))
        #expect(t != OutputFolder.freshToken(), "64 random bits each")
        for user in ["keep", "2024", "1-", "-ab", "1-xyz", "1-ab-cd", "١٢-ab"] { #expect(!OutputFolder.isToken(Substring(user)), "\(user)") }
    }
}

@Suite struct OutputFolderTests {
    @Test func nothingUnderTheFolderIsReachedThroughALink() throws {
        let dir = Tools.temporaryFolder("output-folder")
        let outside = dir + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "keep".write(toFile: outside + "/victim.png", atomically: false, encoding: .utf8)
        let folder = try OutputFolder(dir + "/out")
        try FileManager.default.createSymbolicLink(atPath: dir + "/out/sub", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: dir + "/out/file.png", withDestinationPath: outside + "/victim.png")
        #expect(throws: BuildError.self) { try folder.write([1, 2, 3], to: "sub/new.png", token: "1-a") }
        #expect(folder.read("file.png") == nil, "a link is not read through")
        #expect(folder.read("sub/victim.png") == nil)
        #expect(folder.removeFile("sub/victim.png") == nil)
        folder.removeTree("sub")
        #expect(FileManager.default.contents(atPath: outside + "/victim.png") == Data("keep".utf8))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/sub"), "the link itself is removed, not what it points to")
        try folder.write(Array("new".utf8), to: "file.png", token: "1-b")
        #expect(FileManager.default.contents(atPath: outside + "/victim.png") == Data("keep".utf8), "the link is replaced")
        #expect(FileManager.default.contents(atPath: dir + "/out/file.png") == Data("new".utf8))
        #expect(throws: BuildError.self) { try folder.link("file.png", to: "../escape.png") }
        #expect(!FileManager.default.fileExists(atPath: dir + "/escape.png"))
    }

    @Test func aFIFOInPlaceOfAStateFileDoesNotHangTheBuild() throws {
        let dir = Tools.temporaryFolder("fifo")
        let folder = try OutputFolder(dir)
        #expect(mkfifo(dir + "/manifest.json", 0o644) == 0)
        #expect(folder.read("manifest.json") == nil)
        let (m, warning) = Manifest.load(from: folder)
        #expect(m == nil && warning?.contains("not a manifest") == true)
    }
}

@Suite struct YAMLLimitTests {
    @Test func aliasesAreCountedEachTimeTheyAreUsed() throws {
        var yaml = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
        for level in 1...5 { yaml += "l\(level): &l\(level) [" + Array(repeating: level == 1 ? "*a" : "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let node = try Yams.compose(yaml: yaml)
        let t0 = Date()
        #expect(throws: BuildError.self) { try YAMLLimits.check(node, path: "x.yaml") }
        #expect(Date().timeIntervalSince(t0) < 1, "the count stops at the limit")
        do { try YAMLLimits.check(node, path: "x.yaml") } catch { #expect("\(error)".contains("limit on YAML nodes") && "\(error)".contains("x.yaml")) }
        #expect(throws: Never.self) { try YAMLLimits.check(try Yams.compose(yaml: "a: &a [1, 2]\nb: [*a, *a]\n"), path: "ok.yaml") }
    }

    @Test func longTextThroughAliasesIsALimitToo() throws {
        let yaml = "t: &t \"" + String(repeating: "援", count: 100_000) + "\"\nu: [" + Array(repeating: "*t", count: 20).joined(separator: ", ") + "]\n"
        do { try YAMLLimits.check(try Yams.compose(yaml: yaml), path: "x.yaml"); Issue.record("6 MB of text through aliases passed") } catch {
            #expect("\(error)".contains("limit on YAML text"))
        }
    }
}
