import Canvas
import Charts
import Document
import Foundation

/// Renders chart files into the output folder: each chart in its formats plus a CSV of the data
/// behind it (with provenance columns), all listed in the manifest as `kind: chart` / `data`.
public enum ChartJob {
    public struct Output: Sendable {
        public var name: String
        public var files: [(name: String, bytes: [UInt8])]
        public var inputs: [String]
        public var warnings: [String]
    }

    /// Lays out and encodes one chart from its data (read once per build, see `ChartData`).
    /// Pure; safe in parallel.
    public static func render(_ file: ChartFile, data: ChartData, measurer: TextMeasurer) throws(BuildError) -> Output {
        let spec = data.spec(file)
        let laid: ChartFrame
        do { laid = try Chart.layout(spec, measurer: measurer) } catch { throw .chart(path: "\(file.path)\(file.facts == nil ? " (data: \(file.dataPath))" : "")", error) }
        var frame = laid.frame
        frame.alternative = TextAlternative(title: spec.title, description: file.alt ?? FigureDescription.chart(spec))
        var (files, warnings) = try FigureFiles.encode(frame, dpi: laid.dpi, name: file.name, formats: file.formats,
                                                       title: spec.title, subject: spec.subtitle)
        warnings = data.warnings + laid.warnings.map { "\(file.name): \($0)" } + warnings
        files.append(("\(file.name).csv", data.sidecar(seriesNames: spec.series.map(\.name))))
        var inputs = [file.path]
        if file.facts == nil { inputs.append(file.dataPath) }
        inputs += data.articles
        return Output(name: file.name, files: files, inputs: inputs, warnings: warnings)
    }

    /// One chart from a CSV chart file, outside a build (no articles to check citations against
    /// beyond the files the CSV names).
    public static func render(_ file: ChartFile, measurer: TextMeasurer) throws(BuildError) -> Output {
        try render(file, data: try file.data(facts: nil, articles: []), measurer: measurer)
    }

    /// The chart files of a folder (`*.yaml`, `*.yml`), sorted by name.
    public static func chartFiles(in dir: String) throws(BuildError) -> [ChartFile] {
        var out: [ChartFile] = []
        for path in OutputName.yamlFiles(in: dir) { out.append(try ChartFile.load(path)) }
        var seen: [String: String] = [:]
        for f in out {
            if let other = seen[f.name] {
                throw .data(path: f.path, line: nil, field: "name", message: "\"\(f.name)\" is also the name of \(other); output files would collide")
            }
            seen[f.name] = f.path
        }
        return out
    }

}

/// Slots filled by concurrent workers, one each; read after they are done.
public final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [Result<T, BuildError>?]
    private let lock = NSLock()
    public init(count: Int) { slots = Array(repeating: nil, count: count) }
    public func set(_ i: Int, _ r: Result<T, BuildError>) { lock.lock(); slots[i] = r; lock.unlock() }
    public var values: [Result<T, BuildError>?] { lock.lock(); defer { lock.unlock() }; return slots }
}
