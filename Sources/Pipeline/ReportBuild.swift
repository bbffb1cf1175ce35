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
    }

    public static func run(_ inputs: Inputs, options: BuildOptions, now: Date = Date()) throws(BuildError) -> Summary {
        let root = options.out
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
        let previous = readManifest(root)
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
        var warnings: [String] = []
        var rebuilt: [String] = [], reused: [String] = []
        // Asking fontconfig costs tens of milliseconds; only a build that draws needs the answer.
        var fontsChecked = false
        // Reproducible builds pin the clock; otherwise the day matters (it is printed on the briefing).
        let clock = epoch.map { "epoch \(Int($0.timeIntervalSince1970))" } ?? "day \(BriefingJob.chineseDate(now))"

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

        // Facts: only extracted when something that reads them must be redone.
        let textHashes = try inputs.sources.map { s throws(BuildError) in try "\(s.path)|\(s.referenceDate ?? "")|\(fileHash(s.path))" }
        let factsKey = BuildCache.key(["facts", reportgenVersion] + textHashes)
        var base: FactBase?
        var docs: [DocumentFacts] = []
        func facts() throws(BuildError) -> FactBase {
            if let base { return base }
            docs = try extract(docs: inputs.sources)
            let b = FactBase(documents: docs)
            base = b
            return b
        }
        // facts.json is encoded in the parallel pass below; extraction itself happens here, once.
        let factsPending = !inputs.sources.isEmpty && reusable("facts", factsKey) == nil
        if factsPending { _ = try facts() }

        // Figures do not show the clock (a PDF figure's date is SOURCE_DATE_EPOCH or the epoch), so
        // their keys hold the epoch only when it is set: an unchanged chart is not redrawn each day.
        let figureClock = epoch.map { "epoch \(Int($0.timeIntervalSince1970))" } ?? "no epoch"
        let articles = inputs.sources.map(\.path)

        // Chart data is read once here and shared by the chart's files and the briefing. A CSV's
        // key covers the articles it cites (their text is checked); a fact chart's, the facts.
        var chartData: [ChartData?] = Array(repeating: nil, count: inputs.charts.count)
        var chartKeys: [String] = [], timelineKeys: [String] = []
        var pendingCharts: [Int] = [], pendingTimelines: [Int] = []
        for (i, c) in inputs.charts.enumerated() {
            var parts = ["chart", reportgenVersion, figureClock, try fileHash(c.path)]
            if c.facts == nil {
                let d = try ChartData.csv(c.dataPath, articles: articles)
                chartData[i] = d
                parts.append(try fileHash(c.dataPath))
                for a in d.articles { parts.append("\(a)|\(try fileHash(a))") }
            } else {
                parts.append(factsKey)
            }
            let key = BuildCache.key(parts)
            chartKeys.append(key)
            if reusable("chart:\(c.name)", key) == nil { pendingCharts.append(i) }
        }
        for (i, t) in inputs.timelines.enumerated() {
            var parts = ["timeline", reportgenVersion, figureClock, factsKey, try fileHash(t.path)]
            if let d = t.dataPath { parts.append(try fileHash(d)) }
            let key = BuildCache.key(parts)
            timelineKeys.append(key)
            if reusable("timeline:\(t.name)", key) == nil { pendingTimelines.append(i) }
        }

        // The briefing redraws its figures from the specs, so its formats need none of the files
        // above: they are drawn in the same pass, the slowest first, keeping every core busy.
        // (Measurers are made inside the pass: one starts fontconfig, which an unchanged rebuild skips.)
        var briefingKey: String?
        var briefingPending = false
        if let b = inputs.briefing {
            let key = BuildCache.key(["briefing", reportgenVersion, clock, factsKey, try fileHash(b.path)] + chartKeys + timelineKeys)
            briefingKey = key
            briefingPending = reusable("briefing:\(b.name)", key) == nil
        }
        // Fact charts and timelines are resolved only when something that shows them is redone.
        let needCharts = briefingPending ? Array(inputs.charts.indices) : pendingCharts
        for i in needCharts where chartData[i] == nil {
            chartData[i] = try inputs.charts[i].data(facts: try facts(), articles: articles)
        }
        var resolvedTimelines: [(TimelineSpec, [TimelineFile.Row])?] = Array(repeating: nil, count: inputs.timelines.count)
        for i in briefingPending ? Array(inputs.timelines.indices) : pendingTimelines {
            resolvedTimelines[i] = try inputs.timelines[i].resolved(facts: try facts())
        }
        var briefingDoc: Result<BriefingDocument, BuildError>?
        if let b = inputs.briefing, briefingPending {
            let charts = inputs.charts.indices.compactMap { i in chartData[i].map { (inputs.charts[i], $0) } }
            let timelines = inputs.timelines.indices.compactMap { i in resolvedTimelines[i].map { (inputs.timelines[i], $0) } }
            briefingDoc = Result { () throws(BuildError) -> BriefingDocument in
                let library = BriefingJob.Library(charts: charts, timelines: timelines, facts: try facts())
                do throws(BuildError) { return try BriefingJob.compile(b, library: library, date: epoch ?? now) } catch { throw .invalidSpec(error) }
            }
        }
        let briefingFormats = inputs.briefing?.formats ?? []
        let briefingName = inputs.briefing?.name ?? "briefing"
        let doc = try? briefingDoc?.get()
        enum Work: Sendable { case chart(Int), timeline(Int), briefing(Int), factsJSON }
        let briefingWork = doc == nil ? [] : briefingFormats.indices
            .sorted { BriefingJob.costOrder(briefingFormats[$0]) < BriefingJob.costOrder(briefingFormats[$1]) }.map { Work.briefing($0) }
        let work = briefingWork + (factsPending ? [Work.factsJSON] : []) + pendingCharts.map { Work.chart($0) }
            + pendingTimelines.map { Work.timeline($0) }
        let extracted = docs
        let sharedData = chartData, sharedTimelines = resolvedTimelines
        let factsJSON = ResultSlots<[UInt8]>(count: 1)
        let charted = ResultSlots<ChartJob.Output>(count: inputs.charts.count)
        let drawn = ResultSlots<ChartJob.Output>(count: inputs.timelines.count)
        let parts = ResultSlots<BriefingJob.Part>(count: briefingFormats.count)
        DispatchQueue.concurrentPerform(iterations: work.count) { k in
            switch work[k] {
            case .chart(let i):
                do throws(BuildError) {
                    guard let data = sharedData[i] else { throw .other("chart \(inputs.charts[i].name) has no data") }
                    charted.set(i, .success(try ChartJob.render(inputs.charts[i], data: data, measurer: PangoMeasurer())))
                } catch { charted.set(i, .failure(error)) }
            case .timeline(let i):
                do throws(BuildError) {
                    guard let r = sharedTimelines[i] else { throw .other("timeline \(inputs.timelines[i].name) was not resolved") }
                    drawn.set(i, .success(try TimelineJob.render(inputs.timelines[i], resolved: r, measurer: PangoMeasurer())))
                } catch { drawn.set(i, .failure(error)) }
            case .factsJSON:
                do { factsJSON.set(0, .success([UInt8](try FactMerger.factsJSON(extracted)) + [0x0A])) } catch {
                    factsJSON.set(0, .failure(.other("cannot encode facts: \(error)")))
                }
            case .briefing(let i):
                guard let doc else { return }
                do throws(BuildError) {
                    parts.set(i, .success(try BriefingJob.part(doc, name: briefingName, format: briefingFormats[i],
                                                               measurer: PangoMeasurer(), date: epoch)))
                } catch { parts.set(i, .failure(error)) }
            }
        }
        let chartResults = charted.values, timelineResults = drawn.values
        if !inputs.sources.isEmpty {
            try job("facts", key: factsKey) { () throws(BuildError) -> JobOutput in
                guard let encoded = factsJSON.values[0] else { throw .other("facts.json was not encoded") }
                return JobOutput(files: [("facts.json", "data", try encoded.get())], inputs: inputs.sources.map(\.path),
                                 warnings: docs.flatMap(\.warnings))
            }
        }
        for (i, c) in inputs.charts.enumerated() {
            try job("chart:\(c.name)", key: chartKeys[i]) { () throws(BuildError) -> JobOutput in
                guard let r = chartResults[i] else { throw .other("chart \(c.name) was not drawn") }
                let o = try r.get()
                return JobOutput(files: o.files.map { ($0.name, $0.name.hasSuffix(".csv") ? "data" : "chart", $0.bytes) }, inputs: o.inputs, warnings: o.warnings)
            }
        }
        for (i, t) in inputs.timelines.enumerated() {
            try job("timeline:\(t.name)", key: timelineKeys[i]) { () throws(BuildError) -> JobOutput in
                guard let r = timelineResults[i] else { throw .other("timeline \(t.name) was not drawn") }
                let o = try r.get()
                return JobOutput(files: o.files.map { ($0.name, $0.name.hasSuffix(".csv") ? "data" : "timeline", $0.bytes) }, inputs: o.inputs, warnings: o.warnings)
            }
        }
        if let b = inputs.briefing, let key = briefingKey {
            try job("briefing:\(b.name)", key: key) { () throws(BuildError) -> JobOutput in
                guard let briefingDoc else { throw .other("briefing \(b.name) was not compiled") }
                _ = try briefingDoc.get()
                let o = try BriefingJob.combine(parts.values)
                let ins = [b.path] + inputs.charts.map(\.path) + inputs.timelines.map(\.path) + inputs.sources.map(\.path)
                return JobOutput(files: o.files.map { ($0.name, $0.kind, $0.bytes) }, inputs: ins, warnings: o.warnings)
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
        try tx.commit(manifest: bytes, obsolete: obsolete)
        next.save(root)
        var archived: String?
        if options.archive { archived = try archive(manifest, root: root, date: epoch ?? now) }
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
                throw .invalidSpec(.data(path: s.path, line: nil, field: nil, message: "\(e)"))
            } catch { throw .unreadable(path: s.path, reason: "\(error)") }
        }
        return docs
    }

    public static let maxArticleBytes = 16 * 1024 * 1024

    static func readManifest(_ root: String) -> Manifest? {
        guard let d = FileManager.default.contents(atPath: (root as NSString).appendingPathComponent("manifest.json")) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: d)
    }

    static func fileHash(_ path: String) throws(BuildError) -> String {
        guard let d = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "no such file, or it cannot be read") }
        return sha256Hex([UInt8](d))
    }

    /// Hard links of this build's files under `archive/YYYY-MM-DDTHHMMSSZ/`: cheap, and safe because
    /// builds replace files by rename, never by writing into them.
    static func archive(_ m: Manifest, root: String, date: Date) throws(BuildError) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HHmmss'Z'"
        let dir = (root as NSString).appendingPathComponent("archive/\(f.string(from: date))")
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw .output(.cannotWrite(path: dir, reason: error.localizedDescription))
        }
        for e in m.files + [Manifest.Entry(path: "manifest.json", kind: "", format: "", bytes: 0, sha256: "")] {
            let from = (root as NSString).appendingPathComponent(e.path), to = (dir as NSString).appendingPathComponent(e.path)
            unlink(to)
            if link(from, to) != 0 {
                do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch {
                    throw .output(.cannotWrite(path: to, reason: error.localizedDescription))
                }
            }
        }
        return dir
    }
}
