import ArgumentParser
import Foundation
import Pipeline

/// `reportgen draft ARTICLE... -o DIR`: a report folder drawn from the articles' facts that
/// builds as it is (`reportgen build DIR/report.yaml`), for a user to edit.
struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Write a report folder (spec, charts, timeline) from articles, every number a cited fact; it builds as it is.")

    @Argument(help: "Articles (.txt, UTF-8 or GB18030).")
    var articles: [String]

    @Option(name: .shortAndLong, help: "The new report folder (must not exist or be empty).")
    var out: String = "draft"

    func run() throws {
        let logger = makeLogger(quiet: false)
        do {
            let r = try Draft.write(articles: articles, to: out)
            for n in r.notes { logger.info("\(n)") }
            logger.info("wrote \(r.files.count) file\(r.files.count == 1 ? "" : "s") into \(out); build it with: reportgen build \(r.spec) --out \(out)/out")
        } catch {
            logger.error("\(error.description)")
            throw Exit.code(for: error)
        }
    }
}
