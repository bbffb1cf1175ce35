import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// A user's CSV rows that cite `file,start,end` are checked against the article: the span must
/// give the row's number (after 万/亿, within the rounding the text uses).
@Suite struct CitationCheckTests {
    /// Our own article: three amounts in three sentences.
    static let article = """
    时间：2024-05-06 10:00
    某县对口帮扶工作简讯
    2023年，帮扶工作队安排帮扶资金2.8亿元，实施项目12个。
    其中，职业学校扩建投入3500万元；冷链物流中心建设投入1.25亿元。
    """

    func span(of needle: String, in text: String) -> Range<Int> {
        let s = Array(text.unicodeScalars), n = Array(needle.unicodeScalars)
        for i in 0...(s.count - n.count) where Array(s[i..<(i + n.count)]) == n { return i..<(i + n.count) }
        return 0..<0
    }

    /// A report folder with the article, a chart over `csv` and a briefing citing it.
    func report(_ csv: String) throws -> String {
        let dir = Tools.temporaryFolder("citations")
        try FileManager.default.createDirectory(atPath: dir + "/charts", withIntermediateDirectories: true)
        try Self.article.write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try csv.write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        try "name: c\ndata: ../d.csv\nkind: bar\nvalueKind: money\n".write(toFile: dir + "/charts/c.yaml", atomically: true, encoding: .utf8)
        try """
        title: 简报
        values:
          total: {chart: c, sum: true}
        sections:
          - heading: 资金
            content:
              - text: 合计{{total}}。
              - figure: c
        formats: [md]
        """.write(toFile: dir + "/report.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    func row(_ label: String, _ value: String, _ needle: String, sentence: String = "") -> String {
        let r = span(of: needle, in: Self.article)
        return "\(label),\(value),a.txt,\(r.lowerBound),\(r.upperBound),\(sentence)\n"
    }

    @Test func rightNumbersAtTheirSpansPassAndAMissingSentenceIsFilledIn() throws {
        let csv = "项目,资金（元）,file,start,end,sentence\n" + row("职业学校", "35000000", "3500万元") + row("冷链物流", "125000000", "1.25亿元")
            + row("合计（报道取整）", "281000000", "2.8亿元")  // 2.8亿 stands for 2.75亿–2.85亿
        let dir = try report(csv)
        let data = try ChartData.csv(dir + "/d.csv", articles: [dir + "/a.txt"])
        #expect(data.warnings.isEmpty, "\(data.warnings)")
        let refs = data.allSources
        #expect(refs.count == 3 && refs.allSatisfy { !$0.sentence.isEmpty && !$0.text.isEmpty })
        #expect(refs[0].sentence == "其中，职业学校扩建投入3500万元；冷链物流中心建设投入1.25亿元。", "\(refs[0].sentence)")
        // The briefing's sources quote the sentence, never an empty quote; the sidecar carries it.
        let inputs = try ReportBuild.inputs(spec: dir + "/report.yaml")
        let summary = try ReportBuild.run(inputs, options: BuildOptions(out: dir + "/out"))
        #expect(!summary.warnings.contains { $0.contains("d.csv") }, "\(summary.warnings)")
        let md = try String(contentsOfFile: dir + "/out/briefing.md", encoding: .utf8)
        #expect(md.contains("职业学校扩建投入3500万元") && !md.contains("“”"), "\(md)")
        let sidecar = try String(contentsOfFile: dir + "/out/c.csv", encoding: .utf8)
        #expect(sidecar.contains("冷链物流中心建设投入1.25亿元"))
    }

    @Test func aWrongNumberOrAWrongSpanIsAWarningNamingTheLineAndStrictFails() throws {
        let csv = "项目,资金（元）,file,start,end,sentence\n" + row("职业学校", "3500000", "3500万元")  // a zero short
            + row("冷链物流", "125000000", "12个")  // the span of another number
            + row("项目数", "300000000", "2.8亿元")  // beyond the rounding of 2.8亿
        let dir = try report(csv)
        let data = try ChartData.csv(dir + "/d.csv", articles: [dir + "/a.txt"])
        #expect(data.warnings.count == 3, "\(data.warnings)")
        let w = data.warnings.joined(separator: "\n")
        #expect(w.contains("d.csv:2") && w.contains("3500000") && w.contains("“3500万元”"), "\(w)")
        #expect(w.contains("d.csv:3") && w.contains("“12个”") && w.contains("“1.25亿” is at \(span(of: "1.25亿元", in: Self.article).lowerBound)"), "\(w)")
        #expect(w.contains("d.csv:4") && w.contains("“2.8亿元”"), "\(w)")
        let inputs = try ReportBuild.inputs(spec: dir + "/report.yaml")
        let summary = try ReportBuild.run(inputs, options: BuildOptions(out: dir + "/out"))
        #expect(summary.warnings.filter { $0.contains("d.csv:") }.count == 3)
        var strict = BuildOptions(out: dir + "/out-strict")
        strict.strict = true
        #expect { try ReportBuild.run(inputs, options: strict) } throws: { e in "\(e)".contains("--strict") && "\(e)".contains("d.csv:2") }
        #expect(!FileManager.default.fileExists(atPath: dir + "/out-strict/manifest.json"), "nothing written")
    }

    @Test func aSpanOutsideTheTextOrAnUnknownFileIsAWarning() throws {
        let csv = "项目,资金（元）,file,start,end\n甲,35000000,a.txt,5000,5006\n乙,1,nowhere.txt,1,2\n"
        let dir = try report(csv)
        let data = try ChartData.csv(dir + "/d.csv", articles: [dir + "/a.txt"])
        #expect(data.warnings.count == 2 && data.warnings[0].contains("outside") && data.warnings[1].contains("nowhere.txt"), "\(data.warnings)")
    }

    @Test(arguments: [("8000万元", 8e7, 0.5e4), ("2.8027亿元", 2.8027e8, 0.00005e8), ("超2500万元", 2.5e7, 0.5e4), ("三千万元", 3e7, 0.5e4),
                      ("12,680笔", 12680, 0.5), ("13.96万人次", 139600, 50), ("二十一个", 21, 0.5), ("5千万元", 5e7, 5e6)])
    func numbersReadAsChineseTextsWriteThem(_ text: String, _ value: Double, _ tolerance: Double) {
        let r = NumberReading.scan(Array(text.unicodeScalars))
        #expect(r.count == 1 && abs((r.first?.value ?? 0) - value) < 1e-6 * value && abs((r.first?.tolerance ?? 0) - tolerance) < 1e-9 * value,
                "\(text): \(r.map { ($0.value, $0.tolerance) })")
    }
}
