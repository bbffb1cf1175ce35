import ArgumentParser
import Canvas
import Charts
import Foundation
import Pipeline

/// `reportgen chart DATA.csv|CHART.yaml -o out/x.png -o out/x.pdf`: one chart, formats from the
/// file extensions. Options given here override the chart file's.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Render one chart from a CSV (first column categories, then series) or a chart file (.yaml).")

    @Argument(help: "A CSV data file or a YAML chart file.")
    var input: String

    @Option(name: .shortAndLong, help: "Output file (.png, .pdf or .svg); repeat for several formats.")
    var output: [String] = []

    @Option(help: "bar, line, area, donut or pie.")
    var kind: ChartKind?

    @Option(help: "Chart title.")
    var title: String?

    @Option(help: "Source line shown under the chart.")
    var source: String?

    @Option(help: "money (元, shown in 万元/亿元), number or percent.")
    var valueKind: ValueKind?

    @Option(help: "Unit of plain numbers (人, 人次, 平方米 …).")
    var unit: String?

    @Flag(help: "Horizontal bars.")
    var horizontal = false

    @Flag(help: "Stack series instead of grouping them.")
    var stacked = false

    @Option(help: "figure, a4, slide, slide2x, square or WxH[@DPI] (points).")
    var size: String?

    @Option(help: "default, print or colorblind.")
    var theme: ThemeName?

    @Flag(help: "Transparent background.")
    var transparent = false

    func validate() throws {
        if output.isEmpty { throw ValidationError("give at least one output file with -o, e.g. -o out/chart.png") }
        for o in output where (try? OutputFormat(path: o)) == nil {
            throw ValidationError("\(o): the extension must be .png, .pdf or .svg")
        }
        if let size, (try? SizePreset(parsing: size)) == nil {
            throw ValidationError("--size \(size): use figure, a4, slide, slide2x, square or WxH[@DPI]")
        }
    }

    func run() throws {
        do { try render() } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw Exit.buildFailed
        }
    }

    private func render() throws {
            var file: ChartFile
            if input.hasSuffix(".yaml") || input.hasSuffix(".yml") {
                file = try ChartFile.load(input)
            } else {
                let stem = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
                file = ChartFile(path: input, name: stem, dataPath: input, formats: [],
                                 spec: ChartSpec(kind: kind ?? .bar, categories: [], series: []))
            }
            if let kind { file.spec.kind = kind }
            if let title { file.spec.title = title }
            if let source { file.spec.source = source }
            if let valueKind { file.spec.valueKind = valueKind }
            if let unit { file.spec.unit = unit }
            if horizontal { file.spec.orientation = .horizontal }
            if stacked { file.spec.stacked = true }
            if let size { file.spec.size = try SizePreset(parsing: size) }
            if let theme { file.spec.theme = theme }
            if transparent { file.spec.transparent = true }
            let spec = try file.resolvedSpec(try DataTable.load(file.dataPath))
            let laid = try Chart.layout(spec, measurer: PangoMeasurer())
            for w in laid.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
            for o in output {
                let r = try Renderer.write([laid.frame], to: o, raster: RasterOptions(dpi: laid.dpi),
                                           metadata: PDFMetadata(title: spec.title, creator: "reportgen \(reportgenVersion)",
                                                                 date: sourceDateEpoch()))
                for w in r.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
            }
    }
}

extension ChartKind: ExpressibleByArgument {}
extension ValueKind: ExpressibleByArgument {}
extension ThemeName: ExpressibleByArgument {}
