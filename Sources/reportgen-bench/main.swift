// reportgen-bench: times reportgen's charts in-process and, in the same run, the matplotlib
// peer from ../shared/bench/peers, then prints medians and ratios (and writes BENCHMARKS.md).
//
//   swift run -c release reportgen-bench [--runs 20] [--peer-python .venv-peers/bin/python]
//                                        [--peers DIR] [--markdown BENCHMARKS.md]
//   swift run -c release reportgen-bench --only pie.pdf --runs 500   (one chart and format, for a profiler)
import Canvas
import Charts
import Extraction
import Foundation
import Pipeline
import Timeline

struct Options {
    var runs = 20
    var peerPython: String?
    var peers = "../shared/bench/peers"
    var markdown: String?
    var seeds = "seeds"
    var binary = ".build/release/reportgen"
    /// `chart.format` (e.g. `pie.pdf`): time only that render, print it and stop.
    var only: String?

    init(_ args: [String]) {
        var i = 1
        func next() -> String? { i += 1; return i < args.count ? args[i] : nil }
        while i < args.count {
            switch args[i] {
            case "--runs": runs = next().flatMap(Int.init) ?? runs
            case "--peer-python": peerPython = next()
            case "--peers": peers = next() ?? peers
            case "--markdown": markdown = next()
            case "--seeds": seeds = next() ?? seeds
            case "--binary": binary = next() ?? binary
            case "--only": only = next()
            default: FileHandle.standardError.write(Data("unknown option \(args[i])\n".utf8)); exit(2)
            }
            i += 1
        }
    }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Median wall time of `body` in milliseconds, after two untimed warm-up runs.
func time(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<2 { try body() }
    var t: [Double] = []
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        t.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    return median(t)
}

let opt = Options(CommandLine.arguments)
let tmp = NSTemporaryDirectory() + "reportgen-bench-\(getpid())"
try? FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: tmp) }

/// Wall time in ms of a child process (and whether it succeeded).
func runTimed(_ exe: String, _ args: [String], cwd: String? = nil) -> (ms: Double, ok: Bool, stdout: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    let t0 = DispatchTime.now().uptimeNanoseconds
    do { try p.run() } catch { return (0, false, "") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, p.terminationStatus == 0, String(decoding: data, as: UTF8.self))
}

/// Wall time of a child started with posix_spawn, as a shell starts it. (Foundation's Process
/// adds tens of milliseconds of its own on Linux, which would swamp a 30 ms rebuild.)
/// Also the child's own peak memory (wait4), so one run's figure is not another's.
func spawnTimed(_ exe: String, _ args: [String], environment: [String: String] = [:]) -> (ms: Double, ok: Bool, maxRSSMiB: Double) {
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for e in envp { free(e) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let t0 = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, exe, &actions, nil, argv, envp) == 0 else { return (0, false, 0) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, status == 0, Double(usage.ru_maxrss) / 1024)
}

/// Where a child's memory is at its peak: `/proc/PID/smaps` read every ~2 ms while it runs, and
/// the sample with the most resident memory summed by kind of mapping (MiB). Linux only; nil
/// when the child could not be started or no sample was read. (ru_maxrss says how much, not what.)
func memoryBreakdown(_ exe: String, _ args: [String]) -> [(kind: String, mib: Double)]? {
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    guard posix_spawn(&pid, exe, &actions, nil, argv, environ) == 0 else { return nil }
    let binary = URL(fileURLWithPath: exe).resolvingSymlinksInPath().path
    func kind(_ name: String) -> String {
        if name == binary { return "binary" }
        if [".otf", ".ttc", ".ttf"].contains(where: { name.hasSuffix($0) }) { return "font files" }
        if name.hasPrefix("/") && name.contains(".so") { return "shared libraries" }
        if name.isEmpty || name == "[heap]" { return "heap and anonymous" }
        return "other (stacks, vdso, files)"
    }
    func sample() -> [String: Int]? {
        let fd = open("/proc/\(pid)/smaps", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        var out: [String: Int] = [:], current = ""
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("Rss:") {
                out[current, default: 0] += Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
            } else if let first = line.split(separator: " ").first, first.contains("-"), !first.hasSuffix(":") {
                let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
                current = kind(fields.count > 5 ? fields[5].trimmingCharacters(in: .whitespaces) : "")
            }
        }
        return out
    }
    var best: [String: Int] = [:]
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if let s = sample(), s.values.reduce(0, +) > best.values.reduce(0, +) { best = s }
        usleep(2000)
    }
    guard !best.isEmpty else { return nil }
    return best.sorted { $0.value > $1.value }.map { ($0.key, Double($0.value) / 1024) }
}

