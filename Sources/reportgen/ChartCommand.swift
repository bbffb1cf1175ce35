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

    @OptionGroup var outputs: FigureOutputs

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

    @Option(help: "default, print or colorblind.")
    var theme: ThemeName?

    @Flag(help: "Transparent background.")
    var transparent = false

    @Option(name: .customLong("article"), help: "An article for a chart drawn from facts (repeat; default: the *.txt beside the chart file and in the folder above).")
    var articles: [String] = []

    func run() throws { try FigureOutputs.run(render) }

    private func render() throws {
        var file: ChartFile
        if input.hasSuffix(".yaml") || input.hasSuffix(".yml") {
            file = try ChartFile.load(input)
        } else {
            file = ChartFile(path: input, name: ReportBuild.stem(input), dataPath: input, formats: [],
                             spec: ChartSpec(kind: kind ?? .bar, categories: [], series: []))
        }
        if let kind { file.spec.kind = kind }
        if let title { file.spec.title = title }
        if let source { file.spec.source = source }
        if let valueKind { file.spec.valueKind = valueKind }
        if let unit { file.spec.unit = unit }
        if horizontal { file.spec.orientation = .horizontal }
        if stacked { file.spec.stacked = true }
        if let size = outputs.sizePreset { file.spec.size = size }
        if let theme { file.spec.theme = theme }
        if transparent { file.spec.transparent = true }
        let spec = try file.standaloneData(articles: articles.isEmpty ? nil : articles).spec(file)
        let laid = try Chart.layout(spec, measurer: PangoMeasurer())
        try outputs.write(laid.frame, dpi: laid.dpi, title: spec.title, layoutWarnings: laid.warnings)
    }
}

extension ChartKind: ExpressibleByArgument {}
extension ValueKind: ExpressibleByArgument {}
extension ThemeName: ExpressibleByArgument {}
