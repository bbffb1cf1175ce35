import Extraction
import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// `reportgen draft` on articles written here: the folder it writes builds as it is, without a
/// citation warning, with charts and a timeline, and every row of every chart CSV holds its
/// number at the span it cites.
@Suite struct DraftTests {
    static let articles: [(String, String)] = [
        ("a-county.txt", """
        时间：2024-03-01 09:00
        某市援助某县工作综述
        2023年，某市援助指挥部安排援助资金1.5亿元，实施项目24个。
        其中，产业园区建设投入6000万元；职业教育中心建设投入4500万元；乡村道路硬化投入3000万元；医疗设备购置投入1500万元。
        2023年6月，产业园区正式开园，首批18家企业入驻。
        2023年11月，职业教育中心建成投用。
        """),
        ("b-village.txt", """
        时间：2023-08-15 16:20
        对口支援助力乡村振兴
        今年以来，支援方安排帮扶资金8200万元，援建项目16个。
        消费帮扶销售额达到3600万元，带动农户1200户增收。
        2023年5月20日，首届农产品展销会在县城开幕。
        """),
        ("c-review.txt", """
        时间：2022-12-30 10:00
        东西部协作年度回顾
        2022年，协作双方安排财政援助资金2.4亿元，实施协作项目31个。
        全年组织劳务协作2.6万人次，其中转移就业8000人。
        2022年9月，协作产业园正式签约落地。
        """),
    ]

    func folder() throws -> (articles: [String], dir: String) {
        let dir = Tools.temporaryFolder("draft")
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        var paths: [String] = []
        for (name, text) in Self.articles {
            try text.write(toFile: dir + "/in/" + name, atomically: true, encoding: .utf8)
            paths.append(dir + "/in/" + name)
        }
        return (paths, dir)
    }

    @Test func aDraftBuildsWithoutCitationWarningsAndEveryChartRowHoldsItsNumber() throws {
        let (articles, dir) = try folder()
        let draft = try Draft.write(articles: articles, to: dir + "/report")
        let summary = try ReportBuild.run(try ReportBuild.inputs(spec: draft.spec), options: BuildOptions(out: dir + "/out"))
        #expect(!summary.warnings.contains { $0.contains("cited at") || $0.contains("cites") }, "\(summary.warnings)")
        let charts = summary.manifest.files.filter { $0.kind == "chart" && $0.format == "png" }.map { ($0.path as NSString).deletingPathExtension }
        #expect(charts.count >= 3, "\(charts)")
        #expect(charts.contains { $0.hasPrefix("breakdown-a-county") }, "the article with four parts has a breakdown")
        #expect(summary.manifest.files.contains { $0.kind == "timeline" && $0.format == "png" })
        // The breakdown holds the four parts, not the total they add up to.
        let breakdown = try String(contentsOfFile: dir + "/out/breakdown-a-county.csv", encoding: .utf8)
        #expect(breakdown.contains("6000万元") && breakdown.contains("1500万元") && !breakdown.contains("1.5亿元"), "\(breakdown)")

        var checked = 0
        let dataFiles = summary.manifest.files.filter { $0.kind == "data" && $0.format == "csv" }.map(\.path)
        for name in dataFiles where name != "milestones.csv" {
            let t = try DataTable.load(dir + "/out/" + name)
            for r in t.rows.indices {
                guard let file = t.cell(row: r, named: "file"), !file.isEmpty else { continue }
                let path = try #require(articles.first { ($0 as NSString).lastPathComponent == file })
                let text = Array(try String(contentsOfFile: path, encoding: .utf8).unicodeScalars)
                let start = try #require(Int(t.cell(row: r, named: "start") ?? "")), end = try #require(Int(t.cell(row: r, named: "end") ?? ""))
                #expect(start >= 0 && start < end && end <= text.count)
                let span = String(String.UnicodeScalarView(text[start..<end]))
                #expect(span == t.cell(row: r, named: "text"), "\(name) line \(t.lines[r])")
                let value = try #require(Double(t.cell(row: r, named: "value") ?? ""), "\(name) line \(t.lines[r]) has the fact's value")
                let readings = NumberReading.scan(Array(span.unicodeScalars))
                #expect(readings.contains { $0.matches(value, header: "") }, "\(name) line \(t.lines[r]): \(value) is not what “\(span)” says")
                let plotted = try #require(Double(t.cell(row: r, named: "plotted") ?? ""))
                #expect(plotted == value, "\(name) line \(t.lines[r]): one fact per bar, plotted as read")
                checked += 1
            }
        }
        #expect(checked >= 8, "\(checked) chart rows checked")
        // Every number in the briefing cites its sentence: no empty quotes among the sources.
        let md = try String(contentsOfFile: dir + "/out/report.md", encoding: .utf8)
        #expect(md.contains("6000万元") && !md.contains("“”"))
    }

