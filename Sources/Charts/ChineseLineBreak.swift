/// Where a Chinese label may break, and the balanced lines that result.
///
/// WHY: Pango breaks Chinese between any two characters (UAX #14), so a label wrapped to a
/// width split words (`援/疆资金`, `到位资/金`) and left one character alone (`类`). Charts must
/// not depend on the extractor's vocabulary, so this is a small rule set of its own:
/// punctuation is the best place to break; a break before a common suffix word (类, 项目, 资金,
/// 工程 …) or after a particle (的, 和, 与, 及 …) or a date (年, 月) is good; a break inside a
/// common word is poor; digits, Latin words and a number with its measure word (44家, 2015年)
/// never break; no line holds a single character. Among the breaks that fit, the lines are
/// balanced, so a two-line label reads as two halves rather than a full line and a stub.
public enum ChineseLineBreak {
    /// `text` with `\n` where it should break so each line fits `width` in at most `maxLines`
    /// lines; `text` unchanged when it fits on one line or no break rule helps (the caller's
    /// wrapping and ellipsis then apply as before). `measure` gives a string's width.
    public static func wrap(_ text: String, width: Double, maxLines: Int, measure: (String) -> Double) -> String {
        guard let lines = lines(text, width: width, maxLines: maxLines, measure: measure) else { return text }
        return lines.joined(separator: "\n")
    }

    /// The lines, or nil as for `wrap`.
    public static func lines(_ text: String, width: Double, maxLines: Int, measure: (String) -> Double) -> [String]? {
        guard width > 0, maxLines >= 2, !text.contains("\n") else { return nil }
        let chars = Array(text)
        let n = chars.count
        guard n >= 4, n <= 400, measure(text) > width else { return nil }
        // Width of every prefix: one measurement per character, differences give any line.
        var prefix = [0.0]
        var acc = ""
        for c in chars { acc.append(c); prefix.append(measure(acc)) }
        let cost = breakCosts(chars)
        func w(_ a: Int, _ b: Int) -> Double { prefix[b] - prefix[a] }
        func okLine(_ a: Int, _ b: Int) -> Bool {
            w(a, b) <= width + 0.01 && chars[a..<b].filter { !isPunctuation($0) && $0 != " " }.count >= 2
        }
        var best: (score: Double, cuts: [Int])?
        func consider(_ cuts: [Int]) {
            let bounds = [0] + cuts + [n]
            var widths: [Double] = []
            var total = 0.0
            for k in 0..<(bounds.count - 1) {
                guard okLine(bounds[k], bounds[k + 1]) else { return }
                widths.append(w(bounds[k], bounds[k + 1]))
            }
            for c in cuts { total += cost[c] }
            let spread = ((widths.max() ?? 0) - (widths.min() ?? 0)) / width
            // Good breaks first (a break inside a word costs more than another line), then
            // fewer lines, then balance.
            let score = Double(cuts.count) * 3 + total + 6 * spread
            if let b = best, b.score <= score { return }
            best = (score, cuts)
        }
        let candidates = (1..<n).filter { cost[$0].isFinite }
        for a in candidates { consider([a]) }
        if maxLines >= 3, n <= 80 {
            for a in candidates { for b in candidates where b > a + 1 { consider([a, b]) } }
        }
        guard let cuts = best?.cuts else { return nil }
        let bounds = [0] + cuts + [n]
        return (0..<(bounds.count - 1)).map { k in
            String(chars[bounds[k]..<bounds[k + 1]]).trimmingSpaces
        }
    }

    /// Suffix words a break may come before: what a name is a kind of.
    static let suffixes: [String] = ["项目", "资金", "工程", "建设", "基地", "中心", "产业园", "产业", "企业", "学校", "医院", "活动", "物品",
                                     "补助", "奖励", "示范园", "联赛", "培训", "工作", "计划", "合作", "发展", "援疆", "帮扶", "协作", "销售额",
                                     "投资", "服务", "设施", "改造", "专项", "经费", "类"]
    /// Words a break may come after: particles, conjunctions, places in time.
    static let breakAfter: Set<Character> = ["的", "和", "与", "及", "或", "并", "等", "年", "月", "日", "后", "前", "中"]
    /// Common two- and three-character words of these reports, not to be split.
    static let words: [String] = ["促进", "民族", "交往", "交流", "交融", "援疆", "援藏", "资金", "项目", "工程", "到位", "上半年", "下半年",
                                  "兵团", "建设", "产业", "企业", "电子商务", "电商", "农牧民", "农村", "文化", "体育", "教育", "医疗",
                                  "就业", "培训", "消费", "帮扶", "销售", "计划", "安排", "实施", "乡村", "振兴", "基础", "设施",
                                  "示范", "园区", "大棚", "蔬菜", "补助", "奖励", "乐器", "活动", "物品", "礼堂", "安居", "富民",
                                  "指挥部", "合作", "交通", "水利", "住房", "改造", "专项", "社会", "事业", "民生", "人才", "干部",
                                  "骨干", "抵达", "开展", "交接", "推动", "入选", "国家", "上线", "运行", "举行", "获评", "批准",
                                  "启动", "设立", "开园", "入驻", "学院", "学生", "小学", "中学", "直播", "带货", "农产品", "特色"]

    /// Cost of breaking before character `i` (1..<n): 0 at punctuation, 1 at a word rule,
    /// 3 between two characters, 20 inside a known word, infinite where a break is never right.
    static func breakCosts(_ c: [Character]) -> [Double] {
        let n = c.count
        var cost = [Double](repeating: 3, count: n + 1)
        cost[0] = .infinity; cost[n] = .infinity
        // Inside known words (longest match wins where they overlap).
        var inside = [Bool](repeating: false, count: n + 1)
        var i = 0
        while i < n {
            var matched = 1
            for word in words.sorted(by: { $0.count > $1.count }) {
                let wc = Array(word)
                if i + wc.count <= n, Array(c[i..<i + wc.count]) == wc { matched = wc.count; break }
            }
            if matched > 1 { for k in (i + 1)..<(i + matched) { inside[k] = true } }
            i += matched
        }
        for i in 1..<n {
            let prev = c[i - 1], next = c[i]
            if inside[i] { cost[i] = 20 }
            if breakAfter.contains(prev) { cost[i] = min(cost[i], 1) }
            for s in suffixes {
                let sc = Array(s)
                if i + sc.count <= n, Array(c[i..<i + sc.count]) == sc { cost[i] = min(cost[i], 1) }
            }
            if isClosing(prev) || prev == " " || prev == "·" { cost[i] = 0 }
            // Never: inside digits or Latin words, between a number and its measure word,
            // before closing or after opening punctuation.
            if isAlnum(prev) && (isAlnum(next) || next == "." || next == "%" || next == "％") { cost[i] = .infinity }
            if (prev == "." || prev == ",") && isAlnum(next) { cost[i] = .infinity }
            if prev.isASCII && prev.isNumber && !next.isASCII { cost[i] = .infinity }
            if isClosing(next) || isOpening(prev) { cost[i] = .infinity }
        }
        return cost
    }

    static func isAlnum(_ ch: Character) -> Bool { ch.isASCII && (ch.isLetter || ch.isNumber) }
    static func isClosing(_ ch: Character) -> Bool { "，。、；：！？）》」』”’,.;:!?)]".contains(ch) }
    static func isOpening(_ ch: Character) -> Bool { "（《「『“‘([".contains(ch) }
    static func isPunctuation(_ ch: Character) -> Bool { isClosing(ch) || isOpening(ch) || ch == "·" || ch == "—" || ch == "…" }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
