import Canvas
import Charts
import Document
import Extraction
import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// Numbers printed as the source wrote them, with data and sentences of these tests' own:
/// strict CSV numbers, units from headers, approximation words in place, no doubled units,
/// sections that keep every block, the printed date's time zone and SOURCE_DATE_EPOCH.
@Suite struct NumbersAsWrittenTests {
    // MARK: CSV numbers

    @Test func onlyDecimalsWithGroupsOfThreeAreNumbers() throws {
        let t = try DataTable.parse("项目,资金\n甲,\"1,234,567.5\"\n乙,1.5e6\n丙,-3\n丁,\"8,000\"\n", path: "ok.csv")
        #expect(try t.number(row: 0, column: 1) == 1_234_567.5)
        #expect(try t.number(row: 1, column: 1) == 1_500_000)
        #expect(try t.number(row: 2, column: 1) == -3)
        #expect(try t.number(row: 3, column: 1) == 8000)
        for (k, bad) in ["0x10", "\"1,5\"", "\"12,34\"", "\",8000\"", "0x1p3", "1.", "inf", "8000万", "\"1,2345\"", "\"1e5,0\""].enumerated() {
            let table = try DataTable.parse("项目,其他列,资金\n甲,x,\(bad)\n", path: "bad\(k).csv")
            #expect { try table.number(row: 0, column: 2) } throws: { e in
                let m = "\(e)"
                return m.contains("bad\(k).csv:2") && m.contains("column 3") && m.contains("资金")
            }
        }
    }

    // MARK: Units from headers

    @Test func headerUnitsScaleTheNumbersToYuan() throws {
        let t = try DataTable.parse("类别,金额（亿元）,投资(万元),销售额（单位：万元）,人数（万人次）,年份（2015）\n甲,17.56,8700,3500,6.9,1\n", path: "u.csv")
        #expect(try t.number(row: 0, column: 1) == 1_756_000_000, "17.56亿元")
        #expect(try t.number(row: 0, column: 2) == 87_000_000)
        #expect(try t.number(row: 0, column: 3) == 35_000_000)
        #expect(try t.number(row: 0, column: 4) == 69_000)
        #expect(t.unit(column: 4)?.unit == "人次")
        #expect(t.unit(column: 5) == nil)
        #expect(try t.number(row: 0, column: 5) == 1, "a year in brackets is not a unit")
        #expect(t.name(column: 1) == "金额" && t.name(column: 5) == "年份（2015）")
        let line = try DataTable.parse("单位：万元\n项目,资金\n甲,\"2,500\"\n", path: "l.csv")
        #expect(line.header == ["项目", "资金"] && line.lines == [3])
        #expect(try line.number(row: 0, column: 1) == 25_000_000)
    }

    /// The donut from the issue: a CSV in 亿元 whose centre read `17.6元`.
    @Test func aDonutOfAYiYuanCSVShowsItsTotalInYiYuanWithTheSourcePrecision() throws {
        let dir = Tools.temporaryFolder("units")
        try "项目,金额（亿元）\n产业援疆,10.5\n民生工程,4.02\n教育,3.04\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        try "name: shares\ndata: d.csv\nkind: donut\n".write(toFile: dir + "/c.yaml", atomically: true, encoding: .utf8)
        let file = try ChartFile.load(dir + "/c.yaml")
        let spec = try file.resolvedSpec(try DataTable.load(file.dataPath))
        let laid = try Chart.layout(spec, measurer: PangoMeasurer())
        let texts = laid.frame.textBoxes.map(\.item.block.text)
        #expect(texts.contains("17.56亿元"), "\(texts)")
    }

    // MARK: Approximation words and precision in prose

    @Test func approximationWordsStayWhereTheSourcePutThem() {
        func v(_ x: Double, _ kind: ResolvedValue.Kind, _ unit: String, _ approx: String, _ written: String) -> String {
            ResolvedValue(value: x, kind: kind, unit: unit, approx: approx, written: written, sources: []).prose()
        }
        #expect(v(580_000_000, .money, "元", "余", "5.8亿余元") == "5.8亿余元")
        #expect(v(900_000, .money, "元", "多", "90多万元") == "90多万元")
        #expect(v(35_000_000, .money, "元", "余", "3500余万元") == "3500余万元")
        #expect(v(30_000_000, .money, "元", "近", "近3000万元") == "近3000万元")
        #expect(v(50_000_000, .money, "元", "超", "突破5000万元") == "突破5000万元", "the article's own word")
        #expect(v(1740, .count, "批次", "以上", "1740批次以上") == "1740批次以上")
        #expect(v(200_000, .money, "元", "左右", "20万元左右") == "20万元左右")
        // Without the written text each word takes its usual place.
        #expect(ResolvedValue(value: 1740, kind: .count, unit: "批次", approx: "以上", sources: []).prose() == "1740批次以上")
        #expect(ResolvedValue(value: 3e7, kind: .money, unit: "元", approx: "约", sources: []).prose() == "约3000万元")
    }

    @Test func proseKeepsTheSourcePrecisionAndSumsTheirInputs() {
        #expect(ResolvedValue(value: 226_970_000_000, kind: .money, unit: "元", sources: []).prose() == "2269.7亿元")
        #expect(ResolvedValue(value: 4_004_000_000, kind: .money, unit: "元", sources: []).prose() == "40.04亿元")
        let parts = [1_756_000_000.0, 87_000_000, 4_004_000_000]
        let sum = NumberFormatter.sum(parts)
        #expect(sum == 5_847_000_000)
        #expect(ResolvedValue(value: sum ?? 0, kind: .money, unit: "元", quantum: NumberFormatter.sumQuantum(parts), sources: []).prose() == "58.47亿元")
        #expect(NumberFormatter.sum([1e308, 1e308]) == nil, "an overflowing sum is no number")
    }

    // MARK: Templates

    func render(_ text: String, _ values: [String: ResolvedValue]) -> (String, [BuildError]) {
        var notes = NoteBook(), problems: [BuildError] = []
        let p = ProseTemplate.render(text, path: "t.yaml", line: 3, values: values, notes: &notes, problems: &problems)
        return (p.flatMap { $0 }.map(\.text).joined(), problems)
    }

    @Test func templatesNeverDoubleAUnit() {
        let n = ResolvedValue(value: 5, kind: .count, unit: "项", sources: [])
        let m = ResolvedValue(value: 80_000_000, kind: .money, unit: "元", sources: [])
        #expect(render("共有{{n}}类项目", ["n": n]).0 == "共有5类项目")
        #expect(render("共{{n}}项", ["n": n]).0 == "共5项")
        #expect(render("共{{n}}，", ["n": n]).0 == "共5项，")
        #expect(render("投入{{m}}万元", ["m": m]).0 == "投入8000万元")
        #expect(render("投入{{m}}亿元", ["m": m]).0 == "投入0.8亿元")
        #expect(render("投入{{m|万}}元", ["m": m]).0 == "投入8000万元")
        #expect(render("投入{{m}}。", ["m": m]).0 == "投入8000万元。")
    }

    @Test func aCountUnderAMoneyFormatIsAnError() {
        let n = ResolvedValue(value: 8, kind: .count, unit: "项", sources: [])
        let (_, problems) = render("共{{n|万元}}", ["n": n])
        #expect(problems.count == 1 && "\(problems)".contains("t.yaml:3") && "\(problems)".contains("not money"), "\(problems)")
        #expect(render("共{{n|number}}项", ["n": n]).1.isEmpty)
    }

    // MARK: Sections and dates

    @Test func textBesideContentRendersInTheOrderWritten() throws {
        let yaml = """
        title: 简报
        values:
          n: {value: 3, kind: count, unit: 个, note: 核对}
        sections:
          - heading: 概况
            text: 开头一段{{n}}。
            content:
              - bullets: [要点甲]
          - heading: 反过来
            content:
              - text: 先写的内容。
            text: 后写的正文。
        """
        let file = try BriefingFile.parse(yaml, path: "s.yaml")
        let doc = try BriefingJob.compile(file, library: BriefingJob.Library(), date: Date(timeIntervalSince1970: 0))
        var order: [String] = []
        for b in doc.blocks {
            switch b {
            case .paragraph(let p): order.append(p.map(\.text).joined())
            case .bullets(let items): order.append("•" + (items.first?.map(\.text).joined() ?? ""))
            default: break
            }
        }
        #expect(order == ["开头一段3个。", "•要点甲", "先写的内容。", "后写的正文。"], "\(order)")
    }

    @Test func thePrintedDateIsTheReadersDay() throws {
        let t = Date(timeIntervalSince1970: 1_700_000_000)  // 22:13 UTC, 14 Nov 2023
        #expect(BriefingJob.chineseDate(t, timeZone: TimeZone(identifier: "Asia/Shanghai")) == "2023年11月15日")
        #expect(BriefingJob.chineseDate(t, timeZone: TimeZone(identifier: "UTC")) == "2023年11月14日")
        let spec = "title: t\ntimeZone: Asia/Shanghai\nsections:\n  - heading: h\n    text: x\n"
        let doc = try BriefingJob.compile(try BriefingFile.parse(spec, path: "z.yaml"), library: BriefingJob.Library(), date: t)
        #expect(doc.date == "2023年11月15日")
        #expect { try BriefingFile.parse("title: t\ntimeZone: Mars/Olympus\nsections:\n  - heading: h\n", path: "z.yaml") } throws: { e in
            "\(e)".contains("z.yaml:2") && "\(e)".contains("timeZone")
        }
    }

    @Test func sourceDateEpochMustBeANonNegativeInteger() {
        #expect(SourceDateEpoch.problem([:]) == nil)
        #expect(SourceDateEpoch.problem(["SOURCE_DATE_EPOCH": "1700000000"]) == nil)
        #expect(SourceDateEpoch.problem(["SOURCE_DATE_EPOCH": "0"]) == nil)
        for bad in ["garbage", "-5", "1.5", "", "99999999999999", "17e8"] {
            #expect(SourceDateEpoch.problem(["SOURCE_DATE_EPOCH": bad])?.contains("SOURCE_DATE_EPOCH") == true, "\(bad)")
            #expect(sourceDateEpoch(["SOURCE_DATE_EPOCH": bad]) == nil)
        }
    }
}

