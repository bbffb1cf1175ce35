import Extraction
import Foundation

/// A short, readable category label for an amount or count, from the words around it: what a
/// person would write in a table's first column (天网工程, 安居富民工程, 智力支援类项目,
/// 文化礼堂), not the extractor's clause (`杭州援疆指挥部继续投入援疆资金`).
///
/// In order: a name in quotes before the number (“安居富民工程”); what the money is for, after it
/// (用于…, 建成…, 购买…); the extractor's subject when it is specific; the words before the number
/// in its clause; the clause before it in the same list item (`智力支援类项目58个，安排援疆资金…`).
/// Generic words (援疆资金, 安排, 投入, 共 …), agents (…指挥部) and dates are dropped.
enum FactLabel {
    static let maxLength = 16
    static let generic = ["援疆资金", "援助资金", "援建资金", "帮扶资金", "补助资金", "资金总额", "资金", "总投资", "总额", "援疆", "援助",
                          "安排", "落实", "投入", "投资", "下达", "共计", "累计", "合计", "共", "总", "计划", "实施", "已", "还", "继续",
                          "其中", "达到", "达", "约", "近", "超过", "超", "金额", "价值", "等", "这项", "该项", "用于", "先后", "全年", "今年", "当年", "元"]
    static let agents = ["指挥部", "政府", "委员会", "发改委", "集团", "公司", "工作组", "办公室"]
    static let purposeVerbs = ["用于", "建成了", "建成", "建设", "购买", "修建", "新建", "改建", "实施", "支持", "开展"]
    static let clauseBreaks: Set<Character> = ["，", ",", "、", "：", ":"]
    static let itemBreaks: Set<Character> = ["；", ";", "。"]

    static func short(_ f: MergedFact) -> String {
        guard let p = f.sources.first else { return FactBase.subject(f) }
        let s = p.sentence
        guard let r = s.range(of: p.text) else { return cleaned(FactBase.subject(f)).nonEmpty ?? p.text }
        // The list item (between ；) holding the number, and the clause (between ，) within it.
        let itemStart = s[..<r.lowerBound].lastIndex(where: { itemBreaks.contains($0) }).map { s.index(after: $0) } ?? s.startIndex
        let itemEnd = s[r.upperBound...].firstIndex(where: { itemBreaks.contains($0) }) ?? s.endIndex
        let clauseStart = s[itemStart..<r.lowerBound].lastIndex(where: { clauseBreaks.contains($0) }).map { s.index(after: $0) } ?? itemStart
        let before = String(s[clauseStart..<r.lowerBound])
        let afterAll = String(s[r.upperBound..<itemEnd])
        // The rest of this clause and the next one.
        let afterParts = afterAll.split(omittingEmptySubsequences: false, whereSeparator: { clauseBreaks.contains($0) }).prefix(2).map(String.init)
        if let q = quoted(String(s[itemStart..<r.lowerBound])) { return q }
        for part in afterParts {
            for verb in purposeVerbs {
                guard let v = part.range(of: verb) else { continue }
                var rest = String(part[v.upperBound...])
                rest = stripQuantity(rest.hasPrefix("了") ? String(rest.dropFirst()) : rest)
                if let q = quoted(rest), rest.hasPrefix("“") && q.count >= rest.count - 4 { return q }
                if let c = cleaned(rest).nonEmpty { return c }
            }
        }
        // A count with a measure word names its thing right after it (`4所幼儿园`, `22个国家级扶贫
        // 开发重点县已被列入…`), unless a predicate follows (`5人顺利抵达…`); else just before it
        // (`其中国家级36个`, `示范县累计培训达1740批次`).
        if f.kind == .count, let noun = countedNoun(afterAll) { return noun }
        if f.kind == .count, let c = cleaned(before).nonEmpty, (2...12).contains(c.count) { return c }
        // A headline has spaces for commas: the words after the last one (`… 实施援藏项目66个`).
        if f.kind == .count, let seg = before.split(whereSeparator: { $0.isWhitespace || $0 == "、" }).last.map(String.init), seg.count < before.count,
           let c = cleaned(seg).nonEmpty, (2...12).contains(c.count) { return c }
        if let subj = cleaned(FactBase.subject(f)).nonEmpty, subj.count >= 3 { return subj }
        if let c = cleaned(before).nonEmpty, c.count >= 2 {
            // Two characters left after the generic words (`到位`, `协议`) say too little: keep
            // the words the amount was given with (`当年到位资金`, `协议金额`).
            if c.count == 2, let rich = cleaned(before, keepGeneric: true).nonEmpty, rich.count > 2 { return rich }
            return c
        }
        let previous = s[itemStart..<clauseStart].split(whereSeparator: { clauseBreaks.contains($0) }).last.map(String.init) ?? ""
        if let c = cleaned(stripTrailingQuantity(previous)).nonEmpty, c.count >= 2 { return c }
        // The subject as the extractor gave it, without agents and punctuation; else the kind.
        let bare = cleaned(FactBase.subject(f), keepGeneric: true)
        return bare.nonEmpty ?? FactChart.kindNames[f.money?.kind ?? ""] ?? f.count.map { "数量（\($0.unit)）" } ?? p.text
    }

