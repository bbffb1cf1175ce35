import Foundation
import Testing
import TestSupport

/// An output folder that other programs can write must not be turned against its owner: each
/// test plants what an attacker (or a careless sync job) could leave in `out/` — a symlink, a
/// forged manifest, journal or cache, a folder with an output's name — or points `--out` at
/// the inputs, and checks that the build writes, removes and links nothing outside its own
/// files, says clearly what it refused, and loses no history. Runs the built binary, as cron would.
@Suite(.serialized) struct OutputFolderAttackTests {
    let bin = Tools.reportgenBinary()
    static let root = GoldenImage.packageRoot()

    /// A seeds copy and an `out/` holding a good build of it, made once and copied per case.
    static let template: (seeds: String, out: String)? = {
        let dir = Tools.temporaryFolder("attack-template")
        let seeds = dir + "/seeds", out = dir + "/out"
        // With the hand-typed CSV charts, so the attacks on a data folder have one to aim at.
        do {
            try FileManager.default.copyItem(atPath: root.appendingPathComponent("seeds").path, toPath: seeds)
            try installCSVCharts(into: seeds)
        } catch { return nil }
        let r = try? Tools.run(Tools.reportgenBinary(), ["build", "--seeds", seeds, "--out", out, "--quiet"])
        return r?.status == 0 ? (seeds, out) : nil
    }()

    /// `dir/seeds`, `dir/out` (a good build) and `dir/outside` (what must stay untouched).
    func setUp(_ label: String) throws -> (dir: String, seeds: String, out: String, outside: String) {
        let t = try #require(Self.template, "the good build of the seeds")
        let dir = Tools.temporaryFolder(label)
        try FileManager.default.copyItem(atPath: t.seeds, toPath: dir + "/seeds")
        try FileManager.default.copyItem(atPath: t.out, toPath: dir + "/out")
        try FileManager.default.createDirectory(atPath: dir + "/outside", withIntermediateDirectories: true)
        return (dir, dir + "/seeds", dir + "/out", dir + "/outside")
    }

    func build(_ seeds: String, _ out: String, _ extra: [String] = [], env: [String: String]? = nil) throws -> ToolRun {
        try Tools.run(bin, ["build", "--seeds", seeds, "--out", out] + extra, environment: env)
    }