// The whole default build as a user runs it: the release binary, cold, into an empty folder,
// then again with nothing changed. The font copies are made once per machine, before: that
// one-time cost is measured on its own, into a fresh cache folder.
var coldMs: Double?, rebuildMs: Double?, oursMaxRSS: Double?
var memoryAtPeak: [(kind: String, mib: Double)]?
var fontCopies: (ms: Double, maxRSSMiB: Double)?
if opt.only == nil, FileManager.default.isExecutableFile(atPath: opt.binary) {
    let fresh = spawnTimed(opt.binary, ["fonts"], environment: ["REPORTGEN_FONT_CACHE": tmp + "/font-copies"])
    if fresh.ok { fontCopies = (fresh.ms, fresh.maxRSSMiB) }
    _ = spawnTimed(opt.binary, ["fonts"])  // the user's cache, as every later run finds it
    var cold: [Double] = [], warm: [Double] = [], peak = 0.0
    for i in 0..<5 {
        let dir = "\(tmp)/cold-\(i)"
        let r = spawnTimed(opt.binary, ["build", "--seeds", opt.seeds, "--out", dir, "--force", "--quiet"])
        if r.ok { cold.append(r.ms); peak = max(peak, r.maxRSSMiB) }
        let w = spawnTimed(opt.binary, ["build", "--seeds", opt.seeds, "--out", dir, "--quiet"])
        if w.ok { warm.append(w.ms); peak = max(peak, w.maxRSSMiB) }
    }
    oursMaxRSS = peak > 0 ? peak : nil
    memoryAtPeak = memoryBreakdown(opt.binary, ["build", "--seeds", opt.seeds, "--out", "\(tmp)/cold-memory", "--force", "--quiet"])
    coldMs = cold.isEmpty ? nil : median(cold)
    rebuildMs = warm.isEmpty ? nil : median(warm)
}

// A batch: the default report once per county (one spec with `parameters:`), as an office that
// regenerates a briefing for every county builds it; timed cold as one process, with its peak
// memory. 50 reports for the rate, 200 for the memory ceiling.
var batches: [(reports: Int, ms: Double, maxRSSMiB: Double)] = []
if opt.only == nil, FileManager.default.isExecutableFile(atPath: opt.binary),
   let base = try? String(contentsOfFile: opt.seeds + "/briefing.yaml", encoding: .utf8) {
    let dir = tmp + "/batch-seeds"
    try? FileManager.default.copyItem(atPath: opt.seeds, toPath: dir)
    for n in [50, 200] {
        let spec = "\(dir)/batch-\(n).yaml"
        let sets = (1...n).map { "  - {county: c\(String(format: "%03d", $0))}" }.joined(separator: "\n")
        try? (base + "\nparameters:\n" + sets + "\n").write(toFile: spec, atomically: true, encoding: .utf8)
        let r = spawnTimed(opt.binary, ["build", spec, "--out", "\(tmp)/batch-\(n)", "--quiet"])
        if r.ok { batches.append((n, r.ms, r.maxRSSMiB)) }
        try? FileManager.default.removeItem(atPath: "\(tmp)/batch-\(n)")
    }
}