/// From an article sentence of this test's own to the briefing's text and key figures.
extension NumbersAsWrittenTests {
    @Test func anArticlesApproximationsReachTheBriefingAsWritten() throws {
        let dir = Tools.temporaryFolder("approx")
        let article = dir + "/a.txt"
        try "时间:2021-03-01 10:00\n据统计，该市去年投入援疆资金5.8亿余元，组织销售活动1740批次以上，带动就业90多万人次。\n"
            .write(toFile: article, atomically: true, encoding: .utf8)
        var lib = BriefingJob.Library()
        lib.facts = FactBase(documents: [try Extractor().extract(file: article)])
        let yaml = """
        title: 简报
        values:
          funds: {fact: {doc: a.txt, type: money}}
          batches: {fact: {doc: a.txt, type: count, unit: 批次}}
          jobs: {fact: {doc: a.txt, type: count, unit: 人次}}
        keyFigures:
          - {value: funds, label: 援疆资金}
          - {value: batches, label: 销售活动}
        sections:
          - heading: 摘要
            text: 投入{{funds}}，组织销售活动{{batches}}，带动就业{{jobs}}。
        """
        let doc = try BriefingJob.compile(try BriefingFile.parse(yaml, path: dir + "/b.yaml"), library: lib, date: Date(timeIntervalSince1970: 0))
        #expect(doc.keyFigures.map(\.value) == ["5.8亿余元", "1740批次以上"])
        let text = doc.blocks.compactMap { b -> String? in if case .paragraph(let p) = b { return p.map(\.text).joined() } else { return nil } }
        #expect(text == ["投入5.8亿余元，组织销售活动1740批次以上，带动就业90多万人次。"], "\(text)")
    }
}
