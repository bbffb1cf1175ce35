import Foundation
import Testing
import TestSupport

/// What an unattended weekly rebuild relies on: incremental, atomic, locked, reproducible, and a
/// clear exit code for each kind of failure. Runs the built binary, as cron would.
@Suite(.serialized) struct ScheduledBuildTests {
    let bin = Tools.reportgenBinary()
    let seeds = GoldenImage.packageRoot().appendingPathComponent("seeds").path

    /// A private copy of the seeds, so tests can edit inputs.
    func seedCopy() throws -> String {
        let dir = Tools.temporaryFolder() + "/seeds"
        try FileManager.default.copyItem(atPath: seeds, toPath: dir)
        try installCSVCharts(into: dir)
        return dir
    }

    func manifest(_ out: String) throws -> [String: String] {
        let data = try #require(FileManager.default.contents(atPath: out + "/manifest.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var out: [String: String] = [:]
        for f in (json["files"] as? [[String: Any]]) ?? [] { out[f["path"] as? String ?? ""] = f["sha256"] as? String }
        return out
    }

    /// Every file the manifest lists exists with its recorded hash, and nothing else is left over.
    func consistent(_ out: String) throws -> Bool {
        let m = try manifest(out)
        let sha = try #require(Tools.which("sha256sum"))
        for (path, hash) in m {
            let r = try Tools.run(sha, [out + "/" + path])
            guard r.stdout.hasPrefix(hash) else { return false }
        }
        let present = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") && $0 != "manifest.json" && $0 != "archive" }
        let stray = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".tmp-") }
        return Set(present) == Set(m.keys) && stray.isEmpty
    }

    func build(_ args: [String], env: [String: String]? = nil) throws -> ToolRun {
        try Tools.run(bin, ["build"] + args, environment: env)
    }

    @Test func anUnchangedRebuildRedrawsNothingAndOneChangedCSVRedrawsOnlyItsChartAndTheBriefing() throws {
        let s = try seedCopy(), out = Tools.temporaryFolder() + "/out"
        #expect(try build(["--seeds", s, "--out", out]).status == 0)
        let first = try manifest(out)
        let again = try build(["--seeds", s, "--out", out])
        #expect(again.status == 0 && again.stderr.contains("0 jobs redone, 8 unchanged"), "\(again.stderr)")
        #expect(try manifest(out) == first)
        // One value in one CSV.
        let csv = s + "/data/wushi-2020-funds.csv"
        var text = try String(contentsOfFile: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: ",,395000,", with: ",,400000,")
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let third = try build(["--seeds", s, "--out", out, "--log-format", "json"])
        #expect(third.status == 0)
        let summary = try #require(third.stderr.split(separator: "\n").last { $0.contains("\"rebuilt\"") })
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        #expect(Set(((obj["rebuilt"] as? String) ?? "").split(separator: ",").map(String.init)) == ["chart:wushi-2020-funds", "briefing:briefing"])
        let now = try manifest(out)
        #expect(now["aksu-2015-funding.png"] == first["aksu-2015-funding.png"])
        #expect(now["wushi-2020-funds.png"] != first["wushi-2020-funds.png"])
        #expect(try consistent(out))
        let forced = try build(["--seeds", s, "--out", out, "--force"])
        #expect(forced.stderr.contains("8 jobs redone, 0 unchanged"))
    }

    @Test func aFailedBuildLeavesThePreviousOutputComplete() throws {
        let s = try seedCopy(), out = Tools.temporaryFolder() + "/out"
        #expect(try build(["--seeds", s, "--out", out]).status == 0)
        let before = try manifest(out)
        // A chart whose data now has a bad cell: the build fails after other jobs have run.
        let csv = s + "/data/aksu-2015-aid.csv"
        let text = try String(contentsOfFile: csv, encoding: .utf8).replacingOccurrences(of: "80000000", with: "八千万")
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try build(["--seeds", s, "--out", out])
        #expect(r.status != 0 && r.status < 128)
        #expect(try manifest(out) == before)
        #expect(try consistent(out))
    }

    @Test func aDataErrorExits1AndNamesTheCellAndASpecErrorExits2() throws {
        let s = try seedCopy(), out = Tools.temporaryFolder() + "/out"
        let csv = s + "/data/aksu-2015-aid.csv"
        try String(contentsOfFile: csv, encoding: .utf8).replacingOccurrences(of: "80000000", with: "八千万")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try build(["--seeds", s, "--out", out])
        #expect(r.status == 1 && r.stderr.contains("aksu-2015-aid.csv:2") && r.stderr.contains("八千万"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"), "nothing was committed")
        let spec = Tools.temporaryFolder() + "/bad.yaml"
        try """
        title: 简报
        tilte: x
        values:
          a: {chart: nope, sum: true}
        sections:
          - heading: 摘要
            text: "{{a}}"
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        let bad = try build([spec, "--out", out])
        #expect(bad.status == 2 && bad.stderr.contains("bad.yaml:2") && bad.stderr.contains("tilte"), "\(bad.stderr)")
    }

    /// SIGKILL at several moments of a build: the folder always matches its manifest (the
    /// previous build's, or the new one's), and the next build cleans up and succeeds.
    @Test func aBuildKilledMidwayLeavesTheFolderConsistent() throws {
        let s = try seedCopy(), out = Tools.temporaryFolder() + "/out"
        #expect(try build(["--seeds", s, "--out", out]).status == 0)
        let before = try manifest(out)
        for delay in [0.05, 0.15, 0.3, 0.5] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: bin)
            p.arguments = ["build", "--seeds", s, "--out", out, "--force", "--quiet"]
            p.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "\(1_454_284_800 + Int(delay * 100))"]) { $1 }
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let m = try manifest(out)
            #expect(m.keys == before.keys)
            // Killed before its commit the old files are intact; after it, the new ones are.
            #expect(try consistent(out) || FileManager.default.fileExists(atPath: out + "/.reportgen/COMMIT"), "after \(delay) s")
        }
        let next = try build(["--seeds", s, "--out", out])
        #expect(next.status == 0)
        #expect(try consistent(out))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out + "/.reportgen").filter { $0.hasPrefix("staging-") || $0 == "COMMIT" }
        #expect(leftovers.isEmpty)
    }

    @Test func twoBuildsOfOneFolderNeverInterleave() throws {
        let s = try seedCopy(), out = Tools.temporaryFolder() + "/out"
        let a = Process()
        a.executableURL = URL(fileURLWithPath: bin)
        a.arguments = ["build", "--seeds", s, "--out", out, "--quiet"]
        a.standardError = FileHandle.nullDevice
        try a.run()
        // Wait until the first holds the lock (its state folder exists), then try a second.
        let deadline = Date().addingTimeInterval(10)
        // The holder writes its pid into the lock file once it has the lock.
        while (FileManager.default.contents(atPath: out + "/.reportgen/lock") ?? Data()).isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let second = try build(["--seeds", s, "--out", out, "--quiet"])
        a.waitUntilExit()
        #expect(a.terminationStatus == 0)
        #expect(second.status == 3 && second.stderr.contains("another reportgen build"), "\(second.status) \(second.stderr)")
        #expect(try consistent(out))
        // With --wait both succeed, one after the other.
        let c = Process()
        c.executableURL = URL(fileURLWithPath: bin)
        c.arguments = ["build", "--seeds", s, "--out", out, "--quiet", "--force", "--wait"]
        try c.run()
        let waited = try build(["--seeds", s, "--out", out, "--quiet", "--wait", "--force"])
        c.waitUntilExit()
        #expect(waited.status == 0 && c.terminationStatus == 0)
        #expect(try consistent(out))
    }

    @Test func strictTurnsWarningsIntoAFailureThatWritesNothing() throws {
        let out = Tools.temporaryFolder() + "/out"
        let r = try build(["--seeds", seeds, "--out", out, "--strict"])
        // The seed articles have no date line, so the extractor warns about the inferred year.
        #expect(r.status == 1 && r.stderr.contains("--strict") && r.stderr.contains("reference year"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
    }

    @Test func archiveKeepsADatedCopyOfEachBuild() throws {
        let out = Tools.temporaryFolder() + "/out"
        let env = ["SOURCE_DATE_EPOCH": "1454284800"]
        #expect(try build(["--seeds", seeds, "--out", out, "--archive", "--quiet"], env: env).status == 0)
        let dir = out + "/archive/2016-02-01T000000Z"
        let m = try manifest(out)
        for (path, _) in m { #expect(FileManager.default.fileExists(atPath: dir + "/" + path), "\(path) archived") }
        #expect(FileManager.default.fileExists(atPath: dir + "/manifest.json"))
        // A later build replaces out/ files by rename; the archived copy keeps its bytes.
        let archived = try #require(FileManager.default.contents(atPath: dir + "/briefing.pdf"))
        #expect(try build(["--seeds", seeds, "--out", out, "--force", "--quiet"], env: ["SOURCE_DATE_EPOCH": "1454371200"]).status == 0)
        #expect(FileManager.default.contents(atPath: dir + "/briefing.pdf") == archived)
        #expect(try consistent(out))
    }

    @Test func severalSpecsBuildSideBySideAndOneFailureDoesNotStopTheOthers() throws {
        let s = try seedCopy(), out = Tools.temporaryFolder() + "/out"
        let good = s + "/briefing.yaml"
        let second = s + "/second.yaml"
        try String(contentsOfFile: good, encoding: .utf8).replacingOccurrences(of: "name: briefing", with: "name: second")
            .write(toFile: second, atomically: true, encoding: .utf8)
        let broken = s + "/broken.yaml"
        try "title: [unclosed\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let r = try build([good, second, broken, "--out", out])
        #expect(r.status == 2 && r.stderr.contains("1 of 3 reports failed") && r.stderr.contains("broken.yaml"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/briefing/briefing.pdf"))
        #expect(FileManager.default.fileExists(atPath: out + "/second/second.pdf"))
        #expect(!FileManager.default.fileExists(atPath: out + "/broken/manifest.json"))
    }

    @Test func initScaffoldsAReportThatBuildsAsItIs() throws {
        let dir = Tools.temporaryFolder() + "/new-report"
        let r = try Tools.run(bin, ["init", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let out = dir + "/out"
        let b = try build([dir + "/report.yaml", "--out", out])
        #expect(b.status == 0, "\(b.stderr)")
        for f in ["report.pdf", "report.html", "report.pptx", "funding.png", "milestones.png", "facts.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f)")
        }
        let text = try Tools.run(try #require(Tools.which("pdftotext")), [out + "/report.pdf", "-"]).stdout
        #expect(text.contains("9000万元") && text.contains("15个"), "the sample's values resolve")
        let again = try Tools.run(bin, ["init", dir])
        #expect(again.status == 2 && again.stderr.contains("not empty"))
    }

    @Test func watchRebuildsWhenAnInputChanges() throws {
        let dir = Tools.temporaryFolder() + "/watched"
        #expect(try Tools.run(bin, ["init", dir]).status == 0)
        let out = dir + "/out"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = ["watch", dir + "/report.yaml", "--out", out, "--debounce", "100"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        // SIGKILL: a test runner's threads block SIGTERM, and a child started here inherits that mask.
        defer { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        func waitFor(_ cond: () throws -> Bool) rethrows -> Bool {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline { if try cond() { return true }; Thread.sleep(forTimeInterval: 0.05) }
            return false
        }
        #expect(try waitFor { FileManager.default.fileExists(atPath: out + "/manifest.json") }, "the first build")
        let before = try manifest(out)
        let csv = dir + "/data/funding.csv"
        try String(contentsOfFile: csv, encoding: .utf8).replacingOccurrences(of: "8000000", with: "9000000").write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try waitFor { (try? manifest(out))?["funding.png"] != before["funding.png"] }, "a rebuild after the CSV changed")
        #expect(try consistent(out))
        // A chart file new to the folder: the spec is read again and the chart is built.
        let chart = try String(contentsOfFile: dir + "/charts/funding.yaml", encoding: .utf8)
        try chart.replacingOccurrences(of: "name: funding", with: "name: funding-again")
            .write(toFile: dir + "/charts/funding-again.yaml", atomically: true, encoding: .utf8)
        #expect(try waitFor { (try? manifest(out))?["funding-again.png"] != nil }, "the new chart is built")
        #expect(try consistent(out))
    }

    /// One spec × two parameter sets → two reports, each in its own folder, each with its own data.
    @Test func aParameterisedSpecBuildsOneReportPerSet() throws {
        let s = try seedCopy(), out = Tools.temporaryFolder() + "/out"
        let spec = s + "/county.yaml"
        try """
        name: county
        title: ${county}援疆简报
        parameters:
          - {county: 阿克苏, chart: aksu-2015-funding}
          - {county: 乌什, chart: wushi-2020-funds}
        sources: ["*.txt"]
        charts: ["charts/${chart}.yaml"]
        timelines: []
        values:
          total: {chart: "${chart}", sum: true}
        sections:
          - heading: ${county}
            text: 合计{{total}}。
            figure: ${chart}
        formats: [pdf]
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        let r = try build([spec, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let a = out + "/county-阿克苏-aksu-2015-funding", b = out + "/county-乌什-wushi-2020-funds"
        let pdftotext = try #require(Tools.which("pdftotext"))
        let ta = try Tools.run(pdftotext, [a + "/county-阿克苏-aksu-2015-funding.pdf", "-"]).stdout
        let tb = try Tools.run(pdftotext, [b + "/county-乌什-wushi-2020-funds.pdf", "-"]).stdout
        #expect(ta.contains("阿克苏援疆简报") && !ta.contains("乌什援疆简报"))
        #expect(tb.contains("乌什援疆简报") && tb.contains("万元"))
        #expect(try consistent(a) && consistent(b))
        try "name: x\ntitle: ${missing}\nparameters:\n  - {other: 1}\nsections: [{heading: h}]\n".write(toFile: spec, atomically: true, encoding: .utf8)
        let bad = try build([spec, "--out", out])
        #expect(bad.status == 2 && bad.stderr.contains("${missing}"), "\(bad.stderr)")
    }
}

/// Puts the seed charts as they were (chart files over hand-kept CSVs, under
/// Tests/PipelineTests/Fixtures/seed-csv) into a seeds copy: the tests that edit a chart's CSV
/// exercise a user's CSV charts, now that the seed charts themselves are drawn from facts.
func installCSVCharts(into seeds: String) throws {
    let from = GoldenImage.packageRoot().appendingPathComponent("Tests/PipelineTests/Fixtures/seed-csv").path
    for sub in ["charts", "data"] {
        try FileManager.default.createDirectory(atPath: seeds + "/" + sub, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: from + "/" + sub) {
            let to = seeds + "/" + sub + "/" + name
            try? FileManager.default.removeItem(atPath: to)
            try FileManager.default.copyItem(atPath: from + "/" + sub + "/" + name, toPath: to)
        }
    }
}
