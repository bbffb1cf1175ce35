import Canvas
import Charts
import Extraction
import Foundation

/// `reportgen draft ARTICLE... -o DIR`: a report folder drawn from what the extractor reads in
/// the articles, that builds as it is and that a user edits from there — nothing typed.
///
/// It holds `report.yaml` (title from the articles, key figures, a section per article with live
/// numbers and citations, a table of every amount by kind), chart files (a breakdown for each
/// article that lists three or more comparable aid amounts, comparisons across articles) and a
/// timeline of the milestones. The articles are referenced where they are, not copied. Every
/// number is a `fact:` or a fact chart, so it cites the sentence it was read in.
public enum Draft {
    public struct Result: Sendable {
        public var spec: String
        public var files: [String]
        public var notes: [String]
    }

    /// Sentences whose amounts are no single year's or article's figure: running totals (累计, 累計, 截至),
    /// several years at once (过去三年, 五年来, 近年), agreements, forecasts, comparisons.
    static let notComparable = ["累计", "累計", "截至", "过去", "年来", "近年", "协议", "将达", "预计", "同比"]
    static let programmes = ["援疆", "援藏", "东西部协作", "对口支援", "消费帮扶", "对口帮扶", "乡村振兴"]

    public static func write(articles given: [String], to dir: String) throws(BuildError) -> Result {
        guard !given.isEmpty else { throw .invalidSpec(.other("give at least one article (a .txt file)")) }
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: dir), !existing.isEmpty {
            throw .invalidSpec(.other("\(dir) is not empty; give a new folder so nothing of yours is overwritten"))
        }
        var articles: [String] = []
        for a in given {
            let full = a.hasPrefix("/") ? a : (fm.currentDirectoryPath as NSString).appendingPathComponent(a)
            let std = (full as NSString).standardizingPath
            guard fm.fileExists(atPath: std) else { throw .invalidSpec(.unreadable(path: a, reason: "no such file")) }
            if !articles.contains(std) { articles.append(std) }
        }
        let names = articles.map { ($0 as NSString).lastPathComponent }
        if Set(names).count != names.count {
            throw .invalidSpec(.other("two articles share a file name (\(names.sorted().joined(separator: ", "))); facts cite articles by name, so rename one"))
        }
        let docs = try ReportBuild.extract(docs: articles.map { (path: $0, referenceDate: String?.none) })
        let base = FactBase(documents: docs)
        var plan = Plan(base: base, docs: docs)
        let out = plan.compose(articles: articles, dir: dir)
        var written: [String] = []
        for (name, text) in out {
            let path = (dir as NSString).appendingPathComponent(name)
            do { try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true) } catch {
                throw .output(.cannotWrite(path: path, reason: error.localizedDescription))
            }
            do { try AtomicFile.write(Array(text.utf8), to: path) } catch { throw .output(error) }
            written.append(path)
        }
        return Result(spec: (dir as NSString).appendingPathComponent("report.yaml"), files: written, notes: plan.notes)
    }

    /// Characters a YAML reader refuses in a document (control characters, line breaks, DEL and
    /// C1, the BOM, line and paragraph separators) become spaces: they carry no meaning in a title
    /// or label, and one stray byte in an article must not make a draft that cannot be read.
    static func printable(_ s: String) -> String {
        var clean = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            let v = c.value
            let unreadable = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFEFF || v == 0x2028 || v == 0x2029 || v == 0xFFFE || v == 0xFFFF
            clean.append(unreadable ? " " : c)
        }
        return String(clean)
    }

    /// YAML double-quoted text.
    static func q(_ s: String) -> String {
        "\"" + printable(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Template text (inside a block scalar): a label may not open a placeholder or bold run.
    static func plain(_ s: String) -> String {
        printable(s).replacingOccurrences(of: "{{", with: "｛").replacingOccurrences(of: "}}", with: "｝").replacingOccurrences(of: "**", with: "＊")
    }

    /// A headline cut to fit a key figure's label.
    static func short(_ s: String) -> String { s.count <= 14 ? s : String(s.prefix(13)) + "…" }

    /// An article name as a `docs:` pattern that matches only itself (`*?[` escaped).
    static func pattern(_ doc: String) -> String {
        var out = ""
        for c in doc { if "*?[]\\".contains(c) { out.append("\\") }; out.append(c) }
        return out
    }

    static func slug(_ doc: String) -> String {
        let stem = (doc as NSString).deletingPathExtension
        let s = String(stem.filter(OutputName.isAllowed).prefix(60))
        return s.isEmpty ? "article" : s
    }

    struct Plan {
        let base: FactBase
        let docs: [DocumentFacts]
        var values: [String] = []
        var notes: [String] = []

        init(base: FactBase, docs: [DocumentFacts]) { self.base = base; self.docs = docs }

        func headline(_ doc: String) -> String { ArticleTitle.of(doc, base: base) }

        func facts(_ doc: String) -> [MergedFact] { base.facts.filter { $0.sources.first?.file == doc } }

        func comparable(_ f: MergedFact) -> Bool {
            let s = f.sources.first?.sentence ?? "", subj = FactBase.subject(f)
            return !Draft.notComparable.contains { s.contains($0) || subj.contains($0) }
        }

        /// A value entry naming one fact by where it was read.
        mutating func value(_ name: String, _ f: MergedFact) -> String {
            let p = f.sources.first
            values.append("  \(name): {fact: {at: \(Draft.q("\(p?.file ?? ""):\(p?.start ?? 0)")), type: \(f.kind.rawValue)}}")
            return name
        }

        /// Project counts, exactly as the cross-article chart's query selects them.
        static let projectQuery = FactQuery(type: .count, subject: ["项目"], unit: "个")
        static let aidQuery = FactQuery(type: .money, kinds: ["aid", "aid-plan"], exclude: Draft.notComparable)

        func selected(_ q: FactQuery) -> [MergedFact] { (try? q.select(base)) ?? [] }

        /// How many categories a fact chart would have here (nil when it would not build).
        func categories(_ c: FactChart, _ kind: ValueKind) -> Int? { (try? c.data(base, valueKind: kind))?.categories.count }

        mutating func compose(articles: [String], dir: String) -> [(String, String)] {
            var files: [(String, String)] = []
            // Copies of one article (a web page and its PDF) are one article here: the first names it.
            var copyOf: [String: String] = [:]
            for group in FactMerger.merge(docs).copies { for d in group.dropFirst() { copyOf[d] = group.first } }
            let names = docs.map(\.doc).filter { copyOf[$0] == nil }
            let allText = articles.compactMap { ArticleText.scalars($0).map { String(String.UnicodeScalarView($0)) } }.joined()
            let programme = Draft.programmes.max { a, b in allText.components(separatedBy: a).count < allText.components(separatedBy: b).count } ?? "对口支援"
            let years = docs.compactMap { $0.referenceDate.flatMap { Int($0.prefix(4)) } }
            let span = years.isEmpty ? "" : (years.min() == years.max() ? "\(years.min() ?? 0)年" : "\(years.min() ?? 0)—\(years.max() ?? 0)年")
            let title = names.count == 1 ? headline(names[0]) : "\(programme)工作简报"
            let subtitle = "据\(names.count)篇公开报道整理" + (copyOf.isEmpty ? "" : "（另有\(copyOf.count)份为其副本）") + (span.isEmpty ? "" : " · \(span)")

            // Key figures: the largest comparable aid and aid plan, the largest project count.
            var keyFigures: [String] = []
            let money = base.facts.filter { $0.kind == .money }
            var summary: [String] = []
            for (kind, label) in [("aid", "援助资金"), ("aid-plan", "计划援助资金")] {
                let cands = selected(Plan.aidQuery).filter { $0.money?.kind == kind }
                if let top = cands.max(by: { ($0.money?.valueYuan ?? 0) < ($1.money?.valueYuan ?? 0) }) {
                    let n = value("key_\(kind.replacingOccurrences(of: "-", with: "_"))", top)
                    let doc = top.sources.first?.file ?? ""
                    keyFigures.append("  - {value: \(n), label: \(Draft.q("报道中最大的一笔\(label)"))}")
                    summary.append("数额最大的一笔\(label)是\(Draft.plain(FactLabel.short(top))){{\(n)}}（见《\(Draft.plain(headline(doc)))》）")
                }
            }
            if let top = selected(Plan.projectQuery).max(by: { ($0.count?.value ?? 0) < ($1.count?.value ?? 0) }) {
                let n = value("key_projects", top)
                keyFigures.append("  - {value: \(n), label: \(Draft.q("报道中最多的项目数"))}")
                summary.append("项目数最多的是\(Draft.plain(FactLabel.short(top))){{\(n)}}")
            }

            // Charts.
            var chartNames: [String: String] = [:]  // doc -> breakdown chart
            var crossCharts: [String] = []
            var slugs = Set<String>()
            for doc in names {
                var fc = FactChart(query: FactQuery(docs: [Draft.pattern(doc)], type: .money, kinds: ["aid", "aid-plan"], exclude: Draft.notComparable))
                fc.group = .fact
                fc.breakdown = true
                guard let data = try? fc.data(base, valueKind: .money), data.categories.count >= 3 else { continue }
                var name = "breakdown-" + Draft.slug(doc)
                while !slugs.insert(name).inserted { name += "-\(slugs.count)" }
                chartNames[doc] = name
                files.append(("charts/\(name).yaml", """
                # The aid amounts of one article, each a fact read in it (repeats and a total of the others left out).
                # Rename the bars with labels: {自动标签: 你的标签} or by the amount's text: {0.87亿元: 智力支援}.
                name: \(name)
                data:
                  facts: {docs: [\(Draft.q(Draft.pattern(doc)))], type: money, kind: [aid, aid-plan], exclude: [\(Draft.notComparable.joined(separator: ", "))]}
                  group: fact
                  breakdown: true
                kind: bar
                orientation: horizontal
                valueKind: money
                title: \(Draft.q("\(headline(doc))：援助资金分项"))
                source: \(Draft.q(doc))

                """))
            }
            // One bar per article (its largest value), when at least two articles have one.
            func perArticle(_ name: String, _ query: FactQuery, valueKind: ValueKind, comment: String, facts: String, unit: String?, title: String, subtitle: String) {
                var chart = FactChart(query: query)
                chart.group = .article
                chart.combine = .max
                chart.top = 12
                guard (categories(chart, valueKind) ?? 0) >= 2 else { return }
                crossCharts.append(name)
                files.append(("charts/\(name).yaml", """
                # \(comment)
                name: \(name)
                data:
                  facts: \(facts)
                  group: article
                  combine: max
                  top: 12
                kind: bar
                orientation: horizontal
                valueKind: \(valueKind.rawValue)
                \(unit.map { "unit: \($0)\n" } ?? "")title: \(title)
                subtitle: \(subtitle)

                """))
            }
            perArticle("aid-by-article", Plan.aidQuery, valueKind: .money,
                       comment: "The largest aid amount each article gives (running totals, agreements and forecasts left out).",
                       facts: "{type: money, kind: [aid, aid-plan], exclude: [\(Draft.notComparable.joined(separator: ", "))]}", unit: nil,
                       title: "各报道提到的最大一笔援助资金", subtitle: "每篇报道取一项，口径不同，仅供对照")
            perArticle("projects-by-article", Plan.projectQuery, valueKind: .number,
                       comment: "The largest project count (个/项 of 项目) each article gives.",
                       facts: "{type: count, unit: 个, subject: 项目}", unit: "个",
                       title: "各报道提到的项目数", subtitle: "每篇报道取最大的一项")
            // Every amount, one table per kind (one unit and no empty cells in each): tables, not drawn.
            let kindOrder = MoneyFact.kinds.map(\.key)
            let kinds = Set(money.compactMap { $0.money?.kind }).sorted { (kindOrder.firstIndex(of: $0) ?? 99, $0) < (kindOrder.firstIndex(of: $1) ?? 99, $1) }
            var moneyTables: [(name: String, caption: String)] = []
            for kind in kinds {
                let name = "money-" + String(kind.filter(OutputName.isAllowed).prefix(40))
                let caption = "报道中的全部金额：\(FactChart.kindNames[kind] ?? kind)"
                moneyTables.append((name, caption))
                files.append(("charts/\(name).yaml", """
                # Every amount of one kind the articles give, one row each: a table, not drawn.
                name: \(name)
                data:
                  facts: {type: money, kind: [\(Draft.q(kind))]}
                  group: fact
                formats: []
                kind: bar
                orientation: horizontal
                valueKind: money
                title: \(Draft.q(caption))

                """))
            }

            // The timeline of milestones.
            // Only when the timeline has something to draw (a milestone whose date is a calendar date).
            let timelineFile = try? TimelineFile.parse("name: milestones\nfacts: {milestone: true, exclude: [图为, 记者]}\n", path: (dir as NSString).appendingPathComponent("timelines/milestones.yaml"))
            let milestones = (try? timelineFile?.resolved(facts: base))?.0.events ?? []
            if !milestones.isEmpty {
                files.append(("timelines/milestones.yaml", """
                # Every milestone the extractor finds in the articles; relabel with labels: {2019-12-17: 你的说法}.
                name: milestones
                title: 大事记
                subtitle: 条形为整月或全年，圆点为具体日期；颜色表示领域
                facts: {milestone: true, exclude: [图为, 记者]}   # photo captions and datelines are not events
                lanes: category
                orientation: \(milestones.count > 6 ? "vertical" : "horizontal")

                """))
                values.append("  key_events: {timeline: milestones}")
                keyFigures.append("  - {value: key_events, label: 报道提到的大事}")
                summary.append("报道共提到{{key_events}}大事")
            }

            // Sections: one per article, with its numbers live.
            var sections: [String] = []
            sections.append("""
              - heading: 摘要
                text: |
                  本简报依据\(names.count)篇公开报道整理，文中每个数字都由报道原文抽取，方括号中注明出处，出处全文列于文末“资料来源”。
                  \(summary.isEmpty ? "报道中没有可以确认的金额。" : summary.joined(separator: "；") + "。")
            """)
            for (i, doc) in names.enumerated() {
                let fs = facts(doc)
                let copies = copyOf.filter { $0.value == doc }.keys.sorted()
                var seen = Set<Double>()
                let amounts = fs.filter { $0.kind == .money }.filter { seen.insert($0.money?.valueYuan ?? 0).inserted }
                    .sorted { ($0.money?.valueYuan ?? 0) > ($1.money?.valueYuan ?? 0) }.prefix(6)
                var seenC = Set<String>()
                let counts = fs.filter { $0.kind == .count && !["%", "个百分点"].contains($0.count?.unit ?? "") }.filter { seenC.insert(FactLabel.short($0)).inserted }.prefix(4)
                var bullets: [String] = []
                for (k, f) in amounts.enumerated() {
                    let n = value("a\(i + 1)_m\(k + 1)", f)
                    let label = FactLabel.short(f), kind = FactChart.kindNames[f.money?.kind ?? ""] ?? "金额"
                    // The kind is said once: `中央财政资金：7.2亿元`, not `中央财政（中央财政资金）`.
                    let sameThing = label == kind || kind.hasPrefix(label) || label.hasSuffix(kind)
                    bullets.append(sameThing ? "\(Draft.plain(label.count > kind.count ? label : kind))：{{\(n)}}" : "\(Draft.plain(label))（\(kind)）：{{\(n)}}")
                }
                for (k, f) in counts.enumerated() {
                    let n = value("a\(i + 1)_c\(k + 1)", f)
                    bullets.append("\(Draft.plain(FactLabel.short(f)))：{{\(n)}}")
                }
                let date = (docs.first { $0.doc == doc }?.referenceDate).map { "（\($0.prefix(10))）" } ?? ""
                let copyNote = copies.isEmpty ? "" : "（\(copies.joined(separator: "、"))为同一篇报道，数字的出处同时列出）"
                var block = """
                  - heading: \(Draft.q(headline(doc)))
                    content:
                      - text: \(Draft.q("据报道\(date)，以下数字均出自原文\(bullets.isEmpty ? "；报道中没有可以确认的金额或数量" : "")。\(copyNote)"))
                """
                if !bullets.isEmpty {
                    block += "\n      - bullets:\n" + bullets.map { "          - \(Draft.q($0))" }.joined(separator: "\n")
                }
                if let chart = chartNames[doc] {
                    block += "\n      - figure: \(chart)\n      - table: {chart: \(chart), total: true, share: true}"
                }
                sections.append(block)
            }
            if !crossCharts.isEmpty {
                sections.append("  - heading: 各报道对照\n    content:\n" + crossCharts.map { "      - figure: \($0)" }.joined(separator: "\n"))
            }
            if !milestones.isEmpty {
                sections.append("  - heading: 大事记\n    content:\n      - figure: milestones")
            }
            if !moneyTables.isEmpty {
                sections.append("  - heading: 资金一览\n    content:\n" + moneyTables.map { "      - table: {chart: \($0.name), total: false, caption: \(Draft.q($0.caption))}" }.joined(separator: "\n"))
            }
            let sources = articles.map { "  - {path: \(Draft.q($0))}" }.joined(separator: "\n")
            let spec = """
            # A draft report from \(names.count) article\(names.count == 1 ? "" : "s"): every number below is a fact the extractor read,
            # named by where it was read (at: file:offset), so it cites its sentence. Edit freely; see the README.
            # Build: reportgen build \((dir as NSString).appendingPathComponent("report.yaml")) --out OUT
            name: report
            title: \(Draft.q(title))
            subtitle: \(Draft.q(subtitle))
            organisation: reportgen 草稿 · 据公开报道整理
            keywords: [\(programme)]
            sources:
            \(sources)
            charts: [\(files.contains { $0.0.hasPrefix("charts/") } ? "charts" : "")]
            timelines: [\(files.contains { $0.0.hasPrefix("timelines/") } ? "timelines" : "")]
            values:\(values.isEmpty ? " {}" : "\n" + values.joined(separator: "\n"))
            keyFigures:\(keyFigures.isEmpty ? " []" : "\n" + keyFigures.joined(separator: "\n"))
            sections:
            \(sections.joined(separator: "\n"))
            formats: [pdf, html, md, pptx, docx]

            """
            if chartNames.isEmpty { notes.append("no article lists three or more comparable aid amounts, so there is no breakdown chart") }
            files.insert(("report.yaml", spec), at: 0)
            return files
        }
    }
}
