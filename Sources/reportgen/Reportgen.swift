import ArgumentParser
import Canvas
import Extraction
import Foundation
import Logging
import Pipeline

@main
struct Reportgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportgen",
        abstract: "Charts, timelines and printable briefings from Chinese news reports and data.",
        version: reportgenVersion,
        subcommands: [Build.self, WatchCommand.self, IndexCommand.self, InitCommand.self, DraftCommand.self, ChartCommand.self, TimelineCommand.self, ExtractCommand.self, Fonts.self],
        defaultSubcommand: Build.self
    )

    /// Same as ArgumentParser's, except that bad usage exits 2 (cron and shell convention,
    /// documented in the README) rather than sysexits' 64.
    static func main() {
        ProcessMemory.shareOneArena()
        do {
            var command = try parseAsRoot()
            if let problem = SourceDateEpoch.problem() {  // before anything is written with a wrong date
                FileHandle.standardError.write(Data(("reportgen: " + problem + "\n").utf8))
                Foundation.exit(Exit.badUsage.rawValue)
            }
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
    static let locked = ExitCode(3)

    static func code(for e: BuildError) -> ExitCode {
        switch e {
        case .invalidSpec: return badUsage
        case .locked: return locked
        default: return buildFailed
        }
    }
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

func makeLogger(quiet: Bool, format: LogFormat = .text) -> Logger {
    LoggingSystem.bootstrap { label in
        var h: LogHandler = format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
        h.logLevel = quiet ? .warning : .info
        return h
    }
    return Logger(label: "reportgen")
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build reports: the default briefing of the seeds folder, or each SPEC given.",
        discussion: """
        Exit codes: 0 built; 1 the build failed; 2 bad usage or a spec to fix; 3 another build \
        holds the output folder (see --wait). With several specs, each builds into OUT/<name>/ in \
        parallel; one failing does not stop the others, and OUT/index.json lists every report. \
        --shard I/N builds only the I-th of N shares of the reports (split by name), for a \
        scheduler that runs N processes; each writes OUT/index-I-of-N.json, and `reportgen index \
        OUT` merges them.
        """)

    @Argument(help: "Report specs (YAML). Without any, the seeds folder's briefing.yaml.")
    var specs: [String] = []

    @Option(name: .long, help: "Folder with the default report (briefing.yaml, articles, charts/, timelines/).")
    var seeds = "seeds"

    @Option(name: .long, help: "Output folder.")
    var out = "out"

    @Flag(name: .long, help: "Redraw everything, ignoring what the last build left.")
    var force = false

    @Flag(name: .long, help: "Fail (exit 1, nothing written) when the build has warnings.")
    var strict = false

    @Flag(name: .long, help: "Wait for another build of the same output folder instead of exiting 3.")
    var wait = false

    @Flag(name: .long, help: "Also keep a dated copy of this build under OUT/archive/.")
    var archive = false

    @Flag(name: .long, help: "Only print warnings and errors.")
    var quiet = false

    @Option(name: .long, help: "Log lines as text or as one JSON object per line (for log collectors).")
    var logFormat: LogFormat = .text

    @Option(name: .long, help: ArgumentHelp(
        "Build only shard I of N of the reports (I from 1), split by report name; N alone takes the index from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm).",
        valueName: "I/N"))
    var shard: String?

    @Option(name: .long, help: "Resolve 今年/去年/3月 in articles whose spec gives no referenceDate against this date (YYYY-MM-DD).")
    var referenceDate: String?

    func validate() throws {
        if let r = referenceDate, ReferenceDate(parsing: r) == nil {
            throw ValidationError("--reference-date \(r): write YYYY-MM-DD, e.g. 2016-02-01")
        }
    }

    func run() throws {
        let log = makeLogger(quiet: quiet, format: logFormat)
        let json = logFormat == .json
        /// Structured fields go to JSON logs; text logs stay one readable sentence.
        func meta(_ m: Logger.Metadata) -> Logger.Metadata? { json ? m : nil }
        // Load every spec first (cheap); a batch spec expands to one report per parameter set.
        var loaded: [(label: String, name: String, inputs: Result<ReportBuild.Inputs, BuildError>)] = []
        if specs.isEmpty {
            do throws(BuildError) { loaded.append((seeds, "", .success(try ReportBuild.inputs(seeds: seeds)))) } catch { loaded.append((seeds, "", .failure(error))) }
        } else {
            for spec in specs {
                do throws(BuildError) {
                    for (name, inputs) in try ReportBuild.batch(spec: spec) { loaded.append((spec, name, .success(inputs))) }
                } catch { loaded.append((spec, ReportBuild.stem(spec), .failure(error))) }
            }
        }
        // One report goes to OUT; several each to OUT/<name>, so no two share a file.
        var seen: [String: String] = [:]
        for l in loaded where loaded.count > 1 {
            if let other = seen[l.name] {
                log.error("\(l.label) and \(other) both make a report named \(l.name); give one another name:")
                throw Exit.badUsage
            }
            seen[l.name] = l.label
        }
        if let referenceDate {  // a source's own referenceDate (in the spec) wins
            loaded = loaded.map { l in (l.label, l.name, l.inputs.map { i in
                var i = i
                i.sources = i.sources.map { (path: $0.path, referenceDate: $0.referenceDate ?? referenceDate) }
                return i
            }) }
        }
        // A shard takes its share of the whole batch; where each report goes depends on the
        // whole batch too, so the shards together write what one unsharded build writes.
        var part: Shard?
        if let shard {
            do throws(ShardError) { part = try Shard.parse(shard) } catch {
                log.error("\(error)")
                throw Exit.badUsage
            }
        }
        let batch = loaded.count > 1
        let names = loaded.map { $0.name.isEmpty ? $0.label : $0.name }
        let mine = Set(part.map { $0.select(names) } ?? names)
        if let part {
            let chosen = names.filter(mine.contains).sorted()
            log.info("shard \(part): \(chosen.count) of \(names.count) reports\(chosen.isEmpty ? "" : ": " + chosen.joined(separator: ", "))",
                     metadata: meta(["shard": "\(part)", "reports": "\(chosen.joined(separator: ","))"]))
        }
        let jobs = loaded.enumerated().filter { mine.contains(names[$0.offset]) }.map { _, l in
            (label: l.name.isEmpty || !batch ? l.label : "\(l.label) [\(l.name)]", name: l.name.isEmpty ? l.label : l.name, spec: l.label,
             folder: batch ? l.name : ".", out: batch ? (out as NSString).appendingPathComponent(l.name) : out, inputs: l.inputs)
        }
        let results = ResultSlots<(ReportBuild.Summary, TimeInterval)>(count: jobs.count)
        let options = (force, strict, wait, archive)
        // A progress line only for a person at a terminal; cron and pipes get the log alone.
        let showProgress = jobs.count == 1 && !quiet && logFormat == .text && isatty(STDERR_FILENO) != 0
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let start = Date()
            do throws(BuildError) {
                var o = BuildOptions(out: jobs[i].out)
                (o.force, o.strict, o.wait, o.archive) = options
                if showProgress { o.progress = { id in Progress.show("building \(id)…") } }
                let s = try ReportBuild.run(try jobs[i].inputs.get(), options: o)
                if showProgress { Progress.show(nil) }
                results.set(i, .success((s, Date().timeIntervalSince(start))))
            } catch {
                results.set(i, .failure(error))
            }
        }
        var failures: [ExitCode] = []
        var entries: [BatchIndex.Report] = []
        for (i, r) in results.values.enumerated() {
            let job = jobs[i]
            switch r {
            case .success(let (s, seconds))?:
                entries.append(.init(name: job.name, spec: job.spec, folder: job.folder, built: s.manifest.files.count, warnings: s.warnings.count))
                for f in s.manifest.files { log.debug("\((job.out as NSString).appendingPathComponent(f.path)) (\(f.bytes) bytes)") }
                for w in s.warnings { log.warning("\(w)", metadata: meta(["report": "\(job.label)"])) }
                if let a = s.archive { log.info("archived to \(a)") }
                log.info("built \(job.out): \(s.manifest.files.count) files, \(s.rebuilt.count) jobs redone, \(s.reused.count) unchanged, in \(Int(seconds * 1000)) ms",
                         metadata: meta(["report": "\(job.label)", "files": "\(s.manifest.files.count)", "rebuilt": "\(s.rebuilt.joined(separator: ","))"]))
            case .failure(let e)?:
                log.error("\(e.description.contains(job.label) ? "" : job.label + ": ")\(e.description)", metadata: meta(["report": "\(job.label)", "exit": "\(Exit.code(for: e).rawValue)"]))
                failures.append(Exit.code(for: e))
                entries.append(.init(name: job.name, spec: job.spec, folder: job.folder, failed: Int(Exit.code(for: e).rawValue), error: e.description))
            case nil:
                failures.append(Exit.buildFailed)
                entries.append(.init(name: job.name, spec: job.spec, folder: job.folder, failed: Int(Exit.buildFailed.rawValue), error: "the build did not finish"))
            }
        }
        // A batch (or a shard of one) says what became of every report, for the step after it.
        if batch || part != nil {
            let index = BatchIndex(total: names.count, shard: part, batch: BatchIndex.batchDigest(names), reports: entries)
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try index.write(into: out, part: part)
                log.info("wrote \((out as NSString).appendingPathComponent(part.map(BatchIndex.partName) ?? BatchIndex.fileName))")
            } catch {
                log.error("\(error)")
                failures.append(Exit.buildFailed)
            }
        }
        if failures.isEmpty { return }
        if jobs.count > 1 { log.error("\(failures.count) of \(jobs.count) reports failed") }
        throw Set(failures.map(\.rawValue)).count == 1 ? failures[0] : Exit.buildFailed
    }
}

struct Fonts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which font draws Chinese text, and warn if none covers it.")

    func run() throws {
        let m = PangoMeasurer()
        print("requested: \(defaultFontFamilies.joined(separator: ", "))")
        print("resolved:  \(m.resolvedFamily(defaultFontFamilies) ?? "unknown")")
        let subsets = FontSubsets.status
        for face in subsets.faces { print("font copy: \(face.subset) (of \(face.source))") }
        if subsets.creationMilliseconds > 0 {
            print("copies:    made in \(Int(subsets.creationMilliseconds.rounded())) ms (once per machine)")
        }
        for note in subsets.notes { print("note:      \(note)") }
        if let w = FontCheck.chineseCoverageWarning(measurer: m) {
            print("warning: \(w)")
            throw Exit.buildFailed
        }
        print("Chinese text: covered")
    }
}

/// One line on the terminal, rewritten in place (stderr only).
enum Progress {
    static func show(_ text: String?) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
    }
}