    /// Words that open a predicate or a frame, not a noun: after `5人` they say what the five did.
    static let predicateStarts = ["已", "被", "将", "正", "在", "从", "到", "于", "向", "对", "顺利", "抵达", "到达", "参加", "参与", "获得",
                                  "受益", "实现", "完成", "落地", "开工", "建成", "入驻", "签约", "签订", "与", "和", "及", "等", "的",
                                  "以上", "左右", "次", "共", "均", "都", "也", "还", "赴", "前往", "进行", "开展", "接受", "得到",
                                  "分别", "全部", "住进", "走进", "成为", "通过", "达到", "是", "为", "来", "多", "余", "上下",
                                  "增收", "脱贫", "就业", "致富", "务工", "参训", "入学", "上岗", "返乡", "稳定", "受训"]
    /// Where the noun after a measure word ends: the predicate or a joined second noun begins.
    static let nounEnds = ["已", "被", "将", "正在", "顺利", "抵达", "到达", "参加", "参与", "获得", "受益", "实现", "完成", "落地", "开工",
                           "建成", "入驻", "签约", "签订", "与", "和", "及", "等", "的", "共", "均", "都", "也", "还", "分别", "全部",
                           "住进", "走进", "成为", "通过", "达到", "项目已", "是", "在", "到", "今年", "去年", "当年", "累计",
                           "向", "投入", "安排", "实施", "开展", "动员", "共建", "帮助", "引导", "带动"]

