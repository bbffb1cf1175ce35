import Foundation
@testable import Pipeline
import Testing

/// Each scan in `TextScan` must do exactly what the ICU regular expression it replaced did.
/// ICU is the oracle here: thousands of strings built from the pieces each pattern cares about
/// (digits of both widths, every kind of space and line break, brackets, the words of the
/// alternations, characters outside the BMP) go through both.
@Suite struct TextScanTests {
    static let pieces: [String] = [
        "0", "5", "9", "12", "2024", "０", "９", "一", "十", " ", "\u{3000}", "\t", "\n", "\r\n", "\r", "\u{2028}",
        "\u{0B}", "\u{85}", "\u{A0}", "，", ",", "、", "．", ".", "。", "；", ";", ":", "：", "-", "/", "(", ")", "（", "）",
        "[", "]", "“", "”", "「", "」", "\"", "《", "》", "记者", "通讯员", "笔者", "从", "自", "在", "了解到", "获悉",
        "获知", "得知", "据", "介绍", "消息", "报道", "统计", "电", "讯", "月", "日", "年", "底", "初", "末", "图为", "圖为",
        "图片来源", "供图", "摄", "个", "项", "万", "亿", "元", "类", "http", "https", "s", "//", "a", "援疆", "项目",
        "杭州援疆指挥部全面启动", "😀", "e\u{301}", "12:30", "9：05", "2024-03-31", "21.11.2014", "1/2/2020", "2024.1.",
        "10月31日", "据统计", "记者从",
    ]

