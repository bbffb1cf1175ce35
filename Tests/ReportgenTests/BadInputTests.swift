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
        "chart--empty.yaml": ["mapping"],
        "csv--ragged-row.csv": [":3"], "csv--not-a-number.csv": ["八千万"], "csv--nan.csv": ["NaN"], "csv--infinity.csv": ["inf"],
        "csv--empty.csv": ["empty"], "csv--header-only.csv": ["no data rows"], "csv--gbk-encoded.csv": ["UTF-8"],
        "csv--invalid-utf8.csv": ["UTF-8"], "csv--duplicate-category.csv": ["天网工程"], "csv--no-number-column.csv": ["number"],
        "csv--negative-share.csv": ["negative"], "csv--all-zero.csv": ["zero"],
        "timeline--month-13.yaml": ["2015-13"], "timeline--zero-date.yaml": ["0000-00"], "timeline--end-before-start.yaml": ["倒序区间"],
        "timeline--unknown-precision.yaml": ["fortnight"], "timeline--unknown-key.yaml": ["lables"], "timeline--no-events.yaml": ["event"],
        "timeline--event-without-label.yaml": ["label"],
        "spec--yaml-syntax.yaml": ["YAML"], "spec--unknown-value.yaml": ["nope"], "spec--missing-figure.yaml": ["no-such-chart"],
        "spec--ambiguous-fact.yaml": ["facts match"], "spec--missing-source.yaml": ["no-such-article.txt"], "spec--unknown-format.yaml": ["docx"],
        "spec--sections-not-a-list.yaml": ["list"], "spec--no-title.yaml": ["title"], "spec--typed-value-without-note.yaml": ["note"],
        "spec--heading-level-9.yaml": ["level"], "spec--charts-folder-missing.yaml": ["no such file or folder"],
        "text--invalid-utf8.txt": ["byte"], "text--binary.txt": ["binary"],
    ]

    let bin = Tools.reportgenBinary()

    /// A seeds copy and an `out/` holding a good build of it, made once and copied per case.
    static let template: (seeds: String, out: String)? = {
        let dir = Tools.temporaryFolder("bad-input-template")
        let seeds = dir + "/seeds", out = dir + "/out"
        do { try FileManager.default.copyItem(atPath: root.appendingPathComponent("seeds").path, toPath: seeds) } catch { return nil }
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
}
