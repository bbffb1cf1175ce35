import Charts
import Extraction
import Foundation
import Yams

/// A chart's data drawn from extracted facts instead of a CSV: `data: {facts: {…}, group: …}`.
///
/// ```yaml
/// data:
///   facts: {docs: [000_*.txt], type: money, kind: aid, exclude: [累计]}   # a FactQuery
///   group: fact          # fact | subject | category | article | month | quarter | year
///   combine: sum         # sum | latest | max | count — how the facts of one category become one value
///   series: none         # none | kind | category | article — one series per …
///   top: 8               # the 8 largest categories, the rest combined into 其他 (summed; for max/latest the largest)
///   labels: {8000万元: 天网工程}    # by the automatic label, a fact's text, or file:start
///   seriesLabels: {aid: 援疆资金}
///   from: 2015-01        # time groups: every period from … to … (empty periods are gaps, or 0 for count)
///   to: 2015-12
///   cumulative: true     # time groups: running total
///   header: 项目          # the category column's heading in tables and the CSV
/// ```
/// Categories are labelled with `FactLabel.short` (or the article's title, or the period), and
/// a user's label wins. Categorical groups come largest first; time groups in date order.
public struct FactChart: Sendable, Hashable {
    public enum Group: String, Sendable, CaseIterable { case fact, subject, category, article, month, quarter, year }
    public enum Combine: String, Sendable, CaseIterable { case sum, latest, max, count }
    public enum SeriesBy: String, Sendable, CaseIterable { case none, kind, category, article }

    public var query: FactQuery
    public var group: Group = .subject
    public var combine: Combine = .sum
    public var series: SeriesBy = .none
    public var top: Int?
    public var labels: [String: String] = [:]
    public var seriesLabels: [String: String] = [:]
    public var from: ChartDate?
    public var to: ChartDate?
    public var cumulative = false
    public var header: String?
    /// Parts of a whole only: an amount repeated in one article (a headline repeating the body)
    /// is taken once, and an amount that is the sum of the others (the total they break down)
    /// is left out, so the bars do not count it twice.
    public var breakdown = false
    public var path: String = ""
    public var line: Int?

    public init(query: FactQuery) { self.query = query }

    static let keys = ["facts", "group", "combine", "series", "top", "labels", "seriesLabels", "from", "to", "cumulative", "header", "breakdown"]

    public static let kindNames = Dictionary(uniqueKeysWithValues: MoneyFact.kinds.map { ($0.key, $0.name) })

