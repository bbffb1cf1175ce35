import Canvas
import Document
import Extraction
import Foundation
import Timeline
import Yams

/// How one report is built: where it goes and how careful to be.
public struct BuildOptions: Sendable {
    public var out: String
    /// Redraw everything, ignoring the cache.
    public var force = false
    /// Warnings (a truncated label, a character no font covers) fail the build.
    public var strict = false
    /// Wait for another build holding the folder instead of exiting.
    public var wait = false
    /// Keep a dated copy of the build under `archive/`.
    public var archive = false
    /// Told the id of each job as it starts (`chart:aksu-2015-funding`); for a progress line.
    public var progress: (@Sendable (String) -> Void)?
    public init(out: String) { self.out = out }
}

/// The main job for one spec: extract, draw, compile, and commit the lot in one transaction.
///
/// Every output belongs to a job (facts, a chart, a timeline, the briefing) whose cache key
/// hashes the tool version, the job's spec text and the content of everything it reads. A job
/// whose key and files are unchanged is not redone, so an unchanged rebuild only reads and
/// hashes its inputs; changing one CSV redraws that chart and the briefing that shows it.
public enum ReportBuild {
    public struct Summary: Sendable {
        public var manifest: Manifest
        public var warnings: [String]
        /// Jobs redone and jobs reused from the cache, by id (`chart:aksu-2015-funding`).
        public var rebuilt: [String]
        public var reused: [String]
        public var archive: String?
    }

    /// What a spec asks for, loaded and checked before anything is drawn.
    public struct Inputs: Sendable {
        public var briefing: BriefingFile?
        public var sources: [(path: String, referenceDate: String?)]
        public var charts: [ChartFile]
        public var timelines: [TimelineFile]
    }