    /// Fourteen short articles: the cross-article charts keep twelve and put the rest in 其他,
    /// still one cited fact per bar.
    @Test func manyArticlesBuildAndTheirComparisonKeepsTwelve() throws {
        let dir = Tools.temporaryFolder("draft-many")
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"]
        var paths: [String] = []
        for (i, d) in digits.enumerated() {
            let text = "时间：2023-\(String(format: "%02d", i % 12 + 1))-10 09:00\n第\(d)协作区简报\n当年，协作区安排援助资金\(i + 1)200万元，实施援助项目\(i + 3)个。\n"
            try text.write(toFile: dir + "/in/n\(i).txt", atomically: true, encoding: .utf8)
            paths.append(dir + "/in/n\(i).txt")
        }
        let draft = try Draft.write(articles: paths, to: dir + "/report")
        let summary = try ReportBuild.run(try ReportBuild.inputs(spec: draft.spec), options: BuildOptions(out: dir + "/out"))
        let t = try DataTable.load(dir + "/out/aid-by-article.csv")
        let cats = Set(t.rows.map { $0[0] })
        #expect(cats.count == 13 && cats.contains("其他"), "\(cats)")
        for r in t.rows.indices {
            let plotted = try #require(Double(t.cell(row: r, named: "plotted") ?? "")), value = try #require(Double(t.cell(row: r, named: "value") ?? ""))
            #expect(plotted == value, "line \(t.lines[r])")
        }
        #expect(!summary.warnings.contains { $0.contains("cited at") })
    }

    @Test func aDraftRefusesAFolderThatHasFilesAndNamesAMissingArticle() throws {
        let (articles, dir) = try folder()
        #expect { try Draft.write(articles: articles, to: dir + "/in") } throws: { e in "\(e)".contains("not empty") }
        #expect { try Draft.write(articles: [dir + "/nope.txt"], to: dir + "/x") } throws: { e in "\(e)".contains("nope.txt") }
    }