    static func parse(_ node: Node, path: String, field: String = "data") -> (FactChart?, [BuildError]) {
        var problems: [BuildError] = []
        func problem(_ n: Node?, _ f: String, _ m: String) {
            problems.append(.at(path: path, line: n?.mark?.line ?? node.mark?.line ?? 1, column: n?.mark?.column ?? 1, field: f, message: m))
        }
        guard let m = node.mapping else { problem(node, field, "give a CSV file name or {facts: {…}, group: …}"); return (nil, problems) }
        for (k, _) in m where !keys.contains(k.string ?? "") {
            problem(k, "\(field).\(k.string ?? "")", "unknown key; did you mean \"\(closestKey(to: k.string ?? "", in: keys))\"? (keys: \(keys.joined(separator: ", ")))")
        }
        guard let qn = m["facts"] else {
            problem(node, "\(field).facts", "missing: say which facts, e.g. facts: {docs: [\"*.txt\"], type: money, kind: aid}")
            return (nil, problems)
        }
        let (q, qp) = FactQuery.parse(qn, path: path, field: "\(field).facts")
        problems += qp
        var c = FactChart(query: q ?? FactQuery())
        c.path = path; c.line = node.mark?.line
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let n = m[key] else { return nil }
            let all = T.allCases.map(\.rawValue)
            guard let s = n.string, let v = T(rawValue: s) else {
                problem(n, "\(field).\(key)", "\"\(n.string ?? "?")\" is not one of \(all.joined(separator: ", "))"); return nil
            }
            return v
        }
        if let g = choice("group", Group.self) { c.group = g }
        if let v = choice("combine", Combine.self) { c.combine = v }
        if let s = choice("series", SeriesBy.self) { c.series = s }
        if let t = m["top"] {
            if let n = t.int, n >= 1 { c.top = n } else { problem(t, "\(field).top", "expected a whole number of categories, 1 or more") }
        }
        for (key, target) in [("labels", \FactChart.labels), ("seriesLabels", \FactChart.seriesLabels)] as [(String, WritableKeyPath<FactChart, [String: String]>)] {
            guard let n = m[key] else { continue }
            guard let lm = n.mapping else { problem(n, "\(field).\(key)", "give a mapping of label: your label"); continue }
            for (k, v) in lm {
                if let ks = k.string, let vs = v.string { c[keyPath: target][ks] = vs } else { problem(k, "\(field).\(key)", "give text: text") }
            }
        }
        for (key, target) in [("from", \FactChart.from), ("to", \FactChart.to)] as [(String, WritableKeyPath<FactChart, ChartDate?>)] {
            guard let n = m[key] else { continue }
            if let s = n.string, let d = ChartDate(parsing: s) { c[keyPath: target] = d } else {
                problem(n, "\(field).\(key)", "\"\(n.string ?? "?")\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
            }
        }
        if let n = m["cumulative"] { if let b = n.bool { c.cumulative = b } else { problem(n, "\(field).cumulative", "expected true or false") } }
        c.header = m["header"]?.string
        if let n = m["breakdown"] { if let b = n.bool { c.breakdown = b } else { problem(n, "\(field).breakdown", "expected true or false") } }
        let timeGroup = [Group.month, .quarter, .year].contains(c.group)
        if !timeGroup, c.from != nil || c.to != nil || c.cumulative {
            problem(node, field, "from/to/cumulative apply to time groups (month, quarter, year); to pick facts by date put from/to under facts:")
        }
        return (problems.isEmpty ? c : nil, problems)
    }

    var isTimeSeries: Bool { [Group.month, .quarter, .year].contains(group) }

    func fail(_ m: String) -> BuildError { .data(path: path, line: line, field: "data", message: m) }