    /// The default report of a seeds folder: `briefing.yaml` there, or (without one) every
    /// article, chart and timeline in the folder.
    public static func inputs(seeds: String) throws(BuildError) -> Inputs {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: seeds, isDirectory: &isDir), isDir.boolValue else {
            throw .unreadable(path: seeds, reason: "no such folder; pass the folder that holds the articles and charts/ with --seeds")
        }
        let spec = (seeds as NSString).appendingPathComponent("briefing.yaml")
        if FileManager.default.fileExists(atPath: spec) { return try inputs(spec: spec) }
        do {
            let charts = try ChartJob.chartFiles(in: (seeds as NSString).appendingPathComponent("charts"))
            let timelines = try TimelineJob.files(in: (seeds as NSString).appendingPathComponent("timelines"))
            guard !charts.isEmpty || !timelines.isEmpty else { throw BuildError.noInputs(folder: (seeds as NSString).appendingPathComponent("charts")) }
            let texts = BriefingFile.Reader.glob("*.txt", base: seeds).map { (path: $0, referenceDate: String?.none) }
            return Inputs(briefing: nil, sources: texts, charts: charts, timelines: timelines)
        } catch let e as BuildError {
            if case .noInputs = e { throw e }
            throw .invalidSpec(e)
        } catch { throw .other("\(error)") }
    }

    /// A report spec (`*.yaml` with title, values, sections, and optionally sources, charts,
    /// timelines). Any problem in it or in the files it names is `.invalidSpec`.
    public static func inputs(spec: String) throws(BuildError) -> Inputs {
        let b: BriefingFile
        do { b = try BriefingFile.load(spec) } catch { throw .invalidSpec(error) }
        return try inputs(briefing: b)
    }

    static func inputs(briefing b: BriefingFile) throws(BuildError) -> Inputs {
        do {
            var problems: [BuildError] = []
            var charts: [ChartFile] = [], timelines: [TimelineFile] = []
            for c in b.charts { do { charts.append(try ChartFile.load(c)) } catch { problems.append(error) } }
            for t in b.timelines { do { timelines.append(try TimelineFile.load(t)) } catch { problems.append(error) } }
            var seen: [String: String] = [:]
            for (name, path) in charts.map({ ($0.name, $0.path) }) + timelines.map({ ($0.name, $0.path) }) {
                if let other = seen[name] { problems.append(.data(path: path, line: nil, field: "name", message: "\"\(name)\" is also the name of \(other); output files would collide")) }
                seen[name] = path
            }
            if !problems.isEmpty { throw problems.count == 1 ? problems[0] : BuildError.many(problems) }
            return Inputs(briefing: b, sources: b.sources, charts: charts, timelines: timelines)
        } catch let e as BuildError {
            if case .unreadable = e { throw .invalidSpec(e) }
            throw .invalidSpec(e)
        } catch { throw .other("\(error)") }
    }

    /// A spec with `parameters:` (a list of mappings) is a batch: one report per mapping, with
    /// every `${key}` in the spec's text replaced by that mapping's value and the report named
    /// `name-value-value` so no two share a file. A spec without it is a batch of one.
    public static func batch(spec: String) throws(BuildError) -> [(name: String, inputs: Inputs)] {
        let text: String
        do { text = try SourceText.read(spec, limit: 4 * 1024 * 1024).text } catch { throw .invalidSpec(error) }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { return [(stem(spec), try inputs(spec: spec))] }  // inputs() reports the syntax error
        do throws(BuildError) { try YAMLLimits.check(root, path: spec) } catch { throw .invalidSpec(error) }  // issue 18 hook
        guard let params = root?.mapping?["parameters"] else {
            let i = try inputs(spec: spec)
            return [(i.briefing?.name ?? stem(spec), i)]
        }
        guard let sets = params.sequence, !sets.isEmpty, sets.allSatisfy({ $0.mapping != nil }) else {
            throw .invalidSpec(.at(path: spec, line: params.mark?.line ?? 1, column: params.mark?.column ?? 1, field: "parameters",
                                   message: "give a list of mappings, e.g. - {county: 阿克苏, year: 2015}"))
        }
        var out: [(String, Inputs)] = []
        for (i, set) in sets.enumerated() {
            var t = text
            var slug: [String] = []
            for (k, v) in set.mapping ?? [:] {
                guard let key = k.string, let value = v.string else { continue }
                t = t.replacingOccurrences(of: "${\(key)}", with: value)
                slug.append(value.filter(OutputName.isAllowed))
            }
            if let r = t.range(of: "${") {
                let name = t[r.upperBound...].prefix { $0 != "}" }
                throw .invalidSpec(.data(path: spec, line: nil, field: "parameters[\(i)]",
                                         message: "${\(name)} is used in the spec but this parameter set does not give \(name)"))
            }
            let b: BriefingFile
            do { b = try BriefingFile.parse(t, path: spec) } catch { throw .invalidSpec(error) }
            var inputs = try self.inputs(briefing: b)
            inputs.briefing?.name = ([b.name] + slug).joined(separator: "-")
            out.append((inputs.briefing?.name ?? "\(i)", inputs))
        }
        return out
    }

    public static func stem(_ path: String) -> String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }

    // MARK: Building

    struct JobOutput {
        var files: [(name: String, kind: String, bytes: [UInt8])]
        var inputs: [String]
        var warnings: [String]

        init(files: [(name: String, kind: String, bytes: [UInt8])], inputs: [String], warnings: [String]) {
            self.files = files; self.inputs = inputs; self.warnings = warnings
        }

        /// A chart's or timeline's files: its CSV sidecar is `data`, every drawing `kind`.
        init(figure o: ChartJob.Output, kind: String) {
            self.init(files: o.files.map { ($0.name, $0.name.hasSuffix(".csv") ? "data" : kind, $0.bytes) }, inputs: o.inputs, warnings: o.warnings)
        }
    }

    public static func run(_ inputs: Inputs, options: BuildOptions, now: Date = Date()) throws(BuildError) -> Summary {
        let root = options.out
        try OutputNames.check(inputs)  // issue 18 hook: two jobs writing one file
        try YAMLLimits.check(inputs)  // issue 18 hook: sections and blocks bounded
        try OutputFolder.checkApart(out: root, from: inputs)  // issue 18 hook: --out holding inputs
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isDir), !isDir.boolValue {
            throw .output(.cannotWrite(path: root, reason: "it is a file, not a folder; remove it or choose another --out"))
        }
        let lock = try BuildLock(folder: root, wait: options.wait)
        defer { withExtendedLifetime(lock) {} }
        guard access(root, W_OK) == 0 else { throw .output(.cannotWrite(path: root, reason: "the folder is not writable")) }
        let tx = try BuildTransaction(root: root)
        do {
            let s = try build(inputs, options: options, tx: tx, now: now)
            return s
        } catch {
            tx.abandon()
            throw error
        }
    }

    static func build(_ inputs: Inputs, options: BuildOptions, tx: BuildTransaction, now: Date) throws(BuildError) -> Summary {
        let root = options.out
        let epoch = sourceDateEpoch()
        let previous = tx.previous  // issue 18 hook: the validated previous manifest
        let cache = options.force ? BuildCache() : BuildCache.load(root)
        var next = BuildCache()
        // Checking a cached job hashes its files; the parallel pass and `job` both ask, so once each.
        var checked: [String: BuildCache.Job?] = [:]
        func reusable(_ id: String, _ key: String) -> BuildCache.Job? {
            if let known = checked[id] { return known }
            let hit = cache.reusable(id: id, key: key, root: root)
            checked[id] = hit
            return hit
        }
        var entries: [Manifest.Entry] = []
        var warnings: [String] = tx.notes + cache.notes  // issue 18 hook: state files ignored
        var rebuilt: [String] = [], reused: [String] = []
        // Asking fontconfig costs tens of milliseconds; only a build that draws needs the answer.
        var fontsChecked = false

        /// Jobs run in this build, staged together once all have run.
        var fresh: [(id: String, key: String, output: JobOutput)] = []

        /// Reuses a job's files when its key and files are unchanged; otherwise runs it (its files
        /// are staged by `stageFresh`).
        func job(_ id: String, key: String, _ body: () throws(BuildError) -> JobOutput) throws(BuildError) {
            if let hit = reusable(id, key) {
                next.jobs[id] = hit
                entries += hit.files
                reused.append(id)
                warnings += hit.warnings
                return
            }
            options.progress?(id)
            if !fontsChecked {
                fontsChecked = true
                if let w = FontCheck.chineseCoverageWarning() { warnings.append(w) }
            }
            let o = try body()
            fresh.append((id, key, o))
            rebuilt.append(id)
            warnings += o.warnings
        }

        /// Writes and hashes every new file side by side, then records them per job.
        func stageFresh() throws(BuildError) {
            let files = fresh.flatMap { f in f.output.files.map { (name: $0.name, bytes: $0.bytes) } }
            let hashes = ResultSlots<String>(count: files.count)
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                do throws(BuildError) {
                    try tx.stage(files[i].bytes, name: files[i].name)
                    hashes.set(i, .success(sha256Hex(files[i].bytes)))
                } catch { hashes.set(i, .failure(error)) }
            }
            let hashed = hashes.values
            var i = 0
            for f in fresh {
                var recorded: [Manifest.Entry] = []
                for file in f.output.files {
                    guard let hash = hashed[i] else { throw .other("\(file.name) was not staged") }
                    recorded.append(Manifest.Entry(path: file.name, kind: file.kind, format: (file.name as NSString).pathExtension.lowercased(),
                                                   bytes: file.bytes.count, sha256: try hash.get(), inputs: f.output.inputs))
                    i += 1
                }
                next.jobs[f.id] = BuildCache.Job(key: f.key, files: recorded, warnings: f.output.warnings)
                entries += recorded
            }
        }

        // Every job keyed in order (the briefing's key holds its figures'), then the redone ones
        // prepared (data read, facts extracted and resolved once, shared), drawn in one parallel
        // pass (one measurer per piece: Pango is per thread), and recorded in order.
        let context = try BuildContext(inputs: inputs, epoch: epoch, now: now)
        var jobs: [any BuildJob] = inputs.sources.isEmpty ? [] : [FactsJob()]
        jobs += inputs.charts.map(ChartBuildJob.init) as [any BuildJob]
        jobs += inputs.timelines.map(TimelineBuildJob.init) as [any BuildJob]
        if let b = inputs.briefing { jobs.append(BriefingBuildJob(b)) }
        var keys: [String] = []
        for j in jobs {
            let key = BuildCache.key([reportgenVersion] + (try j.keyParts(context)))
            context.keys[j.id] = key
            keys.append(key)
        }
        let pending = jobs.indices.filter { reusable(jobs[$0].id, keys[$0]) == nil }
        // A job that cannot be prepared fails at its turn below, so errors come in job order
        // (a chart's bad data before the briefing that shows it).
        var failed: [Int: BuildError] = [:]
        for i in pending {
            do throws(BuildError) { try jobs[i].prepare(context) } catch { failed[i] = error }
        }
        // Longest first (then in job order), so no long piece is left for the end.
        let work = pending.filter { failed[$0] == nil }.flatMap { i in jobs[i].pieces.map { (job: i, piece: $0, cost: jobs[i].cost(piece: $0)) } }
            .enumerated().sorted { $0.element.cost != $1.element.cost ? $0.element.cost > $1.element.cost : $0.offset < $1.offset }.map(\.element)
        let slots = ResultSlots<JobOutput>(count: work.count)
        let shared = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { k in
            let w = work[k]
            do throws(BuildError) { slots.set(k, .success(try shared[w.job].render(piece: w.piece, measurer: PangoMeasurer()))) } catch {
                slots.set(k, .failure(error))
            }
        }
        let results = slots.values
        for (i, j) in jobs.enumerated() {
            try job(j.id, key: keys[i]) { () throws(BuildError) -> JobOutput in
                if let e = failed[i] { throw e }
                // The pieces in piece order (a briefing's formats as the spec lists them).
                var parts: [(Int, JobOutput)] = []
                for (k, w) in work.enumerated() where w.job == i {
                    guard let r = results[k] else { throw .other("\(j.id) was not drawn") }
                    parts.append((w.piece, try r.get()))
                }
                return try j.combine(parts.sorted { $0.0 < $1.0 }.map(\.1))
            }
        }

        try stageFresh()
        if options.strict, !warnings.isEmpty {
            throw .strict(warnings)
        }
        var manifest = Manifest(files: entries)
        manifest.files.sort { $0.path < $1.path }
        let bytes: [UInt8]
        do { bytes = try manifest.encoded() } catch { throw .other("cannot encode the manifest: \(error)") }
        let made = Set(manifest.files.map(\.path))
        let obsolete = (previous?.files.map(\.path) ?? []).filter { !made.contains($0) }
        // issue 18 hook: the archive is made inside the commit, before anything is replaced.
        let archived = try tx.commit(manifest: bytes, obsolete: obsolete, files: manifest.files.map(\.path),
                                     archive: options.archive ? epoch ?? now : nil)
        next.save(root)
        return Summary(manifest: manifest, warnings: warnings, rebuilt: rebuilt, reused: reused, archive: archived)
    }

    static func extract(docs sources: [(path: String, referenceDate: String?)]) throws(BuildError) -> [DocumentFacts] {
        var docs: [DocumentFacts] = []
        for s in sources {
            // A news article is tens of kilobytes; beyond this it is the wrong file or a dump to split.
            if let size = (try? FileManager.default.attributesOfItem(atPath: s.path))?[.size] as? Int, size > maxArticleBytes {
                throw .tooLarge(path: s.path, bytes: size, limit: maxArticleBytes)
            }
            let ex = Extractor(referenceDate: s.referenceDate.flatMap(ReferenceDate.init(parsing:)))
            do { docs.append(try ex.extract(file: s.path)) } catch let e as TextDecodingError {
                throw .invalidSpec(.data(path: s.path, line: nil, field: nil, message: e.reason))
            } catch ExtractionError.unreadable { throw .unreadable(path: s.path, reason: "no such file or permission denied") } catch {
                throw .unreadable(path: s.path, reason: "\(error)")
            }
        }
        return docs
    }

    public static let maxArticleBytes = 16 * 1024 * 1024

    static func fileHash(_ path: String) throws(BuildError) -> String {
        guard let d = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "no such file, or it cannot be read") }
        return sha256Hex([UInt8](d))
    }
}