// Our three seed charts that match the peer's bar, line and donut (same 1600x1000 px / 576x360 pt).
let chartFiles = try ChartJob.chartFiles(in: opt.seeds + "/charts")
let mapping = ["bar": "aksu-2015-funding", "line": "aksu-2015-ecommerce", "pie": "aksu-2015-shares"]
var ours: [String: Double] = [:]
let measurer = PangoMeasurer()
for (peerName, file) in mapping.sorted(by: { $0.key < $1.key }) {
    guard let cf = chartFiles.first(where: { $0.name == file }) else { continue }
    let spec = try cf.standaloneData().spec(cf)
    for fmt in ["png", "pdf", "svg"] where opt.only == nil || opt.only == "\(peerName).\(fmt)" {
        // One render = layout + draw + encode + write the file, as the peer's savefig does.
        ours["\(peerName).\(fmt)"] = try time(opt.runs) {
            let laid = try Chart.layout(spec, measurer: measurer)
            try Renderer.write([laid.frame], to: "\(tmp)/\(file).\(fmt)", raster: RasterOptions(dpi: laid.dpi),
                               metadata: PDFMetadata(date: Date(timeIntervalSince1970: 0)))
        }
    }
}
if let only = opt.only {
    guard let ms = ours[only] else {
        FileHandle.standardError.write(Data("--only: no chart render named \(only) (bar|line|pie).(png|pdf|svg)\n".utf8))
        exit(2)
    }
    print(String(format: "%@: %.2f ms (median of %d)", only, ms, opt.runs))
    exit(0)
}

// The seed articles and their facts, for the timeline, the briefing and the extraction figures.
let articles = ((try? FileManager.default.contentsOfDirectory(atPath: opt.seeds)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    .map { (opt.seeds as NSString).appendingPathComponent($0) }
let seedFacts = FactMerger.merge(try articles.map { try Extractor().extract(file: $0) }).facts

// The e-commerce timeline against the peer's timeline chart (same 1600x1000 px / 576x360 pt).
if let tf = try TimelineJob.files(in: opt.seeds + "/timelines").first(where: { $0.name == "aksu-2015-ecommerce-timeline" }) {
    let spec = try tf.resolved(facts: seedFacts).0
    for fmt in ["png", "pdf", "svg"] {
        ours["timeline.\(fmt)"] = try time(opt.runs) {
            let laid = try Timeline.layout(spec, measurer: measurer)
            try Renderer.write([laid.frame], to: "\(tmp)/timeline.\(fmt)", raster: RasterOptions(dpi: laid.dpi),
                               metadata: PDFMetadata(date: Date(timeIntervalSince1970: 0)))
        }
    }
}

// Whole default build (all charts, all formats, data CSVs, manifest) in-process, cold and unchanged.
let buildMs = try time(max(3, opt.runs / 4)) { _ = try DefaultBuild.run(seeds: opt.seeds, out: tmp + "/out", force: true) }
var buildFiles = 0
let noChangeMs = try time(opt.runs) { buildFiles = try DefaultBuild.run(seeds: opt.seeds, out: tmp + "/out").manifest.files.count }

// The compiled briefing: spec + charts + timelines + page layout + PDF, from already extracted facts.
let briefingFile = try BriefingFile.load(opt.seeds + "/briefing.yaml")
let library = try BriefingJob.Library(charts: chartFiles, timelines: try TimelineJob.files(in: opt.seeds + "/timelines"), facts: seedFacts)
var briefingPages = 0
let briefingMs = try time(opt.runs) {
    let doc = try BriefingJob.compile(briefingFile, library: library, date: Date(timeIntervalSince1970: 0))
    let o = try BriefingJob.render(doc, name: "briefing", formats: ["pdf"], measurer: measurer, date: Date(timeIntervalSince1970: 0))
    briefingPages = o.pageCount
    for f in o.files { try AtomicFile.write(f.bytes, to: "\(tmp)/\(f.name)") }
}
let briefingAllMs = try time(max(3, opt.runs / 4)) {
    let doc = try BriefingJob.compile(briefingFile, library: library, date: Date(timeIntervalSince1970: 0))
    let o = try BriefingJob.render(doc, name: "briefing", formats: ["pdf", "html", "md", "pptx"], measurer: measurer, date: Date(timeIntervalSince1970: 0))
    for f in o.files { try AtomicFile.write(f.bytes, to: "\(tmp)/\(f.name)") }
}

// Line chart cost against the number of points (PNG, decimated).
var scaling: [(Int, Double)] = []
for n in [1_000, 10_000, 100_000, 1_000_000] {
    // A random walk, as the peer's mpl_scale.py draws.
    var state: UInt64 = 7, walk = 0.0
    let values: [Double?] = (0..<n).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        walk += Double(state >> 33) / Double(1 << 31) - 0.5
        return walk
    }
    let spec = ChartSpec(kind: .line, title: "\(n) points", categories: (0..<n).map(String.init),
                         series: [Series(name: "s", values: values)], valueKind: .number, valueLabels: false, markers: false)
    scaling.append((n, try time(n >= 1_000_000 ? 3 : 5) {
        let laid = try Chart.layout(spec, measurer: measurer)
        _ = try Renderer.png(laid.frame, options: RasterOptions(dpi: laid.dpi))
    }))
}

/// Runs a peer script and returns its standard output lines (empty when it failed).
func runPeer(_ py: String, _ args: [String]) throws -> [Substring] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: py)
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.standardError
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self).split(separator: "\n") : []
}