    /// A page without a headline line is named by its lead clause, not by its file name; a
    /// title in front matter or a `# title:` line wins over the text.
    @Test func anArticleWithoutAHeadlineIsNamedByItsLeadClause() {
        let page = "# source: http://example.com/a.html\n某某网某市3月5日消息(记者张三 李四)记者从日前召开的全市协作工作会议上了解到,近年来,某市持续深化产业协作,带动就业1200人。\n"
        #expect(ArticleTitle.headline(page) == "某市持续深化产业协作")
        #expect(ArticleTitle.headline("---\ntitle: \"协作简报第三期\"\ndate: 2024-01-02\n---\n正文第一句很长很长。") == "协作简报第三期")
        #expect(ArticleTitle.headline("# title: 某县消费帮扶纪实\n# date: 2024-01-02\n正文。") == "某县消费帮扶纪实")
        #expect(ArticleTitle.headline("发布时间：2024-01-02 10:00\n来源：某某日报\n某县消费帮扶纪实\n正文。") == "某县消费帮扶纪实")
        // Page furniture above the text is never the headline.
        #expect(ArticleTitle.headline("首页 > 政务公开 > 乡村振兴\n发布时间:2023-05-22 16:26 来源:某局\n【字体: 小 中 大 】\n某县下达衔接资金5000万元\n正文。") == "某县下达衔接资金5000万元")
        #expect(ArticleTitle.headline("(资料图片仅供参考)\n(某报记者 王五)近日,某市工商联一行赴某县开展村企结对帮扶活动,签约项目6个。") == "近日,某市工商联一行赴某县开展村企结对帮扶活动".split(separator: ",").last.map(String.init))
        #expect(ArticleTitle.headline("某地援疆项目进展情况\n\n21.11.2014  18:28\n正文。") == "某地援疆项目进展情况")
        #expect(ArticleTitle.headline("21.11.2014  18:28\n单位名称:某某中心\n• 天山不难越,两地一线牵\n正文。") == "天山不难越,两地一线牵")
        #expect(ArticleTitle.headline("央视网消息:记者从农业农村部了解到,2023年,在协作双方共同努力下,东西部协作取得新进展、新成效。") == "东西部协作取得新进展、新成效")
        #expect(ArticleTitle.headline("某某区：东西部协作消费帮扶出实招见实效\n某某区商务局深入推进消费帮扶工作，成效明显。") == "某某区：东西部协作消费帮扶出实招见实效")
        #expect(ArticleTitle.headline("来源：某某日报社新闻中心编辑部\n某县消费帮扶纪实\n正文。") == "某县消费帮扶纪实")
        #expect(ArticleTitle.headline("某市：2024年3月5日\n某县消费帮扶纪实\n正文。") == "某县消费帮扶纪实")
        let long = "新华社北京7月20日电 据统计局消息,今年上半年全国东西部协作投入财政援助资金超过两百亿元,较上年同期明显增长,其中产业项目占比最大。"
        let lead = ArticleTitle.lead(long)
        #expect(lead?.hasPrefix("今年上半年全国东西部协作") == true && (lead?.count ?? 99) <= 30, "\(lead ?? "nil")")
    }

    /// A count's label is the noun its measure word counts when one follows the number, and the
    /// words before it when a predicate follows instead.
    @Test func countLabelsNameTheThingCounted() {
        #expect(FactLabel.countedNoun("国家级扶贫开发重点县已被列入示范县") == "国家级扶贫开发重点县")
        #expect(FactLabel.countedNoun("幼儿园,为兵团全额援建") == "幼儿园")
        #expect(FactLabel.countedNoun("企业入驻") == "企业")
        #expect(FactLabel.countedNoun("大学生项目已经实施") == "大学生")
        #expect(FactLabel.countedNoun("顺利抵达某地") == nil)
        #expect(FactLabel.countedNoun("增收") == nil)
        #expect(FactLabel.countedNoun(",安排资金") == nil)
        #expect(FactLabel.countedNoun("市与某师") == nil, "one character names nothing on its own")
        #expect(FactLabel.countedNoun("对口援疆省市今年援助资金到疆45.8亿元") == "对口援疆省市", "对口 is a word, not the preposition 对")
        #expect(FactLabel.countedNoun("省市向西部10个省区市投入资金") == "省市")
        #expect(FactLabel.trimParticles("对口支援的") == "对口支援" && FactLabel.trimParticles("和田地区") == "和田地区" && FactLabel.trimParticles("的项目") == "项目")
    }

    /// The 资金一览 tables: one per kind, so every cell holds a number in that kind's unit.
    @Test func everyAmountIsListedInATableOfItsKind() throws {
        let (articles, dir) = try folder()
        let draft = try Draft.write(articles: articles, to: dir + "/report")
        let spec = try String(contentsOfFile: draft.spec, encoding: .utf8)
        #expect(spec.contains("chart: money-aid,") && spec.contains("chart: money-sales,"), "\(spec)")
        let summary = try ReportBuild.run(try ReportBuild.inputs(spec: draft.spec), options: BuildOptions(out: dir + "/out"))
        let md = try String(contentsOfFile: dir + "/out/report.md", encoding: .utf8)
        let section = try #require(md.components(separatedBy: "资金一览").last)
        #expect(section.contains("报道中的全部金额：销售额") && section.contains("3600"), "\(section.prefix(800))")
        #expect(!section.components(separatedBy: "资料来源").first!.contains("| — |"), "no empty cells")
        #expect(summary.warnings.isEmpty || !summary.warnings.contains { $0.contains("money-") }, "\(summary.warnings)")
    }

