@testable import Extraction
import Testing

/// The flat lookups the recognisers use per character agree with the hashed sets they replaced.
@Suite struct LookupTests {
    @Test func scalarSetAgreesWithSetOnEveryScalarOfAWideRange() {
        let members = "，,；;：:。！？!?…”）的了\n 　\u{10000}"
        let flat = ScalarSet(stringLiteral: members)
        let hashed = Set(members.unicodeScalars)
        // ASCII, CJK punctuation, the CJK block, full-width forms and a plane-1 scalar: the filter
        // uses the low byte only, so characters that share it with a member must still be rejected.
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x3000...0x303F, 0x4E00...0x9FFF, 0xFF00...0xFFEF, 0x10000...0x10100]
        var checked = 0
        for r in ranges {
            for v in r {
                guard let c = Unicode.Scalar(v) else { continue }
                #expect(flat.contains(c) == hashed.contains(c), "U+\(String(v, radix: 16))")
                checked += 1
            }
        }
        #expect(checked > 20_000)
        #expect(Set(flat.scalars) == hashed)
    }

    @Test func anEmptySetHoldsNothing() {
        let empty = ScalarSet(stringLiteral: "")
        #expect(!empty.contains("a") && !empty.contains("\u{0}") && !empty.contains("的"))
    }

    @Test func subjectLabelsAreTrimmedOnceAndCutWithAnEllipsis() {
        #expect(Extractor.trimLabel(scalars("，共累计投入资金的"), 24) == "投入资金", "共 and 累计 drop once each, in order")
        #expect(Extractor.trimLabel(scalars("达到"), 24) == "达到", "a lead word with too little after it stays")
        #expect(Extractor.trimLabel(scalars(String(repeating: "援", count: 30)), 24) == String(repeating: "援", count: 24) + "…")
        #expect(SubjectText.clean(scalars("，其中共安排援疆资金、")) == scalars("援疆资金"))
        #expect(SubjectText.isGeneric(scalars("安排援疆资金")))
        #expect(!SubjectText.isGeneric(scalars("智力支援类项目援疆资金")))
    }
}

/// WordList reads a range once and answers what the per-word scans answered.
@Suite struct WordListTests {
    let list = WordList(["签约", "签订合同", "举行", "开", "开园"])

    func naiveOccurs(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool { list.words.contains { t.contains($0, in: r) } }
    func naiveHits(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Int { list.words.filter { t.contains($0, in: r) }.count }

    @Test func occurrencesAndHitsAgreeWithPerWordScansOnEveryRange() {
        let t = scalars("昨日签约，今天举行开园仪式并签订合同，开开。")
        for a in 0...t.count {
            for b in a...t.count {
                #expect(list.occurs(in: t, a..<b) == naiveOccurs(t, a..<b), "\(a)..<\(b)")
                #expect(list.distinctHits(in: t, a..<b) == naiveHits(t, a..<b), "\(a)..<\(b)")
            }
        }
    }

    @Test func aWordMustLieWhollyInsideTheRange() {
        let t = scalars("双方签约")
        #expect(!list.occurs(in: t, 0..<3), "签约 runs past the range's end")
        #expect(list.occurs(in: t, 2..<4))
        #expect(list.distinctHits(in: scalars("开园开园开"), 0..<5) == 2, "a word seen twice counts once")
    }

    @Test func longestAndStartsAt() {
        let t = scalars("正式开园")
        #expect(list.longest(at: 2, in: t) == scalars("开园"))
        #expect(list.longest(at: 1, in: t) == nil)
        #expect(list.starts(at: 2, in: t) && !list.starts(at: 3, in: t) && !list.starts(at: 9, in: t))
    }
}
