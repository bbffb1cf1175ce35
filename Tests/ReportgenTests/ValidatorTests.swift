import Foundation
import Testing
import TestSupport

/// Every file of the seed build read by an independent reader of its format: qpdf for PDFs (the
/// briefing has links, named destinations and an outline), pngcheck for PNGs, xmllint for SVGs
/// and every XML part of the deck, html5lib's strict HTML5 parser for the HTML, LibreOffice for
/// the deck. `make test` installs them (TEST_APT_PACKAGES); a missing one is reported as skipped.
@Suite struct ValidatorTests {
    /// One seed build shared by the tests below (built once, reproducible date).
    static let build: (out: String, files: [String], log: String) = {
        let out = Tools.temporaryFolder("validators") + "/out"
        let seeds = GoldenImage.packageRoot().appendingPathComponent("seeds").path
        let r = try? Tools.run(Tools.reportgenBinary(), ["build", "--seeds", seeds, "--out", out, "--quiet"],
                               environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).sorted().map { out + "/" + $0 }
        return (out, files, "exit \(r.map { "\($0.status)" } ?? "none"): \(r?.stderr ?? "")")
    }()

    func files(_ ext: String) -> [String] {
        Self.build.files.filter { ($0 as NSString).pathExtension == ext }
    }

    func tool(_ name: String, package: String) -> String? {
        let t = Tools.which(name)
        if t == nil { print("skipped: \(name) is not installed (apt-get install \(package))") }
        return t
    }

    @Test func everyPDFPassesQpdfCheckWithoutAWarning() throws {
        let pdfs = files("pdf")
        #expect(pdfs.count >= 7, "six figures and the briefing: \(Self.build.log)")
        #expect(pdfs.contains { $0.hasSuffix("/briefing.pdf") })
        guard let qpdf = tool("qpdf", package: "qpdf") else { return }
        for p in pdfs {
            let r = try Tools.run(qpdf, ["--check", p])
            let said = r.stdout + r.stderr
            #expect(r.status == 0 && !said.contains("WARNING") && said.contains("No syntax or stream encoding errors"),
                    "\((p as NSString).lastPathComponent): \(said)")
        }
    }

    @Test func everyPNGPassesPngcheck() throws {
        let pngs = files("png")
        #expect(pngs.count >= 6, "\(Self.build.log)")
        guard let pngcheck = tool("pngcheck", package: "pngcheck") else { return }
        for p in pngs {
            let r = try Tools.run(pngcheck, ["-q", p])
            #expect(r.status == 0, "\((p as NSString).lastPathComponent): \(r.stdout)\(r.stderr)")
        }
    }

    @Test func everySVGIsWellFormedForXmllint() throws {
        let svgs = files("svg")
        #expect(svgs.count >= 6, "\(Self.build.log)")
        guard let xmllint = tool("xmllint", package: "libxml2-utils") else { return }
        for p in svgs {
            let r = try Tools.run(xmllint, ["--noout", "--nonet", p])
            #expect(r.status == 0 && r.stderr.isEmpty, "\((p as NSString).lastPathComponent): \(r.stderr)")
        }
    }

    /// A strict HTML5 parser (the WHATWG algorithm, as browsers parse) stops at the first parse error.
    @Test func theHTMLParsesWithoutAnHTML5ParseError() throws {
        let html = files("html")
        #expect(html.count == 1, "\(Self.build.log)")
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? Tools.run(python, ["-c", "import html5lib"]))?.status == 0 else {
            print("skipped: html5lib is not installed (apt-get install python3-html5lib)")
            return
        }
        let script = """
        import sys, html5lib
        p = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            doc = p.parse(open(sys.argv[1], 'rb'))
        except Exception as e:
            print('parse error:', e, p.errors[:3]); sys.exit(1)
        svgs = doc.findall('.//{http://www.w3.org/2000/svg}svg')
        print(len(svgs))
        """
        for p in html {
            let r = try Tools.run(python, ["-c", script, p])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect((Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 6, "the six figures are inline SVG: \(r.stdout)")
        }
    }

    /// Two readers of the deck: its ZIP and every XML part (unzip + xmllint), then LibreOffice.
    @Test func theDeckIsASoundPackageAndLibreOfficeOpensIt() throws {
        let decks = files("pptx")
        #expect(decks.count == 1, "\(Self.build.log)")
        guard let deck = decks.first, let unzip = tool("unzip", package: "unzip"), let xmllint = tool("xmllint", package: "libxml2-utils") else { return }
        #expect(try Tools.run(unzip, ["-tq", deck]).status == 0)
        let dir = Tools.temporaryFolder("deck")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Tools.run(unzip, ["-q", deck, "-d", dir + "/parts"]).status == 0)
        let parts = (FileManager.default.enumerator(atPath: dir + "/parts")?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rels") }.sorted()
        #expect(parts.count >= 10 && parts.contains("[Content_Types].xml"), "\(parts)")
        for part in parts {
            let r = try Tools.run(xmllint, ["--noout", "--nonet", dir + "/parts/" + part])
            #expect(r.status == 0 && r.stderr.isEmpty, "\(part): \(r.stderr)")
        }
        guard let lo = Tools.which("libreoffice") ?? Tools.which("soffice") else {
            print("skipped: LibreOffice is not installed (apt-get install libreoffice-impress)")
            return
        }
        let r = try Tools.run(lo, ["--headless", "--convert-to", "pdf", "--outdir", dir, deck], environment: ["HOME": dir])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try Tools.run(try #require(Tools.which("pdfinfo")), [dir + "/briefing.pdf"]).stdout
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        #expect(pages >= 7, "title slide and one per figure: \(info)")
    }
}