    /// A fixed-seed generator, so a failure names a string that fails again.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func samples(_ count: Int, seed: UInt64, maxPieces: Int = 12) -> [String] {
        var g = Generator(state: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...maxPieces, using: &g)).map { _ in pieces.randomElement(using: &g) ?? "" }.joined()
        }
    }

    // The oracle: ICU through NSRegularExpression, each pattern compiled once for its 4,000
    // strings (`replacingOccurrences(of:options: .regularExpression)` is the same engine).
    static func regex(_ pattern: String) -> NSRegularExpression? { try? NSRegularExpression(pattern: pattern) }

    static func icuRemoving(_ re: NSRegularExpression, _ s: String) -> String {
        re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "")
    }

    static func icuFirst(_ re: NSRegularExpression, _ s: String) -> Range<String.Index>? {
        re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)).flatMap { Range($0.range, in: s) }
    }

    @Test func removalsMatchICU() {
        let cases: [(String, (String) -> String)] = [
            (#"^[0-9０-９\s]+[，,、．.]\s*"#, TextScan.droppingListNumber),
            (#"[(（](记者|通讯员)[^)）]*[)）]"#, TextScan.droppingBylines),
            (#"[0-9０-９.]+[个项所家名人座条批类户次万亿元]*$"#, TextScan.droppingTrailingQuantity),
            (#"(https?:)?//[^\s，。]*|https?:?"#, TextScan.droppingWebAddresses),
            (#"[“”「」\"()（）\[\]《》]"#, TextScan.droppingQuotesAndBrackets),
        ]
        for (k, (pattern, scan)) in cases.enumerated() {
            guard let re = Self.regex(pattern) else { Issue.record("\(pattern) does not compile"); continue }
            var failures: [String] = []
            for s in Self.samples(4_000, seed: UInt64(k + 1)) where scan(s) != Self.icuRemoving(re, s) { failures.append(s) }
            #expect(failures.isEmpty, "\(pattern): \(failures.prefix(3).map { $0.debugDescription })")
        }
    }

    @Test func leadingDatesMatchICU() {
        guard let re = Self.regex(#"^[0-9０-９]{1,4}(年|月|日)(底|初|末)?"#) else { Issue.record("no regex"); return }
        var failures: [String] = []
        for s in Self.samples(4_000, seed: 11) {
            var t = s
            while let r = Self.icuFirst(re, t), !r.isEmpty { t.removeSubrange(r) }
            if TextScan.droppingLeadingDates(s) != t { failures.append(s) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3).map { $0.debugDescription })")
    }

    @Test func testsMatchICU() {
        let cases: [(String, (String) -> Bool)] = [
            (#"[0-9０-９]{1,2}[:：][0-9０-９]{2}"#, TextScan.hasClockTime),
            (#"^([0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4})"#, TextScan.opensWithNumericDate),
            (#"^[^，,。\s]{1,6}[:：]"#, TextScan.opensWithShortLabel),
            (#"^[图圖]为|^图片来源|供图$|摄$"#, TextScan.isCaption),
        ]
        for (k, (pattern, scan)) in cases.enumerated() {
            guard let re = Self.regex(pattern) else { Issue.record("\(pattern) does not compile"); continue }
            var failures: [String] = []
            var hits = 0
            for s in Self.samples(4_000, seed: UInt64(20 + k), maxPieces: 8) {
                let expected = Self.icuFirst(re, s) != nil
                if expected { hits += 1 }
                if scan(s) != expected { failures.append(s) }
            }
            #expect(failures.isEmpty, "\(pattern): \(failures.prefix(3).map { $0.debugDescription })")
            #expect(hits > 20, "\(pattern): the samples must also contain matches (\(hits))")
        }
    }

    @Test func leadCutsMatchICU() {
        let patterns = [#"^[^，,。；;]{0,24}?[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日(电|讯|消息)"#,
                        #"^[^，,。；;]{0,16}?(电|讯|消息)[)）]?"#,
                        #"^\s*[(（][^)）]{0,40}[)）]"#,
                        #"^(记者|笔者)?(从|自|在)[^，,。]{0,40}(了解到|获悉|获知|得知)[，,：:]?"#,
                        #"^据[^，,。]{0,30}(介绍|消息|报道|统计)[，,：:]"#]
        #expect(patterns.count == TextScan.leadCuts.count)
        // Each pattern's own opening joined to random text, so the long runs and limits are met.
        let openings = ["", "记者", "据", "（", "央广网乌鲁木齐10月31日", "新华社", "记者从自治区", "据自治区统计局", "据有关部门介绍，", "记者从自治区了解到"]
        var g = Generator(state: 99)
        for (k, (pattern, cut)) in zip(patterns, TextScan.leadCuts).enumerated() {
            guard let re = Self.regex(pattern) else { Issue.record("\(pattern) does not compile"); continue }
            var failures: [String] = []
            var hits = 0
            for s in Self.samples(4_000, seed: UInt64(40 + k), maxPieces: 16) {
                let t = (openings.randomElement(using: &g) ?? "") + s
                var expected = t
                if let r = Self.icuFirst(re, t) { expected.removeSubrange(r); hits += 1 }
                if TextScan.droppingLead(t, cut) != expected { failures.append(t) }
            }
            #expect(failures.isEmpty, "\(pattern): \(failures.prefix(3).map { $0.debugDescription })")
            #expect(hits > 20, "\(pattern): the samples must also contain matches (\(hits))")
        }
    }

    /// Counted repetitions (`{1,4}`, `{0,24}?`, `{0,40}`) at and around their limits, which
    /// random strings seldom hit: each template's `#` is replaced by 0 to 45 copies of a filler.
    @Test func limitsMatchICU() {
        let fillers = ["援", "1", "１", "十", " ", "\u{85}", "，"]
        let removals: [(String, [String], (String) -> String)] = [
            (#"^[0-9０-９\s]+[，,、．.]\s*"#, ["#，x", "#."], TextScan.droppingListNumber),
            (#"[(（](记者|通讯员)[^)）]*[)）]"#, ["a(记者#)b", "（通讯员#"], TextScan.droppingBylines),
            (#"[0-9０-９.]+[个项所家名人座条批类户次万亿元]*$"#, ["项目#个", "#万元\n"], TextScan.droppingTrailingQuantity),
            (#"(https?:)?//[^\s，。]*|https?:?"#, ["https://#。", "#http"], TextScan.droppingWebAddresses),
        ]
        let tests: [(String, [String], (String) -> Bool)] = [
            (#"[0-9０-９]{1,2}[:：][0-9０-９]{2}"#, ["#:#", "a#：05"], TextScan.hasClockTime),
            (#"^([0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4})"#,
             ["#-1-1", "2024-#-1", "2024.1.#", "#.1.2020", "1/#/2020", "1/1/#"], TextScan.opensWithNumericDate),
            (#"^[^，,。\s]{1,6}[:：]"#, ["#:", "#：x"], TextScan.opensWithShortLabel),
        ]
        let leads: [(String, [String])] = [
            (#"^[^，,。；;]{0,24}?[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日(电|讯|消息)"#,
             ["#10月31日电", "新华社#月1日讯", "#月#日消息"]),
            (#"^[^，,。；;]{0,16}?(电|讯|消息)[)）]?"#, ["#电）", "#消息"]),
            (#"^\s*[(（][^)）]{0,40}[)）]"#, ["（#）正文", "#(#)"]),
            (#"^(记者|笔者)?(从|自|在)[^，,。]{0,40}(了解到|获悉|获知|得知)[，,：:]?"#, ["记者从#了解到，", "在#获悉#得知"]),
            (#"^据[^，,。]{0,30}(介绍|消息|报道|统计)[，,：:]"#, ["据#介绍，", "据#统计#报道:"]),
        ]
        func expand(_ template: String) -> [String] {
            fillers.flatMap { f in (0...45).map { template.replacingOccurrences(of: "#", with: String(repeating: f, count: $0)) } }
        }
        var failures: [String] = []
        for (pattern, templates, scan) in removals {
            guard let re = Self.regex(pattern) else { Issue.record("\(pattern)"); continue }
            for t in templates { for s in expand(t) where scan(s) != Self.icuRemoving(re, s) { failures.append(s) } }
        }
        for (pattern, templates, scan) in tests {
            guard let re = Self.regex(pattern) else { Issue.record("\(pattern)"); continue }
            for t in templates { for s in expand(t) where scan(s) != (Self.icuFirst(re, s) != nil) { failures.append(s) } }
        }
        for ((pattern, templates), cut) in zip(leads, TextScan.leadCuts) {
            guard let re = Self.regex(pattern) else { Issue.record("\(pattern)"); continue }
            for t in templates {
                for s in expand(t) {
                    var expected = s
                    if let r = Self.icuFirst(re, s) { expected.removeSubrange(r) }
                    if TextScan.droppingLead(s, cut) != expected { failures.append(s) }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).map { $0.debugDescription })")
    }
}