    /// The chart's numbers from the build's facts.
    public func data(_ base: FactBase, valueKind: ValueKind?) throws(BuildError) -> ChartData {
        var facts = try query.select(base)
        if breakdown { facts = Self.parts(facts) }
        if isTimeSeries, from != nil || to != nil {
            // The axis's range is also the selection's: a fact outside it has no place on the axis.
            facts = facts.filter { f in
                guard let d = base.date(of: f) else { return true }
                return (from.map { d.startDay >= $0.startDay } ?? true) && (to.map { d.startDay < $0.endDay } ?? true)
            }
        }
        if combine != .count, let d = facts.first(where: { FactBase.value($0) == nil }) {
            throw fail("the query selects dates (\(d.sources.first?.text ?? "")); \(combine.rawValue) needs amounts or counts: add type: money or type: count, or combine: count")
        }
        guard !facts.isEmpty else { throw fail("no extracted fact matches data.facts; loosen it (the facts are listed in out/facts.json)") }
        if valueKind == .money, let c = facts.first(where: { $0.kind == .count }) {
            throw fail("valueKind is money but the query also selects the count “\(c.sources.first?.text ?? "")”; add type: money")
        }
        if combine != .count, Set(facts.compactMap { $0.count?.unit }).count > 1 {
            throw fail("the counts selected have different units (\(Set(facts.compactMap { $0.count?.unit }).sorted().joined(separator: ", "))); add unit: to pick one")
        }

        // Category and series key of every fact.
        let labels = try categoryLabels(facts, base)
        var catOrder: [String] = [], seriesOrder: [String] = []
        var cells: [String: [String: [MergedFact]]] = [:]
        var dates: [String: ChartDate] = [:]
        for (f, cat) in zip(facts, labels) {
            let s: String
            switch series {
            case .none: s = ""
            case .kind: s = f.money?.kind ?? (f.count.map { "count:\($0.unit)" } ?? "date")
            case .category: s = FactBase.category(f)
            case .article: s = f.sources.first?.file ?? ""
            }
            if cells[cat] == nil { catOrder.append(cat) }
            if !seriesOrder.contains(s) { seriesOrder.append(s) }
            cells[cat, default: [:]][s, default: []].append(f)
            if let d = base.date(of: f) { dates[cat] = dates[cat].map { min($0, d) } ?? d }
        }
        func combined(_ fs: [MergedFact]) -> (Double, [MergedFact]) {
            switch combine {
            case .sum: return (fs.compactMap(FactBase.value).reduce(0, +), fs)
            case .count: return (Double(fs.count), fs)
            case .max:
                let m = fs.max { (FactBase.value($0) ?? 0) < (FactBase.value($1) ?? 0) }
                return (m.flatMap(FactBase.value) ?? 0, m.map { [$0] } ?? [])
            case .latest:
                let l = fs.enumerated().max { a, b in
                    let da = base.date(of: a.element)?.startDay ?? -1e9, db = base.date(of: b.element)?.startDay ?? -1e9
                    return da != db ? da < db : a.offset < b.offset
                }?.element
                return (l.flatMap(FactBase.value) ?? 0, l.map { [$0] } ?? [])
            }
        }
        var rows: [(label: String, values: [Double?], sources: [[SourceRef]])] = []
        let periods = isTimeSeries ? try timeAxis(Set(catOrder)) : catOrder
        for cat in periods {
            var vals: [Double?] = [], srcs: [[SourceRef]] = []
            for s in seriesOrder {
                if let fs = cells[cat]?[s], !fs.isEmpty {
                    let (v, used) = combined(fs)
                    vals.append(v)
                    srcs.append(used.flatMap { f in f.sources.prefix(1).map { p in var r = SourceRef(p); r.value = FactBase.value(f); return r } })
                } else {
                    vals.append(combine == .count && isTimeSeries ? 0 : nil); srcs.append([])
                }
            }
            rows.append((cat, vals, srcs))
        }
        if isTimeSeries, cumulative {
            var running = Array(repeating: 0.0, count: seriesOrder.count)
            for r in rows.indices {
                for s in seriesOrder.indices {
                    running[s] += rows[r].values[s] ?? 0
                    rows[r].values[s] = running[s]
                }
            }
        }
        if !isTimeSeries {
            rows.sort { a, b in
                let ta = a.values.compactMap { $0 }.reduce(0, +), tb = b.values.compactMap { $0 }.reduce(0, +)
                return ta > tb
            }
            if let top, rows.count > top {
                let rest = rows[top...]
                var other: (label: String, values: [Double?], sources: [[SourceRef]]) = ("其他", [], [])
                // The rest combined as each category was: summed (sum, count) or the largest kept
                // (max, latest) — citing only what the value is made of.
                for s in seriesOrder.indices {
                    let present = rest.filter { $0.values[s] != nil }
                    if combine == .max || combine == .latest, let m = present.max(by: { ($0.values[s] ?? 0) < ($1.values[s] ?? 0) }) {
                        other.values.append(m.values[s]); other.sources.append(m.sources[s])
                    } else {
                        other.values.append(present.isEmpty ? nil : present.compactMap { $0.values[s] }.reduce(0, +))
                        other.sources.append(present.flatMap { $0.sources[s] })
                    }
                }
                rows = Array(rows[..<top]) + [other]
            }
        }
        // Series largest first (their colours follow), whatever order the article names them in.
        if seriesOrder.count > 1 {
            let totals = seriesOrder.indices.map { k in rows.compactMap { $0.values[k] }.reduce(0, +) }
            let order = seriesOrder.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
            seriesOrder = order.map { seriesOrder[$0] }
            rows = rows.map { r in (r.label, order.map { r.values[$0] }, order.map { r.sources[$0] }) }
        }
        let names = seriesOrder.map { s -> String in
            if let u = seriesLabels[s] { return u }
            switch series {
            case .none: return defaultSeriesName(facts)
            case .kind: return Self.kindNames[s] ?? (s.hasPrefix("count:") ? "数量（\(s.dropFirst(6))）" : s)
            case .category: return s.isEmpty ? "其他" : s
            case .article: return ArticleTitle.of(s, base: base)
            }
        }.map { $0.isEmpty ? defaultSeriesName(facts) : $0 }
        let built = names.enumerated().map { k, n in
            ChartData.Series(name: n, values: rows.map { $0.values[k] }, sources: rows.map { $0.sources[k] })
        }
        var d = ChartData(categoryHeader: header ?? defaultHeader, categories: rows.map(\.label), series: built, origin: path)
        d.articles = Array(Set(facts.flatMap { $0.sources.map { base.paths[$0.file] ?? $0.file } })).sorted()
        return d
    }

