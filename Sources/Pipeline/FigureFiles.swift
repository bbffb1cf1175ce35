import Canvas
import Foundation

/// The files of one drawn figure — a chart or a timeline — in the formats its file asks for.
enum FigureFiles {
    /// Encodes `frame` as `name.png` / `name.svg` / `name.pdf`. PDFs carry the title and subject,
    /// and a date from `SOURCE_DATE_EPOCH` (the epoch when unset, so figures stay reproducible).
    static func encode(_ frame: Frame, dpi: Double, name: String, formats: [String], title: String?,
                       subject: String?) throws(BuildError) -> (files: [(String, [UInt8])], warnings: [String]) {
        var files: [(String, [UInt8])] = []
        var warnings: [String] = []
        do {
            for f in formats {
                let r: Rendered
                switch f {
                case "png": r = try Renderer.png(frame, options: RasterOptions(dpi: dpi))
                case "svg": r = try Renderer.svg(frame)
                default: r = try Renderer.pdf([frame], metadata: PDFMetadata(
                    title: title ?? name, subject: subject, creator: "reportgen \(reportgenVersion)",
                    date: sourceDateEpoch() ?? Date(timeIntervalSince1970: 0)))
                }
                files.append(("\(name).\(f)", r.bytes))
                warnings += r.warnings.map { "\(name).\(f): \($0.message)" }
            }
        } catch {
            throw .output(error)
        }
        return (files, warnings)
    }

    /// About how long drawing a figure in `formats` takes on one core, in milliseconds (the
    /// default build's charts: a 1600 x 1000 PNG ~35, a PDF ~12, an SVG ~8, layout and CSV ~5).
    static func cost(_ formats: [String]) -> Double {
        formats.reduce(5) { $0 + (["png": 35, "pdf": 12, "svg": 8][$1] ?? 10) }
    }

    /// One CSV line; cells with a comma, quote or line break are quoted, and cells a spreadsheet
    /// would run as a formula are neutralised (`SpreadsheetCell`).
    static func csvLine(_ cells: [String]) -> String {
        cells.map(SpreadsheetCell.escape).map { s in  // issue 18 hook: no spreadsheet formulas
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }.joined(separator: ",") + "\n"
    }
}
