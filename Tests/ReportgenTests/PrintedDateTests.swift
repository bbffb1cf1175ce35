import Foundation
import Testing
import TestSupport

/// The date a cron build prints, end to end through the binary.
@Suite struct PrintedDateTests {
    let bin = Tools.reportgenBinary()
    let seeds = GoldenImage.packageRoot().appendingPathComponent("seeds").path

    /// 1700000000 is 22:13 UTC on 14 Nov 2023, already the 15th in Shanghai.
    @Test func theBriefingPrintsTheDayInTheMachinesZone() throws {
        let out = Tools.temporaryFolder("tz") + "/out"
        let r = try Tools.run(bin, ["build", "--seeds", seeds, "--out", out, "--quiet"],
                              environment: ["TZ": "Asia/Shanghai", "SOURCE_DATE_EPOCH": "1700000000"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try Tools.run(try #require(Tools.which("pdftotext")), [out + "/briefing.pdf", "-"]).stdout
        #expect(text.contains("2023年11月15日"), "\(text.prefix(300))")
        let html = String(decoding: FileManager.default.contents(atPath: out + "/briefing.html") ?? Data(), as: UTF8.self)
        #expect(html.contains("2023年11月15日"))
    }

    @Test func aMalformedSourceDateEpochIsABadUsageNamingIt() throws {
        for bad in ["garbage", "-1", "99999999999999"] {
            let out = Tools.temporaryFolder("epoch") + "/out"
            let r = try Tools.run(bin, ["build", "--seeds", seeds, "--out", out], environment: ["SOURCE_DATE_EPOCH": bad])
            #expect(r.status == 2 && r.stderr.contains("SOURCE_DATE_EPOCH") && r.stderr.contains(bad), "\(bad): \(r.status) \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"), "nothing is built")
        }
    }
}