    /// The noun a measure word counts, read from the text right after the number (up to the end
    /// of its clause): nil when a predicate follows or what remains is too short or long to name.
    static func countedNoun(_ after: String) -> String? {
        let clause = String(after.prefix { !clauseBreaks.contains($0) && !itemBreaks.contains($0) && $0 != "“" && $0 != "(" && $0 != "（" })
        guard clause.count >= 2, particleWords.contains(where: { clause.hasPrefix($0) }) || !predicateStarts.contains(where: { clause.hasPrefix($0) }),
              let first = clause.unicodeScalars.first, (0x4E00...0x9FFF).contains(first.value) else { return nil }
        // The noun ends where the first digit or Latin letter begins (`对口省市到疆45.8亿元`).
        var end = clause.firstIndex { c in c.unicodeScalars.contains { !(0x4E00...0x9FFF).contains($0.value) } } ?? clause.endIndex
        for word in nounEnds {
            if let r = clause.range(of: word), r.lowerBound < end { end = r.lowerBound }
        }
        let noun = String(clause[..<end])
        guard (2...maxLength).contains(noun.count), noun.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) }) else { return nil }
        return noun
    }

    /// The first “…” name in a text, with 工程/项目/计划 directly after the closing quote.
    static func quoted(_ t: String) -> String? {
        guard let a = t.firstIndex(where: { $0 == "“" || $0 == "「" }),
              let b = t[t.index(after: a)...].firstIndex(where: { $0 == "”" || $0 == "」" }) else { return nil }
        let inner = String(t[t.index(after: a)..<b])
        guard inner.count >= 2, inner.count <= maxLength else { return nil }
        let tail = t[t.index(after: b)...]
        for suffix in ["工程", "项目", "计划", "行动"] where tail.hasPrefix(suffix) && !inner.hasSuffix(suffix) { return inner + suffix }
        return inner
    }

    /// Drops a leading quantity (`6000平方米`, `10个`) so the label is the thing, not its size.
    static func stripQuantity(_ t: String) -> String {
        var s = Substring(t)
        guard let first = s.first, first.isNumber else { return t }
        s = s.drop(while: { $0.isNumber || $0 == "." })
        for unit in ["平方米", "万平方米", "公里", "千米", "亩", "个", "座", "所", "家", "台", "套", "批", "项", "条"] where s.hasPrefix(unit) {
            s = s.dropFirst(unit.count); break
        }
        return String(s)
    }

    /// Without the generic words, wherever they stand; a single character (共, 达, 约, 超, 元 …)
    /// only where it is the adverb or the unit, not a piece of a word (`达成`, `签约`, `超市`,
    /// `公共`, `共享` keep theirs; cutting them left `成签意向`, `意向签`).
    static func droppingGeneric(_ raw: String) -> String {
        var t = raw
        for g in generic where g.count > 1 { t = t.replacingOccurrences(of: g, with: "") }
        let chars = Array(t)
        var kept = [Bool](repeating: true, count: chars.count)
        for (i, c) in chars.enumerated() where singleGeneric.contains(c) { kept[i] = false }
        for w in wordsWithSingles {
            let word = Array(w)
            guard word.count <= chars.count else { continue }
            for i in 0...(chars.count - word.count) where Array(chars[i..<(i + word.count)]) == word {
                for k in i..<(i + word.count) { kept[k] = true }
            }
        }
        let out = String(chars.indices.filter { kept[$0] }.map { chars[$0] })
        return out.isEmpty ? t : out
    }

    static let singleGeneric = Set(generic.filter { $0.count == 1 }.compactMap(\.first))
    /// Words a single-character generic word is part of: they stay whole.
    static let wordsWithSingles = ["共享", "共同", "共建", "共青", "共富", "共赢", "公共", "总书记", "总部", "汇总", "超市", "赶超",
                                   "元旦", "单元", "多元", "公元", "约定", "签约", "节约", "预约", "合约", "履约", "公约", "制约",
                                   "特约", "达成", "达标", "到达", "抵达", "发达", "送达", "表达", "附近", "临近", "就近", "近期",
                                   "近年", "最近", "平等", "对等", "相等", "均等", "等级"]

    /// Drops a trailing count (`智力支援类项目58个` → `智力支援类项目`).
    static func stripTrailingQuantity(_ t: String) -> String {
        TextScan.droppingTrailingQuantity(t)
    }

    /// Single-character particles at the ends (`的`, `对`, `和` …) are dropped, but not where they
    /// open a word (对口支援, 和田, 在建项目, 为民, 与会, 及时): cutting those left `口省市`.
    static let particles = Set("的了在于是对为将把和与及")
    static let particleWords = ["对口", "对外", "和田", "和静", "和硕", "在建", "在线", "在岗", "为民", "与会", "及时", "于都", "是否"]

    static func trimParticles(_ raw: String) -> String {
        let punctuation = CharacterSet(charactersIn: ",，、:：;；. ").union(.whitespaces)
        var t = raw.trimmingCharacters(in: punctuation)
        while let f = t.first, particles.contains(f), !particleWords.contains(where: { t.hasPrefix($0) }) {
            t = String(t.dropFirst()).trimmingCharacters(in: punctuation)
        }
        while let l = t.last, particles.contains(l) {
            t = String(t.dropLast()).trimmingCharacters(in: punctuation)
        }
        return t
    }

    /// Without agents, generic words, dates, brackets and stray particles; cut to `maxLength`.
    static func cleaned(_ raw: String, keepGeneric: Bool = false) -> String {
        var t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Web addresses are not labels (a sentence may run on from a URL line).
        t = TextScan.droppingWebAddresses(t)
        for a in agents {
            if let r = t.range(of: a, options: .backwards) { t = String(t[r.upperBound...]) }
        }
        // A leading date (`2015年`, `12月`) or place frame (`在阿克苏市…`) is not the thing.
        t = TextScan.droppingLeadingDates(t)
        if !keepGeneric { t = droppingGeneric(t) }
        t = TextScan.droppingQuotesAndBrackets(t)
        t = trimParticles(t)
        for lead in ["随着", "通过", "目前", "此外", "同时", "据悉", "据介绍"] where t.hasPrefix(lead) && t.count > lead.count + 1 { t = String(t.dropFirst(lead.count)) }
        // The verb that joined the words to the number (`到位资金将达`, `协议金额约`) is not the thing.
        var trimmed = true
        while trimmed {
            trimmed = false
            for tail in ["将达", "达到", "达", "约为", "约", "近", "超过", "超", "共计", "合计", "累计", "总计", "为", "是", "共"]
            where t.hasSuffix(tail) && t.count > tail.count + 1 && !(tail.count == 1 && wordsWithSingles.contains { t.hasSuffix($0) }) {
                t = String(t.dropLast(tail.count)); trimmed = true
            }
        }
        if t.count > maxLength { t = String(t.prefix(maxLength - 1)) + "…" }
        return t
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
