import ArgumentParser
import Canvas
import Charts
import Foundation
import Pipeline

/// The options and the writing that `chart` and `timeline` share: output files named by
/// extension (`-o x.png -o x.pdf`) and a size preset.
struct FigureOutputs: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output file (.png, .pdf or .svg); repeat for several formats.")
    var output: [String] = []

    @Option(help: "figure, a4, slide, slide2x, square or WxH[@DPI] (points).")
    var size: String?

    func validate() throws {
        if output.isEmpty { throw ValidationError("give at least one output file with -o, e.g. -o out/figure.png") }
        for o in output where (try? OutputFormat(path: o)) == nil {
            throw ValidationError("\(o): the extension must be .png, .pdf or .svg")
        }
        if let size, (try? SizePreset(parsing: size)) == nil {
            throw ValidationError("--size \(size): use figure, a4, slide, slide2x, square or WxH[@DPI]")
        }
    }

    var sizePreset: SizePreset? { size.flatMap { try? SizePreset(parsing: $0) } }

    /// Writes `frame` to every output, reporting the layout's and the renderers' warnings.
    func write(_ frame: Frame, dpi: Double, title: String?, layoutWarnings: [String]) throws {
        for w in layoutWarnings { warn(w) }
        for o in output {
            let r = try Renderer.write([frame], to: o, raster: RasterOptions(dpi: dpi),
                                       metadata: PDFMetadata(title: title, creator: "reportgen \(reportgenVersion)", date: sourceDateEpoch()))
            for w in r.warnings { warn("\(w)") }
        }
    }

    private func warn(_ w: String) { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }

    /// Runs a figure command's body; any error is printed and exits 1.
    static func run(_ body: () throws -> Void) throws {
        do { try body() } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw Exit.buildFailed
        }
    }
}
