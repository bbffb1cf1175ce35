/// Cleaning a subject phrase: what the number measures, without the verbs around it.
///
/// Works on scalars (one per Chinese character), not Foundation strings: it runs for every
/// amount and count, and `replacingOccurrences`, `hasPrefix` and `dropFirst` on `String` were a
/// fifth of extraction's time.
enum SubjectText {
    static let leadingWords = ["其中", "一共", "先后", "分别", "还", "再", "总共", "共计", "总计", "合计", "累计", "共", "投入", "安排落实", "安排", "落实", "下达", "达到", "达", "约", "有", "为",
                               "实现", "完成", "新增", "拨付", "筹集", "争取", "带动", "已", "计"].map(scalars)
    static let genericWords = ["援疆资金", "援助资金", "帮扶资金", "资金总额", "资金", "总额", "金额", "项目", "总投资", "投资", "人", "个"].map(scalars)

    static let trimSet: ScalarSet = " 　,，、。:：;；\"“”的了()（）\n"

    /// Words a one-character verb or adverb of `leadingWords` opens: `有关投资方` keeps its 有,
    /// `计划投资` its 计, `达成` its 达. Cutting them left `关投资方`, `划投资`, `成签约意向`.
    static let wordsOpenedByLeads = ["有关", "有限", "有效", "有序", "有力", "有机", "有偿", "计划", "计算", "达成", "达标",
                                     "约定", "约束", "为民", "还款", "再生", "已知"].map(scalars)
    /// Words 共 is part of (公共, 共享, 共同, 共建 …), where it is not the adverb "in all".
    static let gongWords = ["公共", "共享", "共同", "共建", "共产", "共青", "共富", "共赢", "共治", "共担", "共识"].map(scalars)

    /// Whether a one-character lead at `i` is the start of a word it must not be cut from.
    static func opensWord(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        wordsOpenedByLeads.contains { s.has($0, at: i) } || gongWords.contains { s.has($0, at: i) }
    }

    /// The phrase without the adverb 共 (not the 共 of 公共 or 共享) and without the verbs it opens with.
    static func clean(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(s.count)
        for i in s.indices {
            if s[i] == "共", !gongWords.contains(where: { w in (i - w.count + 1...i).contains { s.has(w, at: $0) } }) { continue }
            kept.append(s[i])
        }
        return dropVerbs(kept)
    }

    static func dropVerbs(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var lo = 0, hi = s.count
        while lo < hi, trimSet.contains(s[lo]) { lo += 1 }
        var changed = true
        while changed {
            changed = false
            for w in leadingWords where s.has(w, at: lo) && hi - lo > w.count && !(w.count == 1 && opensWord(s, at: lo)) {
                lo += w.count; changed = true
            }
        }
        while hi > lo, trimSet.contains(s[hi - 1]) { hi -= 1 }
        return Array(s[lo..<hi])
    }

    /// Says nothing beyond 资金/项目: the clause before must give the topic.
    static func isGeneric(_ s: [Unicode.Scalar]) -> Bool {
        var x = dropVerbs(s)
        for g in genericWords { x = EventLabel.replacing(x, g, with: []) }
        return x.count <= 1
    }

    static let numberTail: ScalarSet = ".%万亿多余元"

    /// The topic of a clause: its words with numbers and their measure words taken out
    /// (`智力支援类项目58个` → `智力支援类项目`).
    static func topic(_ t: [Unicode.Scalar], _ r: Range<Int>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var i = r.lowerBound
        while i < r.upperBound {
            if isDigit(t[i]) {
                while i < r.upperBound, isDigit(t[i]) || numberTail.contains(t[i]) { i += 1 }
                if let m = Lexicon.measures.longest(at: i, in: t) { i += m.count }
                continue
            }
            out.append(t[i]); i += 1
        }
        return dropVerbs(out)
    }
}
