import Foundation
import Canvas

/// `reportgen init DIR`: a small report that builds as it is — a spec, an article, a chart with
/// its data and a timeline — for a user to edit into their own.
public enum Scaffold {
    static let files: [(String, String)] = [
        ("report.yaml", """
        # A report: build it with `reportgen build report.yaml --out out`.
        # Numbers in the text are {{placeholders}} for named values, so they follow the data and
        # cite their sources. See the README for every option.
        name: report
        title: 对口援助工作简报
        subtitle: 示例：请替换为你的资料
        organisation: 编写单位
        keywords: [对口援助, 示例]
        sources: ["articles/*.txt"]
        charts: [charts]
        timelines: [timelines]
        values:
          total: {chart: funding, sum: true}
          items: {chart: funding, count: true}
          park: {chart: funding, row: 产业园建设}
          projects: {fact: {type: count, unit: 个, subject: 项目}}
        keyFigures:
          - {value: total, label: 援助资金（分项合计）}
          - {value: projects, label: 实施项目}
        sections:
          - heading: 摘要
            text: |
              示例报道列出{{items}}资金项目，合计{{total}}，其中产业园建设{{park}}。全年实施项目{{projects}}。
          - heading: 援助资金
            content:
              - figure: funding
              - table: {chart: funding, total: true, share: true}
          - heading: 大事记
            content:
              - figure: milestones
        formats: [pdf, html, md, pptx, docx]

        """),
        ("articles/example.txt", """
        时间：2024-03-01 09:00:00
        某市对口援助工作回顾
        2023年，某市援助指挥部安排援助资金1.2亿元，全年实施项目15个。
        其中，产业园建设投入5000万元，职业技能培训投入800万元，乡村道路改造投入3200万元。
        2023年5月，电子商务服务中心正式开园，首批20家企业入驻。
        2023年9月10日，首场农产品直播带货活动启动，当天销售额达12万元。
        2023年12月，职业技能培训基地建成投用。

        """),
        ("charts/funding.yaml", """
        # A chart: the CSV beside it, drawn as horizontal bars in 万元.
        name: funding
        data: ../data/funding.csv
        kind: bar
        orientation: horizontal
        valueKind: money
        title: 2023年援助资金分项
        source: articles/example.txt

        """),
        ("data/funding.csv", """
        项目,援助资金（元）,note
        产业园建设,50000000,示例数据：见 articles/example.txt 第3行
        乡村道路改造,32000000,示例数据：见 articles/example.txt 第3行
        职业技能培训,8000000,示例数据：见 articles/example.txt 第3行

        """),
        ("timelines/milestones.yaml", """
        # A timeline of the milestones the extractor finds in the articles.
        name: milestones
        title: 2023年大事记
        facts: {docs: [example.txt]}
        from: 2023-01
        to: 2023-12
        lanes: none

        """),
    ]

    /// Writes the sample into `dir`, which must not exist or be empty; returns the spec's path.
    public static func write(to dir: String) throws(BuildError) -> String {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: dir), !existing.isEmpty {
            throw .invalidSpec(.other("\(dir) is not empty; give a new folder so nothing of yours is overwritten"))
        }
        for (name, text) in files {
            let path = (dir as NSString).appendingPathComponent(name)
            do {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw .output(.cannotWrite(path: path, reason: error.localizedDescription))
            }
            do { try AtomicFile.write(Array(text.utf8), to: path) } catch { throw .output(error) }
        }
        return (dir as NSString).appendingPathComponent("report.yaml")
    }
}
