import ArgumentParser
import Foundation
import Pipeline

/// `reportgen init DIR`: scaffolds a report that builds as it is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new report (spec, sample article, chart data, timeline) in an empty folder.")

    @Argument(help: "The folder to create; it must be new or empty.")
    var dir: String

    func run() throws {
        let log = makeLogger(quiet: false)
        do {
            let spec = try Scaffold.write(to: dir)
            log.info("created \(spec); build it with: reportgen build \(spec) --out \((dir as NSString).appendingPathComponent("out"))")
        } catch {
            log.error("\(error.description)")
            throw Exit.code(for: error)
        }
    }
}
