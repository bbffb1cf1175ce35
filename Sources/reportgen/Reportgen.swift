import ArgumentParser
import Canvas
import Foundation
import Logging
import Pipeline

@main
struct Reportgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportgen",
        abstract: "Charts, timelines and printable briefings from Chinese news reports and data.",
        version: reportgenVersion,
        subcommands: [Build.self, ChartCommand.self, TimelineCommand.self, ExtractCommand.self, Fonts.self],
        defaultSubcommand: Build.self
    )

    /// Same as ArgumentParser's, except that bad usage exits 2 (cron and shell convention,
    /// documented in the README) rather than sysexits' 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(Exit.badUsage.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// Exit codes shared by every subcommand (documented in the README).
enum Exit {
    static let buildFailed = ExitCode(1)
    static let badUsage = ExitCode(2)
}

func makeLogger(quiet: Bool) -> Logger {
    LoggingSystem.bootstrap { label in
        var h = StreamLogHandler.standardError(label: label)
        h.logLevel = quiet ? .warning : .info
        return h
    }
    return Logger(label: "reportgen")
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build everything the seeds folder describes into the output folder.")

    @Option(name: .long, help: "Folder with the articles and charts/ (chart files).")
    var seeds = "seeds"

    @Option(name: .long, help: "Output folder.")
    var out = "out"

    @Flag(name: .long, help: "Only print warnings and errors.")
    var quiet = false

    func run() throws {
        let log = makeLogger(quiet: quiet)
        let start = Date()
        do {
            let summary = try DefaultBuild.run(seeds: seeds, out: out)
            for f in summary.manifest.files { log.info("wrote \((out as NSString).appendingPathComponent(f.path)) (\(f.bytes) bytes)") }
            for w in summary.warnings { log.warning("\(w)") }
            log.info("built \(summary.manifest.files.count) files in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        } catch {
            log.error("\(error.description)")
            throw Exit.buildFailed
        }
    }
}

struct Fonts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which font draws Chinese text, and warn if none covers it.")

    func run() throws {
        let m = PangoMeasurer()
        print("requested: \(defaultFontFamilies.joined(separator: ", "))")
        print("resolved:  \(m.resolvedFamily(defaultFontFamilies) ?? "unknown")")
        if let w = FontCheck.chineseCoverageWarning(measurer: m) {
            print("warning: \(w)")
            throw Exit.buildFailed
        }
        print("Chinese text: covered")
    }
}
