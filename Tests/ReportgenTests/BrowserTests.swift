import Foundation
import Testing
import TestSupport

/// The HTML briefing in a real browser: headless Chromium (Debian's chromium, chromium-driver,
/// python3-selenium; `make test` installs them) at a desktop and a phone width. Nothing may
/// overflow sideways, every figure must be drawn and named, every link must land on its target.
/// Screenshots land in `.build/browser-shots/` for a person to look at.
@Suite(.serialized) struct BrowserTests {
    let root = GoldenImage.packageRoot().path
    var script: String { root + "/Tests/Browser/check_html.py" }
    var python: String? { FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : Tools.which("python3") }

    /// Runs the checker; nil (with the reason printed) when no browser can be started here.
    func check(_ html: String, shots: String) throws -> ToolRun? {
        guard let python else {
            print("skipped: no python3 to drive Chromium")
            return nil
        }
        let r = try Tools.run(python, [script, html, shots, "1280", "390"])
        print(r.stdout + r.stderr)
        if r.status == 77 {
            print("skipped: \(r.stdout.split(separator: "\n").first { $0.hasPrefix("SKIP") } ?? "Chromium cannot start")")
            return nil
        }
        return r
    }

    @Test func theSeedBriefingReadsWellAtDesktopAndPhoneWidths() throws {
        let out = Tools.temporaryFolder() + "/out"
        let build = try Tools.run(Tools.reportgenBinary(), ["build", "--seeds", root + "/seeds", "--out", out, "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let shots = root + "/.build/browser-shots"
        guard let r = try check(out + "/briefing.html", shots: shots) else { return }
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("1280 px: 6 figures") && r.stdout.contains("390 px: 6 figures"), "\(r.stdout)")
        for w in [1280, 390] {
            let png = FileManager.default.contents(atPath: shots + "/briefing-\(w).png") ?? Data()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "screenshot at \(w) px")
        }
    }

    /// The checks can fail: a page that overflows, hides a figure, leaves one unnamed and links
    /// to a missing source is caught on every count.
    @Test func aBrokenPageFailsEachCheck() throws {
        guard let r = try check(root + "/Tests/Browser/broken.html", shots: Tools.temporaryFolder("shots")) else { return }
        #expect(r.status == 1)
        for w in [1280, 390] {
            #expect(r.stdout.contains("FAIL \(w): the page scrolls sideways"), "\(w)")
            #expect(r.stdout.contains("FAIL \(w): <div> sticks out"))
            #expect(r.stdout.contains("FAIL \(w): figure #fig-1 is not visible"))
            #expect(r.stdout.contains("FAIL \(w): figure #fig-2 has no text alternative"))
            #expect(r.stdout.contains("FAIL \(w): link #src-9 lands on None"))
            #expect(!r.stdout.contains("FAIL \(w): link #src-1 "), "a good link passes")
        }
    }
}
