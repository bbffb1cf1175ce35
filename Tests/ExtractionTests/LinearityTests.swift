import Extraction
import Foundation
import Testing

/// Cost stays linear in the length of a sentence: thousands of dates or amounts in one
/// sentence (a pasted table, a list) are read in one pass. The bound is generous (debug build,
/// shared machine); before the clause index it took over 20 s.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

@Suite struct LinearityTests {
    @Test func oneSentenceWithThousandsOfDatesAndAmounts() {
        let dates = (0..<3000).map { "\($0 % 12 + 1)月\($0 % 28 + 1)日" }.joined(separator: "、") + "举行活动。"
        let amounts = "安排资金" + (1...4000).map { "\($0)万元" }.joined(separator: "、") + "。"
        let clauses = (1...2000).map { "项目\($0)个投入\($0)万元" }.joined(separator: "，") + "。"
        // This thread's CPU time, not the wall clock: other suites run beside this one.
        let start = threadCPUSeconds()
        let f = facts(dates + "\n" + amounts + "\n" + clauses)
        let seconds = threadCPUSeconds() - start
        #expect(f.dates.count == 3000)
        #expect(f.money.count == 6000)
        #expect(f.counts.count == 2000)
        #expect(f.money.allSatisfy { $0.source.sentence.count < 300 }, "a long sentence is cited by an excerpt")
        #expect(seconds < 6, "took \(seconds) s of CPU (about 2 s in debug)")
    }

    @Test func oneClauseOfThousandsOfCountsAndYears() {
        // Counts whose counted nouns are looked for to the clause's end, and years that look
        // for figures in their words: both bounded.
        let counts = "新建" + (1...4000).map { "\($0)个“站点”" }.joined(separator: "") + "。"
        let years = (0..<2000).map { "\(1950 + $0 % 150)年完成\($0)个" }.joined(separator: "、") + "。"
        let start = threadCPUSeconds()
        let f = facts(counts + "\n" + years)
        let seconds = threadCPUSeconds() - start
        #expect(f.counts.count == 6000)
        #expect(f.dates.count == 2000)
        #expect(seconds < 6, "took \(seconds) s of CPU")
    }
}

/// Inputs that once stopped the extractor (found by feeding it random runs of dates, numerals
/// and furniture): each must give facts, not a crash.
@Suite struct EdgeInputTests {
    @Test func aYearClosingTheText() {
        #expect(facts("项目始于2015年").dateValues == ["2015"])
        #expect(facts("今年").dateValues == ["2016"])
    }

    @Test func aShortDateClauseBeforeAVeryLongOne() {
        let long = String(repeating: "各族群众", count: 40)
        let f = facts("5月3日，" + long + "举行大会。", ref: "2016-06-01")
        #expect(f.dateValues == ["2016-05-03"])
        #expect((f.dates.first?.event.count ?? 99) <= 20)
        let g = facts(long + "大会在" + long + "，5月3日。", ref: "2016-06-01")
        #expect(g.dateValues == ["2016-05-03"])
    }
}