    /// Amounts of the kinds that are neither aid nor sales (产值, 收入, 价格) get tables too, and
    /// the draft that lists them builds: the query checker knows every kind the extractor gives.
    @Test func aDraftWithEveryKindOfAmountBuilds() throws {
        let dir = Tools.temporaryFolder("draft-kinds")
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        let article = """
        时间：2024-05-10 08:00
        某区协作产业发展情况
        2023年，协作产业园实现产值3.2亿元，带动务工人员人均收入4.5万元。
        当地特色农产品收购价每公斤12元，协作资金投入2000万元。
        """
        try article.write(toFile: dir + "/in/kinds.txt", atomically: true, encoding: .utf8)
        let kinds = Set(Extractor().extract(text: article, path: "kinds.txt").money.map(\.kind))
        #expect(kinds.isSuperset(of: ["output", "income", "price"]), "\(kinds)")
        #expect(kinds.isSubset(of: Set(MoneyFact.kinds.map(\.key))), "\(kinds)")
        let draft = try Draft.write(articles: [dir + "/in/kinds.txt"], to: dir + "/report")
        let summary = try ReportBuild.run(try ReportBuild.inputs(spec: draft.spec), options: BuildOptions(out: dir + "/out"))
        let md = try String(contentsOfFile: dir + "/out/report.md", encoding: .utf8)
        for name in ["产值", "收入", "价格"] { #expect(md.contains("报道中的全部金额：\(name)"), "\(name)") }
        #expect(!md.contains("金额：output") && !md.contains("金额：income"), "every table is named in Chinese")
        #expect(summary.manifest.files.contains { $0.path == "report.pdf" })
    }

    /// A file that is no article is named once in the error, with what is wrong with it.
    @Test func aBinaryArticleIsNamedOnceInTheError() throws {
        let dir = Tools.temporaryFolder("draft-binary")
        let path = dir + "/in.txt"
        FileManager.default.createFile(atPath: path, contents: Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]))
        #expect { try Draft.write(articles: [path], to: dir + "/report") } throws: { e in
            "\(e)".components(separatedBy: path).count == 2 && "\(e)".contains("NUL byte")
        }
    }

    /// The comparison of articles takes no multi-year or running total as an article's figure.
    @Test func theComparisonLeavesOutTotalsOfSeveralYears() throws {
        let dir = Tools.temporaryFolder("draft-years")
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        let texts = ["时间：2024-05-10 08:00\n某市协作工作综述\n过去三年，某市投入财政援助资金30亿元。今年，某市安排援助资金2亿元，实施项目12个。\n",
                     "时间：2024-06-01 08:00\n某县协作工作综述\n五年来累計投入援助资金9亿元。2024年，某县安排援助资金1.2亿元。\n"]
        var paths: [String] = []
        for (k, text) in texts.enumerated() {
            try text.write(toFile: dir + "/in/a\(k).txt", atomically: true, encoding: .utf8)
            paths.append(dir + "/in/a\(k).txt")
        }
        let draft = try Draft.write(articles: paths, to: dir + "/report")
        _ = try ReportBuild.run(try ReportBuild.inputs(spec: draft.spec), options: BuildOptions(out: dir + "/out"))
        let csv = try String(contentsOfFile: dir + "/out/aid-by-article.csv", encoding: .utf8)
        #expect(csv.contains("2亿元") && csv.contains("1.2亿元"), "\(csv)")
        #expect(!csv.contains("30亿元") && !csv.contains("9亿元"), "\(csv)")
    }
}