    /// The facts without repeats (same article, same value) and without a total of the others.
    static func parts(_ facts: [MergedFact]) -> [MergedFact] {
        var seen = Set<String>()
        var out = facts.filter { f in
            guard let v = FactBase.value(f) else { return true }
            return seen.insert("\(f.sources.first?.file ?? "")|\(v)").inserted
        }
        // Totals first: the largest amount that the rest add up to (within 0.5%), repeatedly.
        while out.count >= 3 {
            let values = out.map { FactBase.value($0) ?? 0 }
            let sum = values.reduce(0, +)
            guard let i = values.indices.max(by: { values[$0] < values[$1] }) else { break }
            let rest = sum - values[i]
            guard rest > 0, abs(rest - values[i]) <= values[i] * 0.005 else { break }
            out.remove(at: i)
        }
        return out
    }

    var defaultHeader: String {
        switch group {
        case .article: return "报道"
        case .month: return "月份"
        case .quarter: return "季度"
        case .year: return "年份"
        case .category: return "领域"
        default: return "项目"
        }
    }

    func defaultSeriesName(_ facts: [MergedFact]) -> String {
        if combine == .count { return "数量" }
        if let u = facts.first?.count?.unit { return "数量（\(u)）" }
        let kinds = Set(facts.compactMap { $0.money?.kind })
        return kinds.count == 1 ? (Self.kindNames[kinds.first ?? ""] ?? "金额") : "金额"
    }

    /// One label per fact: its category in this chart. A user's label wins; it may name the
    /// automatic label, a fact's text (`8000万元`) or its place (`000.txt:2481`). A label key that
    /// names nothing is an error, so a typo does not pass unnoticed.
    func categoryLabels(_ facts: [MergedFact], _ base: FactBase) throws(BuildError) -> [String] {
        var auto: [String] = facts.map { f in
            switch group {
            case .fact, .subject: return FactLabel.short(f)
            case .category: return FactBase.category(f).nonEmpty ?? "其他"
            case .article: return ArticleTitle.of(f.sources.first?.file ?? "", base: base)
            case .month, .quarter, .year:
                guard let d = base.date(of: f) else { return "" }
                return period(d)
            }
        }
        if isTimeSeries, let i = auto.firstIndex(of: "") {
            throw fail("“\(facts[i].sources.first?.text ?? "")” has no date (neither its sentence nor its article gives one), so it cannot be placed in time")
        }
        if group == .fact {
            // One category per fact: equal labels are told apart by their amounts.
            var counts: [String: Int] = [:]
            for a in auto { counts[a, default: 0] += 1 }
            auto = zip(auto, facts).map { a, f in counts[a, default: 0] > 1 ? "\(a)（\(f.sources.first?.text ?? "")）" : a }
        }
        var used = Set<String>()
        let out = zip(auto, facts).map { a, f -> String in
            let p = f.sources.first
            let candidates = [a, p?.text ?? "", p.map { "\($0.file):\($0.start)" } ?? ""] + f.sources.map { "\($0.file):\($0.start)" }
            for k in candidates where !k.isEmpty {
                if let l = labels[k] { used.insert(k); return l }
            }
            return a
        }
        let unused = labels.keys.filter { !used.contains($0) }.sorted()
        if !unused.isEmpty {
            throw fail("labels: \(unused.map { "\"\($0)\"" }.joined(separator: ", ")) name\(unused.count == 1 ? "s" : "") no category; the automatic labels are \(Array(Set(auto)).sorted().prefix(10).joined(separator: "、")) (a key may also be a fact's text, e.g. \(facts.first?.sources.first?.text ?? "8000万元"), or file:start)")
        }
        return out
    }

