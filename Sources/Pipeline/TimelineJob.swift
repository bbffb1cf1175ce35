import Canvas
import Extraction
import Foundation
import Timeline

/// Renders timeline files into the output folder with a CSV of their events (`kind: timeline`).
public enum TimelineJob {
    public static func files(in dir: String) throws(BuildError) -> [TimelineFile] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        var out: [TimelineFile] = []
        for n in names.sorted() where n.hasSuffix(".yaml") || n.hasSuffix(".yml") {
            out.append(try TimelineFile.load((dir as NSString).appendingPathComponent(n)))
        }
        return out
    }

    public static func render(_ file: TimelineFile, facts: [MergedFact], measurer: TextMeasurer) throws(BuildError) -> ChartJob.Output {
        let (spec, rows) = try file.resolved(facts: facts)
        let laid: TimelineFrame
        do { laid = try Timeline.layout(spec, measurer: measurer) } catch {
            throw .data(path: file.path, line: nil, field: nil, message: error.description)
        }
        var files: [(String, [UInt8])] = []
        var warnings = laid.warnings.map { "\(file.name): \($0)" }
        do {
            for f in file.formats {
                let r: Rendered
                switch f {
                case "png": r = try Renderer.png(laid.frame, options: RasterOptions(dpi: laid.dpi))
                case "svg": r = try Renderer.svg(laid.frame)
                default: r = try Renderer.pdf([laid.frame], metadata: PDFMetadata(
                    title: spec.title ?? file.name, subject: spec.subtitle, creator: "reportgen \(reportgenVersion)",
                    date: sourceDateEpoch() ?? Date(timeIntervalSince1970: 0)))
                }
                files.append(("\(file.name).\(f)", r.bytes))
                warnings += r.warnings.map { "\(file.name).\(f): \($0.message)" }
            }
        } catch {
            throw .output(error)
        }
        var csv = "date,precision,label,lane,label_source,source\n"
        func esc(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        for r in rows { csv += r.map(esc).joined(separator: ",") + "\n" }
        files.append(("\(file.name).csv", Array(csv.utf8)))
        var inputs = [file.path] + (file.dataPath.map { [$0] } ?? [])
        inputs += Set(rows.flatMap { $0[5].split(separator: " ").map { String($0.split(separator: ":").first ?? "") } }).filter { !$0.isEmpty }.sorted()
        return ChartJob.Output(name: file.name, files: files, inputs: inputs, warnings: warnings)
    }
}