    func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: false, encoding: .utf8) }
    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
    func names(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }
    func symlink(_ at: String, to target: String) throws { try FileManager.default.createSymbolicLink(atPath: at, withDestinationPath: target) }

    // MARK: Symlinks

    @Test func aLinkAtTheLockIsNotTruncated() throws {
        let e = try setUp("lock-link")
        try write("precious\n", e.outside + "/victim")
        try FileManager.default.removeItem(atPath: e.out + "/.reportgen/lock")
        try symlink(e.out + "/.reportgen/lock", to: e.outside + "/victim")
        let r = try build(e.seeds, e.out)
        #expect(read(e.outside + "/victim") == "precious\n", "the file the link points to is untouched")
        #expect(r.status == 1 && r.stderr.contains("lock") && r.stderr.contains("symbolic link"), "\(r.stderr)")
        // A hard link to the file, likewise.
        try FileManager.default.removeItem(atPath: e.out + "/.reportgen/lock")
        try FileManager.default.linkItem(atPath: e.outside + "/victim", toPath: e.out + "/.reportgen/lock")
        let h = try build(e.seeds, e.out)
        #expect(read(e.outside + "/victim") == "precious\n")
        #expect(h.status == 1 && h.stderr.contains("hard link"), "\(h.stderr)")
    }

    @Test func aLinkedArchiveFolderIsNotWrittenThrough() throws {
        let e = try setUp("archive-link")
        let before = FileManager.default.contents(atPath: e.out + "/manifest.json")
        try symlink(e.out + "/archive", to: e.outside)
        let r = try build(e.seeds, e.out, ["--archive", "--force"])
        #expect(names(e.outside).isEmpty, "nothing archived outside: \(names(e.outside))")
        #expect(r.status == 1 && r.stderr.contains("archive"), "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: e.out + "/manifest.json") == before, "a failed archive fails the build before the commit")
    }

    @Test func aLinkedStateFolderDeletesNothingWhereItPoints() throws {
        let e = try setUp("state-link")
        try FileManager.default.removeItem(atPath: e.out + "/.reportgen")
        try FileManager.default.createDirectory(atPath: e.outside + "/staging-123", withIntermediateDirectories: true)
        try write("keep", e.outside + "/staging-123/file")
        try write("keep", e.outside + "/.x.tmp-1-ab")
        try symlink(e.out + "/.reportgen", to: e.outside)
        let r = try build(e.seeds, e.out)
        #expect(read(e.outside + "/staging-123/file") == "keep" && read(e.outside + "/.x.tmp-1-ab") == "keep")
        #expect(!names(e.outside).contains { $0.hasPrefix("lock") || $0.hasPrefix("staging-") && $0 != "staging-123" }, "\(names(e.outside))")
        #expect(r.status == 1 && r.stderr.contains(".reportgen"), "\(r.stderr)")
    }

    @Test func anOutputNameThatIsALinkIsReplacedNotWrittenThrough() throws {
        let e = try setUp("output-link")
        try write("precious\n", e.outside + "/victim")
        try FileManager.default.removeItem(atPath: e.out + "/aksu-2015-funding.csv")
        try symlink(e.out + "/aksu-2015-funding.csv", to: e.outside + "/victim")
        let r = try build(e.seeds, e.out, ["--force"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(read(e.outside + "/victim") == "precious\n")
        let attrs = try FileManager.default.attributesOfItem(atPath: e.out + "/aksu-2015-funding.csv")
        #expect(attrs[.type] as? FileAttributeType == .typeRegular, "the link was replaced by the new file")
    }

    // MARK: State files

    /// The previous manifest as JSON, with `extra` paths added as entries.
    func forgeManifest(_ out: String, adding extra: [String]) throws {
        let data = try #require(FileManager.default.contents(atPath: out + "/manifest.json"))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var files = json["files"] as? [[String: Any]] ?? []
        for p in extra { files.append(["path": p, "kind": "chart", "format": "png", "bytes": 1, "sha256": "00", "inputs": []]) }
        json["files"] = files
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: out + "/manifest.json"))
    }

    @Test func aForgedManifestRemovesNothingOutsideOrAnyFolder() throws {
        let e = try setUp("forged-manifest")
        try write("keep", e.outside + "/victim.png")
        try symlink(e.out + "/linked", to: e.outside)
        try FileManager.default.createDirectory(atPath: e.out + "/userdir.png", withIntermediateDirectories: true)
        try write("keep", e.out + "/userdir.png/inside")
        try write("keep", e.dir + "/up.png")
        try forgeManifest(e.out, adding: ["linked/victim.png", "userdir.png", "../up.png", e.dir + "/up.png"])
        let r = try build(e.seeds, e.out)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(read(e.outside + "/victim.png") == "keep" && read(e.out + "/userdir.png/inside") == "keep" && read(e.dir + "/up.png") == "keep")
        #expect(r.stderr.contains("manifest.json") && r.stderr.contains("ignored"), "the forged manifest is reported: \(r.stderr)")
        // Each entry alone is refused too (a manifest with only a folder entry).
        try forgeManifest(e.out, adding: ["userdir.png"])
        #expect(try build(e.seeds, e.out).status == 0)
        #expect(read(e.out + "/userdir.png/inside") == "keep", "a folder named in a manifest is never removed")
    }

    @Test func aForgedJournalMovesAndRemovesNothing() throws {
        let e = try setUp("forged-journal")
        try FileManager.default.createDirectory(atPath: e.dir + "/victim", withIntermediateDirectories: true)
        try write("keep", e.dir + "/victim/file")
        try write("staging-1\n-../victim\n-../../victim", e.out + "/.reportgen/COMMIT")
        let r = try build(e.seeds, e.out)
        #expect(read(e.dir + "/victim/file") == "keep")
        #expect(r.status == 0 && r.stderr.contains("COMMIT"), "\(r.stderr)")
    }

    @Test func aForgedCacheEntryIsNotReusedListedOrLinked() throws {
        let e = try setUp("forged-cache")
        try write("secret source\n", e.dir + "/src.txt")
        let cachePath = e.out + "/.reportgen/cache.json"
        let data = try #require(FileManager.default.contents(atPath: cachePath))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var jobs = try #require(json["jobs"] as? [String: [String: Any]])
        var job = try #require(jobs["chart:aksu-2015-funding"])
        var files = job["files"] as? [[String: Any]] ?? []
        // The entry matches the outside file's size and hash, so only the name check stops it.
        let sha = try Tools.run(try #require(Tools.which("sha256sum")), [e.dir + "/src.txt"]).stdout.prefix(64)
        files.append(["path": "../src.txt", "kind": "data", "format": "txt", "bytes": 14, "sha256": String(sha), "inputs": []])
        job["files"] = files
        jobs["chart:aksu-2015-funding"] = job
        json["jobs"] = jobs
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: cachePath))
        let r = try build(e.seeds, e.out, ["--archive"])
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = read(e.out + "/manifest.json") ?? ""
        #expect(!manifest.contains("src.txt"), "the forged entry is not listed")
        #expect(read(e.dir + "/src.txt") == "secret source\n")
        let st = try FileManager.default.attributesOfItem(atPath: e.dir + "/src.txt")
        #expect((st[.referenceCount] as? Int) == 1, "no hard link was made to the file outside")
        #expect(r.stderr.contains("cache.json"), "\(r.stderr)")
    }

    @Test func userFilesThatLookTemporaryAreLeftAlone() throws {
        let e = try setUp("tmp-names")
        try write("mine", e.out + "/.notes.tmp-keep")
        try FileManager.default.createDirectory(atPath: e.out + "/.drafts.tmp-2024", withIntermediateDirectories: true)
        try write("mine", e.out + "/.reportgen/staging-notes")
        #expect(try build(e.seeds, e.out, ["--force"]).status == 0)
        #expect(read(e.out + "/.notes.tmp-keep") == "mine" && FileManager.default.fileExists(atPath: e.out + "/.drafts.tmp-2024"))
        #expect(read(e.out + "/.reportgen/staging-notes") == "mine")
    }

    // MARK: Inputs and history

    @Test func anOutputFolderHoldingInputsIsRefusedBeforeAnythingIsWritten() throws {
        let e = try setUp("out-is-input")
        let csv = e.seeds + "/data/aksu-2015-aid.csv"
        let before = FileManager.default.contents(atPath: csv)
        let list = names(e.seeds + "/data")
        for out in [e.seeds + "/data", e.seeds + "/data/", e.seeds, e.dir, e.seeds + "/charts/.."] {
            let r = try build(e.seeds, out)
            #expect(r.status == 2 && r.stderr.contains("--out"), "\(out): \(r.stderr)")
        }
        #expect(FileManager.default.contents(atPath: csv) == before)
        #expect(names(e.seeds + "/data") == list, "nothing was written into the data folder")
        #expect(!FileManager.default.fileExists(atPath: e.seeds + "/.reportgen"))
        // Through a link to the data folder, too.
        try symlink(e.dir + "/alias", to: e.seeds + "/data")
        #expect(try build(e.seeds, e.dir + "/alias").status == 2)
    }

    @Test func archivesWithTheSameTimeKeepEachOther() throws {
        let e = try setUp("archive-twice")
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        #expect(try build(e.seeds, e.out, ["--archive"], env: env).status == 0)
        let csv = e.seeds + "/data/wushi-2020-funds.csv"
        let text = try #require(read(csv)).replacingOccurrences(of: ",,395000,", with: ",,400000,")
        try write(text, csv)
        #expect(try build(e.seeds, e.out, ["--archive"], env: env).status == 0)
        let kept = names(e.out + "/archive")
        #expect(kept.count == 2, "\(kept)")
        let hashes = kept.map { FileManager.default.contents(atPath: e.out + "/archive/\($0)/wushi-2020-funds.csv") }
        #expect(hashes.count == 2 && hashes[0] != hashes[1], "each archive holds its own build")
    }

    @Test func anOutputNameTakenByAFolderFailsTheBuildAndReplacesNothing() throws {
        let e = try setUp("name-is-folder")
        let before = FileManager.default.contents(atPath: e.out + "/manifest.json")
        try FileManager.default.removeItem(atPath: e.out + "/aksu-2015-funding.png")
        try FileManager.default.createDirectory(atPath: e.out + "/aksu-2015-funding.png", withIntermediateDirectories: true)
        let r = try build(e.seeds, e.out, ["--force"])
        #expect(r.status == 1 && r.stderr.contains("aksu-2015-funding.png") && r.stderr.contains("folder"), "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: e.out + "/manifest.json") == before)
        #expect(!names(e.out + "/.reportgen").contains { $0.hasPrefix("staging-") || $0 == "COMMIT" })
    }

    @Test func anArchiveThatCannotBeMadeFailsBeforeTheCommit() throws {
        let e = try setUp("archive-fails")
        let before = FileManager.default.contents(atPath: e.out + "/manifest.json")
        try write("not a folder", e.out + "/archive")
        let r = try build(e.seeds, e.out, ["--archive", "--force"])
        #expect(r.status == 1 && r.stderr.contains("archive") && !r.stderr.contains("NSCocoaErrorDomain"), "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: e.out + "/manifest.json") == before, "out/ is as it was")
    }

    // MARK: Names

    @Test func twoJobsWritingOneFileIsASpecError() throws {
        for (name, other) in [("briefing-fig1", "briefing"), ("briefing", "briefing"), ("aksu-2015-shares", "aksu-2015-shares")] {
            let e = try setUp("collide-\(name)")
            let chart = e.seeds + "/charts/aksu-2015-funding.yaml"
            let text = try #require(read(chart)).replacingOccurrences(of: "name: aksu-2015-funding", with: "name: \(name)")
            try write(text, chart)
            let r = try build(e.seeds, e.out)
            #expect(r.status == 2 && r.stderr.contains("aksu-2015-funding.yaml") && r.stderr.contains(other), "\(name): \(r.stderr)")
        }
        let e = try setUp("duplicate-format")
        let chart = e.seeds + "/charts/aksu-2015-shares.yaml"
        try write(try #require(read(chart)) + "\nformats: [png, png]\n", chart)
        let r = try build(e.seeds, e.out)
        #expect(r.status == 2 && r.stderr.contains("formats") && r.stderr.contains("twice"), "\(r.stderr)")
    }

    // MARK: Work

    @Test func aYAMLAliasBombIsALimitNotAHang() throws {
        let e = try setUp("alias-bomb")
        // Anchors where sections belong, so the spec is valid YAML and a valid shape: 100^3 sections.
        var spec = "name: briefing\ntitle: 援疆简报\nsections:\n  - &s0 {heading: 摘要, text: 杭州援疆资金用于天网工程。}\n"
        spec += "  - &s1 {heading: 节, sections: [" + Array(repeating: "*s0", count: 100).joined(separator: ", ") + "]}\n"
        spec += "  - &s2 {heading: 节, sections: [" + Array(repeating: "*s1", count: 100).joined(separator: ", ") + "]}\n"
        spec += "  - {heading: 节, sections: [" + Array(repeating: "*s2", count: 100).joined(separator: ", ") + "]}\n"
        try write(spec, e.seeds + "/briefing.yaml")
        let t0 = Date()
        let r = try build(e.seeds, e.out)
        #expect(Date().timeIntervalSince(t0) < 15, "refused quickly")
        #expect(r.status == 2 && r.stderr.contains("briefing.yaml") && r.stderr.contains("limit"), "\(r.stderr.prefix(600))")
    }

    @Test func manySectionsWithoutAliasesAreALimitToo() throws {
        let e = try setUp("many-sections")
        var spec = "name: briefing\ntitle: 援疆简报\nsections:\n"
        for i in 0..<1_500 { spec += "  - {heading: 第\(i)节, text: 杭州援疆资金用于天网工程。}\n" }
        try write(spec, e.seeds + "/briefing.yaml")
        let r = try build(e.seeds, e.out)
        #expect(r.status == 2 && r.stderr.contains("limit of 1000 sections"), "\(r.stderr.prefix(600))")
    }

    // MARK: Injection

    @Test func csvSidecarsRunNoFormulasAndKeepNumbers() throws {
        let e = try setUp("csv-injection")
        let csv = e.seeds + "/data/aksu-2015-aid.csv"
        var text = try #require(read(csv))
        text = text.replacingOccurrences(of: "天网工程,", with: "\"=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\",")
        text = text.replacingOccurrences(of: "安居富民工程,", with: "+cmd|' /C calc'!A0,")
        try write(text, csv)
        let timeline = e.seeds + "/timelines/aksu-2015-ecommerce-timeline.yaml"
        let t = try #require(read(timeline)).replacingOccurrences(of: "2015-04: 电商产业园", with: "2015-04: \"=1+2电商产业园\"  #")
        try write(t, timeline)
        // Keep the briefing's values resolvable: it names rows the attack renamed.
        try write(try #require(read(e.seeds + "/briefing.yaml")).replacingOccurrences(of: "row: 天网工程", with: "row: 袜业示范园")
            .replacingOccurrences(of: "row: 安居富民工程", with: "row: 袜业示范园"), e.seeds + "/briefing.yaml")
        let r = try build(e.seeds, e.out)
        #expect(r.status == 0, "\(r.stderr.suffix(600))")
        let out = try #require(read(e.out + "/aksu-2015-funding.csv"))
        let cells = out.split(separator: "\n").map { $0.split(separator: ",", maxSplits: 1).first.map(String.init) ?? "" }
        #expect(cells.contains("\"'=HYPERLINK(\"\"http://x\"\"") || out.contains("'=HYPERLINK"), "\(out.prefix(300))")
        #expect(out.contains("'+cmd|"), "\(out.prefix(300))")
        #expect(!out.split(separator: "\n").contains { $0.hasPrefix("=") || $0.hasPrefix("+") || $0.hasPrefix("\"=") })
        let events = try #require(read(e.out + "/aksu-2015-ecommerce-timeline.csv"))
        #expect(events.contains("'=1+2电商产业园") && !events.contains(",=1+2"), "\(events.prefix(400))")
    }

    // MARK: Fonts

    @Test func aDamagedFontCopyIsReportedAndRemadeNotACrash() throws {
        let e = try setUp("font-damage")
        let cache = e.dir + "/fonts"
        let env = ["REPORTGEN_FONT_CACHE": cache]
        let first = try Tools.run(bin, ["fonts"], environment: env)
        let copies = names(cache).filter { $0.hasSuffix(".otf") }
        guard first.status == 0, !copies.isEmpty else {
            print("skipped: no font copies on this machine (\(first.stdout)); the damaged-copy case was not run")
            return
        }
        // Twelve bytes changed near the start of the CFF table: on the development machine this
        // made the previous binary die in cairo's CFF subsetter (SIGABRT, exit 134) in every build.
        try damageCFF(cache, copies)
        let report = try Tools.run(bin, ["fonts"], environment: env)
        #expect(report.stdout.contains("damaged"), "reportgen fonts reports it: \(report.stdout)")
        try damageCFF(cache, copies)
        let r = try build(e.seeds, e.out, ["--force"], env: env)
        #expect(!r.crashed && r.status == 0, "exit \(r.status): \(r.stderr.suffix(400))")
        #expect(!names(e.out + "/.reportgen").contains { $0.hasPrefix("staging-") })
    }

    /// Writes the same twelve bytes into the CFF table of each font copy, in place.
    func damageCFF(_ folder: String, _ names: [String]) throws {
        let edits: [(Int, UInt8)] = [(15469, 155), (6761, 202), (31383, 79), (5904, 34), (1298, 205), (36005, 148),
                                     (3856, 113), (34100, 184), (18132, 88), (6958, 134), (14050, 13), (17056, 139)]
        for name in names {
            let path = folder + "/" + name
            var d = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            let be = { (i: Int, n: Int) in (0..<n).reduce(0) { $0 << 8 | Int(d[i + $1]) } }
            for t in 0..<be(4, 2) where d[12 + 16 * t..<16 + 16 * t].elementsEqual("CFF ".utf8) {
                let offset = be(20 + 16 * t, 4)
                for (k, v) in edits where offset + k < d.count { d[offset + k] = v }
            }
            let h = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try h.write(contentsOf: Data(d))
            try h.close()
        }
    }
}