    func period(_ d: ChartDate) -> String {
        switch group {
        case .year: return String(d.year)
        case .quarter: return "\(d.year)年\(["一", "二", "三", "四"][((d.month ?? 1) - 1) / 3])季度"
        default: return d.month.map { String(format: "%04d-%02d", d.year, $0) } ?? ""
        }
    }

    /// Every period from `from` (else the first fact's) to `to` (else the last fact's).
    func timeAxis(_ present: Set<String>) throws(BuildError) -> [String] {
        var all: [(Int, Int)] = []  // (year, month) starts of periods present
        for p in present {
            if group == .year, let y = Int(p) { all.append((y, 1)) }
            else if group == .quarter, let y = Int(p.prefix(4)), let q = ["一", "二", "三", "四"].firstIndex(where: { p.contains($0 + "季度") }) { all.append((y, q * 3 + 1)) }
            else if let d = ChartDate(parsing: p), let m = d.month { all.append((d.year, m)) }
        }
        if group == .month, present.contains(where: { ChartDate(parsing: $0)?.month == nil }) {
            throw fail("some facts give only a year, so they have no month; group: year, or pick facts with month dates (from/to under facts:)")
        }
        let lo = from.map { ($0.year, $0.month ?? 1) } ?? all.min { $0 < $1 } ?? (0, 1)
        let hi = to.map { ($0.year, $0.month ?? 12) } ?? all.max { $0 < $1 } ?? (0, 1)
        var out: [String] = []
        var (y, m) = lo
        let step = group == .year ? 12 : group == .quarter ? 3 : 1
        if group == .quarter { m = (m - 1) / 3 * 3 + 1 }
        if group == .year { m = 1 }
        var guardCount = 0
        while (y, m) <= hi, guardCount < 5000 {
            out.append(period(ChartDate(year: y, month: m)))
            m += step
            if m > 12 { m -= 12; y += 1 }
            guardCount += 1
        }
        if guardCount >= 5000 { throw fail("the dates span more than 5000 periods; set from: and to:") }
        for p in present where !out.contains(p) { out.append(p) }  // outside from/to: kept, not dropped
        return out
    }
}

/// A readable name for an article: its headline (a `title:` in front matter or a `# title:`
/// line, else the first line that is not a URL, a comment, a date line or a byline); for a page
/// that starts straight with its text, the lead clause of its first sentence (dateline, byline
/// and `记者从…了解到` cut off); else its file name.
enum ArticleTitle {
    static func of(_ doc: String, base: FactBase) -> String {
        guard let path = base.paths[doc], let t = ArticleText.scalars(path) else { return doc }
        // The headline is in the first 40 lines: only the top of the page is looked at, so a
        // 10 MB article is not turned into a String and split for every label that names it.
        return headline(String(String.UnicodeScalarView(t.prefix(8000)))) ?? "报道 " + (doc as NSString).deletingPathExtension
    }

    static let metaPrefixes = ["来源", "时间：", "时间:", "发布时间", "发布日期", "发稿时间", "日期", "作者", "记者", "编辑", "责任编辑", "责编", "通讯员",
                               "字号", "字体", "浏览", "点击", "上一篇", "下一篇", "提示", "分享", "打印", "关闭"]

