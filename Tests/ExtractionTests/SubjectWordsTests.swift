import Extraction
import Testing

/// A subject loses the verbs and adverbs before its number (共, 计, 有, 达 …), never a character
/// of a word that merely starts with one (有关, 计划, 达成, 公共, 共享).
@Suite struct SubjectWordsTests {
    @Test func wordsThatOpenWithALeadingVerbStayWhole() {
        let f = facts("各工作队与有关投资方达成签约意向的项目共105个、计划投资157亿元。")
        let subjects = f.money.map(\.subject) + f.counts.map(\.subject)
        #expect(subjects.contains { $0.contains("有关投资方达成签约意向") }, "\(subjects)")
        #expect(!subjects.contains { $0.hasPrefix("关") || $0.hasPrefix("划") }, "\(subjects)")
        let plan = facts("计划投资72亿元（人民币，下同）。")
        #expect(plan.money.first?.subject.hasPrefix("计划投资") == true, "\(plan.money.map(\.subject))")
    }

    @Test func theAdverbGongGoesButTheGongOfAWordStays() {
        let f = facts("今年共安排公共服务设施建设资金3000万元，共享农场投入200万元。")
        let subjects = f.money.map(\.subject)
        #expect(subjects.count == 2)
        #expect(subjects.first?.contains("公共服务设施") == true, "\(subjects)")
        #expect(subjects.last?.contains("共享农场") == true, "\(subjects)")
        #expect(subjects.first?.hasPrefix("共") == false, "\(subjects)")
    }
}