// Extraction: the seed articles (read, decode, extract), then 10 MB of article text.
let extractor = Extractor()
let seedsMs = try time(opt.runs) { for a in articles { _ = try extractor.extract(file: a) } }
var big = ""
let seedText = articles.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
while big.utf8.count < 10_000_000 && !seedText.isEmpty { big += seedText + "\n" }
let bigMs = time(1) { _ = extractor.extract(text: big, path: "10MB.txt") }

// The peer, in the same run.
var peer: [String: Double] = [:]
var peerScale: [Int: Double] = [:]
var peerNote = "peer not run (pass --peer-python)"
var peerReportMs: Double?
var peerTotalMs: Double?, peerMaxRSS: Double?
var rawCairo: [String: Double] = [:]
if let py = opt.peerPython {
    let work = tmp + "/peers"
    try? FileManager.default.copyItem(atPath: opt.peers, toPath: work)  // the peers write into their own out/
    for line in try runPeer(py, [work + "/mpl_charts.py", "--bench", String(opt.runs)]) {
        let f = line.split(separator: " ", omittingEmptySubsequences: true)
        if f.count >= 5, f[4] == "ms", let ms = Double(f[3]) { peer["\(f[1]).\(f[2])"] = ms }
    }
    for line in try runPeer(py, [work + "/mpl_scale.py", "--reps", "3"]) {
        // "matplotlib Agg (default) line N=   1000: median 0.123 s (...)"
        guard let nPart = line.split(separator: "N=").last, let colon = nPart.firstIndex(of: ":"),
              let n = Int(nPart[..<colon].trimmingCharacters(in: .whitespaces)),
              let medPart = line.split(separator: "median ").last?.split(separator: " ").first, let sec = Double(medPart) else { continue }
        peerScale[n] = sec * 1000
    }
    // matplotlib's whole job, cold: the 12 chart files plus the 6-page report, with peak memory.
    // atexit, because the peer ends with sys.exit(0).
    let rssProbe = "import atexit, resource, runpy, sys; sys.argv = [sys.argv[1]]; "
        + "atexit.register(lambda: print('maxrss_kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)); "
        + "runpy.run_path(sys.argv[0], run_name='__main__')"
    var totals: [Double] = []
    for _ in 0..<3 {
        let a = runTimed(py, [work + "/mpl_charts.py"], cwd: work), b = runTimed(py, [work + "/mpl_report.py"], cwd: work)
        if a.ok && b.ok { totals.append(a.ms + b.ms) }
    }
    peerTotalMs = totals.isEmpty ? nil : median(totals)
    let probe = runTimed(py, ["-c", rssProbe, work + "/mpl_charts.py"], cwd: work)
    if let line = probe.stdout.split(separator: "\n").last(where: { $0.hasPrefix("maxrss_kib") }), let kib = Double(line.split(separator: " ").last ?? "") {
        peerMaxRSS = kib / 1024
    }
    // Raw pycairo: the floor a Cairo-based tool can reach for the bar chart.
    for line in try runPeer(py, [work + "/cairo_raw.py", "--bench", String(opt.runs)]) {
        // "cairo toy   bar png:     40.5 ms (min …"
        let f = line.split(separator: " ", omittingEmptySubsequences: true)
        if f.count >= 5, f[0] == "cairo", f[2] == "bar", f[3].hasSuffix(":"), let ms = Double(f[4]) { rawCairo[String(f[3].dropLast())] = ms }
    }
    // mpl_report.py is a whole program (interpreter, imports, six pages); time it as one, cold each run.
    var reportRuns: [Double] = []
    for _ in 0..<5 {
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try runPeer(py, [work + "/mpl_report.py"])
        reportRuns.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    peerReportMs = median(reportRuns)
    peerNote = peer.isEmpty ? "peer failed (see stderr)" : "matplotlib (Agg), mpl_charts.py --bench \(opt.runs) and mpl_scale.py --reps 3"
}

var lines: [String] = []
lines.append("| chart | format | reportgen ms | matplotlib ms | speed-up |")
lines.append("|---|---|---:|---:|---:|")
for name in ["bar", "line", "pie", "timeline"] {
    for fmt in ["png", "pdf", "svg"] {
        let k = "\(name).\(fmt)"
        let o = ours[k], m = peer[k]
        let ratio = o.flatMap { o in m.map { String(format: "%.1fx", $0 / o) } } ?? "—"
        lines.append("| \(name) | \(fmt) | \(o.map { String(format: "%.1f", $0) } ?? "— (not built yet)") | \(m.map { String(format: "%.1f", $0) } ?? "—") | \(ratio) |")
    }
}
var summary = "| whole job | reportgen | peer | ratio | target |\n|---|---:|---:|---:|---|\n"
if let c = coldMs {
    summary += "| cold default build, release binary, empty folder (\(buildFiles) files incl. \(briefingPages)-page briefing) vs mpl_charts.py (12 files) + mpl_report.py | \(String(format: "%.0f ms", c)) | \(peerTotalMs.map { String(format: "%.0f ms", $0) } ?? "—") | \(peerTotalMs.map { String(format: "%.1fx", $0 / c) } ?? "—") | ≥ 10x |\n"
}
if let f = fontCopies {
    summary += "| first run on a machine only: making the font copies (reportgen fonts, empty cache folder) | \(String(format: "%.0f ms, %.0f MiB peak", f.ms, f.maxRSSMiB)) | — | — | once |\n"
}
for b in batches {
    let per = b.ms / Double(b.reports)
    summary += "| batch of \(b.reports) full reports in one process (one spec, parameters:): \(String(format: "%.0f reports/min, %.0f ms per report, %.0f MiB peak", 60_000 / per, per, b.maxRSSMiB)) | \(String(format: "%.0f ms", per)) per report | \(peerTotalMs.map { String(format: "%.0f ms per report", $0) } ?? "—") | \(peerTotalMs.map { String(format: "%.1fx", $0 / per) } ?? "—") | \(b.reports >= 200 ? "≤ 100 MiB" : "≥ 10x") |\n"
}
if let r = rebuildMs { summary += "| rebuild with nothing changed, release binary (process start included) | \(String(format: "%.0f ms", r)) | — | — | ≤ 50 ms |\n" }
summary += "| rebuild with nothing changed, in-process | \(String(format: "%.1f ms", noChangeMs)) | — | — | ≤ 50 ms |\n"
if let m = oursMaxRSS { summary += "| peak memory (max RSS) of the default build | \(String(format: "%.0f MiB", m)) | \(peerMaxRSS.map { String(format: "%.0f MiB (mpl_charts.py)", $0) } ?? "—") | \(peerMaxRSS.map { String(format: "%.1fx less", $0 / m) } ?? "—") | ≤ 60 MiB |\n" }
if let parts = memoryAtPeak {
    let total = parts.reduce(0) { $0 + $1.mib }
    summary += "| where it is at the peak (one more cold build, /proc/PID/smaps sampled every 2 ms, largest sample \(String(format: "%.0f MiB", total))) | "
        + parts.map { "\($0.kind) \(String(format: "%.1f", $0.mib))" }.joined(separator: ", ") + " MiB | — | — | — |\n"
}
for fmt in ["png", "pdf", "svg"] {
    let target = ["png": "under raw cairo", "pdf": "≤ 8 ms", "svg": "≤ 3 ms"][fmt] ?? ""
    summary += "| bar chart \(fmt), in-process vs raw pycairo (toy text) | \(ours["bar.\(fmt)"].map { String(format: "%.1f ms", $0) } ?? "—") | \(rawCairo[fmt].map { String(format: "%.1f ms", $0) } ?? "—") | \(ours["bar.\(fmt)"].flatMap { o in rawCairo[fmt].map { String(format: "%.2fx", $0 / o) } } ?? "—") | \(target) |\n"
}
var out = "reportgen \(reportgenVersion) chart benchmark, median of \(opt.runs) runs, 1600x1000 px PNG / 576x360 pt PDF and SVG\n"
out += "peer: \(peerNote)\n\n" + summary + "\n" + lines.joined(separator: "\n") + "\n\n"
out += String(format: "whole default build in-process, --force (%d files): %.1f ms; nothing changed: %.1f ms\n\n", buildFiles, buildMs, noChangeMs)
out += String(format: "compiled briefing (%d A4 pages, 6 vector figures, 2 tables) to PDF in-process: %.1f ms (target ≤ 100 ms); all four formats (PDF, HTML, Markdown + PNGs, PPTX): %.1f ms\n",
              briefingPages, briefingMs, briefingAllMs)
out += peerReportMs.map { String(format: "matplotlib PdfPages report (mpl_report.py, 6 pages, cold process incl. interpreter start): %.0f ms — %.1fx\n\n", $0, $0 / briefingMs) } ?? "\n"
out += String(format: "extraction: %d seed articles %.1f ms (target ≤ 20 ms); %.1f MB of text %.0f ms (target ≤ 2000 ms)\n\n",
              articles.count, seedsMs, Double(big.utf8.count) / 1e6, bigMs)
out += "| line chart points (random walk) | reportgen PNG ms | matplotlib PNG ms | speed-up |\n|---:|---:|---:|---:|\n"
out += scaling.map { n, ms in
    let m = peerScale[n]
    return "| \(n) | \(String(format: "%.1f", ms)) | \(m.map { String(format: "%.1f", $0) } ?? "—") | \(m.map { String(format: "%.1fx", $0 / ms) } ?? "—") |"
}.joined(separator: "\n") + "\n"
print(out)
if let md = opt.markdown {
    var host = [UInt8](repeating: 0, count: 256)
    gethostname(&host, 255)
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
        .first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    let doc = "# Benchmarks\n\nMeasured by `make bench` on \(Timestamp.iso8601(Date())), "
        + "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu). Machines are noisy: compare ratios from one run.\n\n"
        + "Command: `swift run -c release reportgen-bench --runs \(opt.runs) --peer-python .venv-peers/bin/python --markdown BENCHMARKS.md`\n\n```\n" + out + "```\n"
    try doc.write(toFile: md, atomically: true, encoding: .utf8)
}