    /// Page furniture a headline is never: breadcrumbs (`首页 > 政务公开`), a line in brackets
    /// (`(资料图片仅供参考)`, `【字体：大 中 小】`), a date or time line (`21.11.2014 18:28`,
    /// `2024-03-31 09:38 某某台`), `label: value` lines, captions and lines too short to name anything.
    static func isFurniture(_ l: String) -> Bool {
        if l.count < 6 || l.hasPrefix("#") || l.hasPrefix("http") || l.hasPrefix("---") || metaPrefixes.contains(where: { l.hasPrefix($0) }) { return true }
        if l.contains(where: { ">＞»›|".contains($0) }) { return true }
        if let f = l.first, let e = l.last, ("(（【[".contains(f) && ")）】]".contains(e)) { return true }
        if TextScan.hasClockTime(l) || TextScan.opensWithNumericDate(l) { return true }
        if l.count <= 40, TextScan.opensWithShortLabel(l), !isPlaceHeadline(l) { return true }
        return TextScan.isCaption(l)
    }

    /// `麦积区：东西部协作消费帮扶出实招见实效结硕果`: a headline led by its place, not a
    /// `label: value` line — the place ends in 区/县/市/州/省/旗/盟/镇/乡/村 and a phrase of eight
    /// or more characters without digits or spaces follows (`来源：某某日报`, `时间：2024-…`,
    /// `单位名称:某某中心` stay furniture).
    static func isPlaceHeadline(_ l: String) -> Bool {
        guard let colon = l.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return false }
        let place = l[..<colon], rest = l[l.index(after: colon)...]
        guard let last = place.last, "区县市州省旗盟镇乡村".contains(last), place.count >= 2 else { return false }
        return rest.count >= 8 && !rest.contains(where: { $0.isNumber || $0.isWhitespace })
    }

    static func headline(_ text: String) -> String? {
        // A bullet or dash opening a line is layout, not part of the headline.
        let lines = text.split(whereSeparator: \.isNewline).prefix(40).map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "•·●■◆▪*"))) }
        // Metadata the page or the user gave: front matter between --- lines, or `# title: …`.
        var inFrontMatter = lines.first == "---"
        for (i, l) in lines.enumerated() {
            if i > 0, inFrontMatter, l == "---" { inFrontMatter = false; continue }
            for key in ["title:", "标题:", "标题："] {
                let body = l.hasPrefix("#") ? l.dropFirst().trimmingCharacters(in: .whitespaces) : (inFrontMatter ? l : "")
                if body.lowercased().hasPrefix(key) {
                    let v = body.dropFirst(key.count).trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\"'")))
                    if (2...60).contains(v.count) { return v }
                }
            }
        }
        inFrontMatter = lines.first == "---"
        for (i, l) in lines.prefix(12).enumerated() {
            if inFrontMatter { if i > 0, l == "---" { inFrontMatter = false }; continue }
            if l.isEmpty || isFurniture(l) { continue }
            if l.count <= 48, !l.hasSuffix("。") { return l }
            return lead(l)
        }
        return nil
    }

    /// The first clause a reader would take as the headline of a page without one: after the
    /// dateline (`央广网乌鲁木齐10月31日消息`), the byline in brackets, a `记者从…了解到` lead-in and
    /// short time frames (`近年来`, `日前`); at most 30 characters, cut at a clause break.
    static func lead(_ line: String) -> String? {
        var t = line
        let punctuation = CharacterSet(charactersIn: ":：,，、 \u{3000}").union(.whitespaces)
        for cut in TextScan.leadCuts {
            t = TextScan.droppingLead(t, cut).trimmingCharacters(in: punctuation)
        }
        let clauses = t.split(whereSeparator: { "，,。；;！？!?".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        // Frames (根据…要求, 在…下, “十三五”期间, 今年以来) are not what the page is about.
        func frame(_ c: String) -> Bool {
            ["根据", "按照", "依据", "为了", "为进一步", "随着", "在"].contains { c.hasPrefix($0) } || ["期间", "以来", "要求", "下", "中", "时"].contains { c.hasSuffix($0) }
        }
        guard let first = clauses.first(where: { $0.count >= 6 && !frame($0) }) ?? clauses.first(where: { $0.count >= 6 }) else { return nil }
        return first.count <= 30 ? first : String(first.prefix(29)) + "…"
    }
}
