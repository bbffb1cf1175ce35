import Foundation
import Testing
import TestSupport

/// The bad-input corpus (`Tests/Fixtures/bad/`): each file replaces one input of a copy of the
/// seeds — a chart file, its CSV, a timeline, the briefing spec — or is added as an article, and
/// the build must fail with an exit code below 128 (never a signal), a message naming the file
/// and saying what is wrong, the previous `out/` untouched and no temporary files left behind.
/// Files named `ok-…` are awkward but valid (a BOM, thousands separators, GBK text): they build.
@Suite(.serialized) struct BadInputTests {
    static let root = GoldenImage.packageRoot()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures/bad").path
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []).filter { $0.contains("--") }.sorted()

    /// Where each kind of fixture goes in the seeds copy.
    static let slots = [
        "chart": "charts/aksu-2015-funding.yaml", "csv": "data/aksu-2015-aid.csv",
        "timeline": "timelines/aksu-2015-ecommerce-timeline.yaml", "spec": "briefing.yaml", "text": "zz-added.txt",
    ]

    /// Words the message must contain besides the file name: what is wrong, in the user's terms.
    static let says: [String: [String]] = [
        "chart--yaml-syntax.yaml": ["YAML"], "chart--unknown-kind.yaml": ["radar"], "chart--wrong-type.yaml": ["stacked"],
        "chart--missing-data.yaml": ["none.csv"], "chart--name-escapes.yaml": ["name"], "chart--absolute-name.yaml": ["name"],
        "chart--newline-name.yaml": ["name"], "chart--nul-name.yaml": ["name"], "chart--unknown-option.yaml": ["titel", "title"],
        "chart--bad-colour.yaml": ["#GG0000"], "chart--zero-size.yaml": ["size"], "chart--not-a-mapping.yaml": ["mapping"],
        "chart--empty.yaml": ["mapping"], "chart--duplicate-format.yaml": ["formats", "twice"],
        "chart--collides-with-briefing.yaml": ["briefing-fig1.png", "would"], "spec--alias-bomb.yaml": ["limit on YAML nodes"],
        "csv--ragged-row.csv": [":3"], "csv--not-a-number.csv": ["八千万"], "csv--nan.csv": ["NaN"], "csv--infinity.csv": ["inf"],
        "csv--empty.csv": ["empty"], "csv--header-only.csv": ["no data rows"], "csv--gbk-encoded.csv": ["UTF-8"],
        "csv--invalid-utf8.csv": ["UTF-8"], "csv--duplicate-category.csv": ["天网工程"], "csv--no-number-column.csv": ["number"],
        "csv--negative-share.csv": ["negative"], "csv--all-zero.csv": ["zero"],
        "timeline--month-13.yaml": ["2015-13"], "timeline--zero-date.yaml": ["0000-00"], "timeline--end-before-start.yaml": ["倒序区间"],
        "timeline--unknown-precision.yaml": ["fortnight"], "timeline--unknown-key.yaml": ["lables"], "timeline--no-events.yaml": ["event"],
        "timeline--event-without-label.yaml": ["label"],
        "spec--yaml-syntax.yaml": ["YAML"], "spec--unknown-value.yaml": ["nope"], "spec--missing-figure.yaml": ["no-such-chart"],
        "spec--ambiguous-fact.yaml": ["facts match"], "spec--missing-source.yaml": ["no-such-article.txt"], "spec--unknown-format.yaml": ["odt"],
        "spec--sections-not-a-list.yaml": ["list"], "spec--no-title.yaml": ["title"], "spec--typed-value-without-note.yaml": ["note"],
        "spec--heading-level-9.yaml": ["level"], "spec--charts-folder-missing.yaml": ["no such file or folder"],
        "text--invalid-utf8.txt": ["byte"], "text--binary.txt": ["binary"],
    ]

    let bin = Tools.reportgenBinary()

    /// A seeds copy and an `out/` holding a good build of it, made once and copied per case.
    static let template: (seeds: String, out: String)? = {
        let dir = Tools.temporaryFolder("bad-input-template")
        let seeds = dir + "/seeds", out = dir + "/out"
        do {
            try FileManager.default.copyItem(atPath: root.appendingPathComponent("seeds").path, toPath: seeds)
            try installCSVCharts(into: seeds)
        } catch { return nil }
        let r = try? Tools.run(Tools.reportgenBinary(), ["build", "--seeds", seeds, "--out", out, "--quiet"])
        return r?.status == 0 ? (seeds, out) : nil
    }()

    func setUp(_ label: String) throws -> (seeds: String, out: String, manifest: Data) {
        let t = try #require(Self.template, "the good build of the seeds")
        let dir = Tools.temporaryFolder(label)
        try FileManager.default.copyItem(atPath: t.seeds, toPath: dir + "/seeds")
        try FileManager.default.copyItem(atPath: t.out, toPath: dir + "/out")
        return (dir + "/seeds", dir + "/out", try #require(FileManager.default.contents(atPath: t.out + "/manifest.json")))
    }

    func leftovers(_ out: String) -> [String] {
        let all = FileManager.default.enumerator(atPath: out)?.allObjects as? [String] ?? []
        return all.filter { $0.contains(".tmp-") || $0.contains("staging-") || $0.hasSuffix("COMMIT") }
    }

    @Test func theCorpusHasFortyBadInputs() {
        #expect(Self.cases.filter { !$0.hasPrefix("ok-") }.count >= 40)
        for c in Self.cases where !c.hasPrefix("ok-") { #expect(Self.says[c] != nil, "\(c) says what it checks") }
    }

    @Test(arguments: cases)
    func aBadInputFailsClearlyAndLosesNothing(_ name: String) throws {
        let env = try setUp(name)
        let kind = String(name.split(separator: "-", omittingEmptySubsequences: false).first { $0 != "ok" } ?? "")
        let slot = try #require(Self.slots[kind], "fixture \(name) has a known prefix")
        let target = env.seeds + "/" + slot
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/" + name, toPath: target)
        let r = try Tools.run(bin, ["build", "--seeds", env.seeds, "--out", env.out])
        if name.hasPrefix("ok-") {
            #expect(r.status == 0, "\(name): \(r.stderr)")
            return
        }
        #expect(r.status > 0 && r.status < 128, "\(name): exit \(r.status)")
        let message = r.stderr
        #expect(message.contains((slot as NSString).lastPathComponent), "\(name): the message names the file\n\(message)")
        for word in Self.says[name] ?? [] { #expect(message.contains(word), "\(name): the message says \(word)\n\(message)") }
        #expect(FileManager.default.contents(atPath: env.out + "/manifest.json") == env.manifest, "\(name): the previous build is untouched")
        #expect(leftovers(env.out).isEmpty, "\(name): \(leftovers(env.out))")
    }

    // MARK: Generated inputs, too big to keep as files

    func run(_ env: (seeds: String, out: String, manifest: Data)) throws -> ToolRun {
        try Tools.run(bin, ["build", "--seeds", env.seeds, "--out", env.out])
    }

    @Test func aMillionRowCSVIsALimitNotAnOutOfMemory() throws {
        let env = try setUp("million-rows")
        var text = "项目,援疆资金（元）\n"
        text.reserveCapacity(20_000_000)
        for i in 0..<1_000_000 { text += "项目\(i),\(i)\n" }
        try text.write(toFile: env.seeds + "/data/aksu-2015-aid.csv", atomically: true, encoding: .utf8)
        let r = try run(env)
        #expect(r.status == 1 && r.stderr.contains("1000000 categories") && r.stderr.contains("aksu-2015-aid.csv"), "\(r.stderr.suffix(400))")
        #expect(FileManager.default.contents(atPath: env.out + "/manifest.json") == env.manifest)
        #expect(leftovers(env.out).isEmpty)
    }

    @Test func fiveHundredCategoriesAndATenThousandCharacterLabelStillDraw() throws {
        let env = try setUp("many-categories")
        let csv = env.seeds + "/data/aksu-2015-aid.csv"
        var text = try String(contentsOfFile: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: "“同心杯”农村体育联赛", with: String(repeating: "援", count: 10_000))
        for i in 0..<492 { text += "补充项目\(i),\(i + 1),,,,\n" }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try run(env)
        // Drawn, with the shortening reported; the donut merges the small items into 其他.
        #expect(r.status == 0, "\(r.stderr.suffix(400))")
        #expect(r.stderr.contains("shortened") || r.stderr.contains("ellips"), "the cut label is reported")
        #expect(leftovers(env.out).isEmpty)
    }

    @Test func aFiftyMegabyteArticleIsRefusedQuickly() throws {
        let env = try setUp("big-article")
        let line = Array("2015年，杭州援疆指挥部投入援疆资金8000万元建设天网工程。\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 * 1024 * 1024 + line.count)
        while bytes.count < 50 * 1024 * 1024 { bytes += line }
        try Data(bytes).write(to: URL(fileURLWithPath: env.seeds + "/huge.txt"))
        let t0 = Date()
        let r = try run(env)
        #expect(r.status == 1 && r.stderr.contains("huge.txt") && r.stderr.contains("limit"), "\(r.stderr.suffix(400))")
        #expect(Date().timeIntervalSince(t0) < 20, "refused before reading it all")
        #expect(FileManager.default.contents(atPath: env.out + "/manifest.json") == env.manifest)
    }

    /// A real full disk: a small tmpfs that a good build fits on, then filled up. Needs mount
    /// rights (root); elsewhere it says why it did not run.
    @Test func aFullDiskFailsTheBuildAndKeepsThePreviousOutput() throws {
        let mnt = Tools.temporaryFolder("tmpfs")
        guard let mount = Tools.which("mount"), try Tools.run(mount, ["-t", "tmpfs", "-o", "size=12m", "tmpfs", mnt]).status == 0 else {
            print("skipped: cannot mount a tmpfs here (needs root); the full-disk case was not run")
            return
        }
        defer { _ = try? Tools.run(Tools.which("umount") ?? "/bin/umount", [mnt]) }
        let out = mnt + "/out"
        let t = try #require(Self.template)
        #expect(try Tools.run(bin, ["build", "--seeds", t.seeds, "--out", out, "--quiet"]).status == 0)
        let manifest = try #require(FileManager.default.contents(atPath: out + "/manifest.json"))
        // Leave about half a megabyte: the next build's staging runs out part-way.
        let dd = try #require(Tools.which("dd"))
        _ = try Tools.run(dd, ["if=/dev/zero", "of=\(mnt)/filler", "bs=64k", "count=1000"])
        if let df = Tools.which("df"), let avail = try Tools.run(df, ["--output=avail", "-k", mnt]).stdout.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), avail > 512 {
            _ = try Tools.run(dd, ["if=/dev/zero", "of=\(mnt)/filler2", "bs=1k", "count=\(avail - 512)"])
        }
        let r = try Tools.run(bin, ["build", "--seeds", t.seeds, "--out", out, "--force"])
        #expect(r.status == 1 && r.stderr.contains("No space left on device") && r.stderr.contains(out), "\(r.stderr.suffix(400))")
        #expect(FileManager.default.contents(atPath: out + "/manifest.json") == manifest, "the previous build is untouched")
        #expect(leftovers(out).isEmpty, "\(leftovers(out))")
    }
}
