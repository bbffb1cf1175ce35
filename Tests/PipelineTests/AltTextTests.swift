import Canvas
import Foundation
import Pipeline
import Testing
import TestSupport

/// A chart file's `alt:` is the user's text alternative; without it one is written from the data.
@Suite struct AltTextTests {
    func chartFolder(_ extra: String) throws -> String {
        let dir = Tools.temporaryFolder()
        try "项目,资金\n职业技能培训,1250000\n农村公路改造,96000000\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        try "name: roads\ndata: d.csv\nkind: bar\nvalueKind: money\ntitle: 援建资金\nformats: [svg]\n\(extra)"
            .write(toFile: dir + "/c.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func theChartSVGDescribesItsDataUnlessTheUserSaysOtherwise() throws {
        let generated = try ChartJob.render(try ChartFile.load(try chartFolder("") + "/c.yaml"), measurer: PangoMeasurer())
        let svg = String(decoding: try #require(generated.files.first { $0.name == "roads.svg" }).bytes, as: UTF8.self)
        #expect(svg.contains("<title id=\"title\">援建资金</title>"))
        #expect(svg.contains("<desc id=\"desc\">柱状图：职业技能培训125万元，农村公路改造9600万元，共2项，合计9725万元</desc>"), "\(svg.prefix(900))")

        let file = try ChartFile.load(try chartFolder("alt: 农村公路改造占九成以上。\n") + "/c.yaml")
        #expect(file.alt == "农村公路改造占九成以上。")
        let user = try ChartJob.render(file, measurer: PangoMeasurer())
        let svg2 = String(decoding: try #require(user.files.first { $0.name == "roads.svg" }).bytes, as: UTF8.self)
        #expect(svg2.contains("<desc id=\"desc\">农村公路改造占九成以上。</desc>"))
    }

    @Test func anEmptyAltIsAnErrorThatSaysWhatToWrite() throws {
        let dir = try chartFolder("alt: \"\"\n")
        #expect(throws: BuildError.self) { _ = try ChartFile.load(dir + "/c.yaml") }
        do { _ = try ChartFile.load(dir + "/c.yaml") } catch {
            #expect(error.description.contains("c.yaml:7") && error.description.contains("field \"alt\""), "\(error)")
        }
    }
}
