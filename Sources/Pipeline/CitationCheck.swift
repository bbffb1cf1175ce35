import Charts
import Extraction
import Foundation

/// Checks that a CSV row's citation (`file,start,end`) holds the row's number: the text at that
/// span must give it, read as Chinese reports write numbers (`8000万元`, `2.8027亿元`, `超2500万元`,
/// `三千万元`), within the rounding the text uses (`2.8亿` stands for 2.75亿–2.85亿). A missing
/// sentence is filled in from the text. A mismatch is a warning naming the CSV line, the span and
/// what the text says there (and where the number is, if the article has it elsewhere).
struct CitationCheck {
    let csvPath: String
    /// The build's articles (paths); a cited file is looked up among them first.
    let articles: [String]

    struct Result { var warnings: [String]; var article: String? }

    /// The article a citation names: one of the build's articles with that path or name, else the
    /// file as written, relative to the working folder or to the CSV's folder and its parents.
    func resolve(_ file: String) -> String? {
        let fm = FileManager.default
        if let a = articles.first(where: { $0 == file || $0.hasSuffix("/" + file) }) { return a }
        let name = (file as NSString).lastPathComponent
        if let a = articles.first(where: { ($0 as NSString).lastPathComponent == name }) { return a }
        if file.hasPrefix("/") { return fm.fileExists(atPath: file) ? file : nil }
        var dir = (csvPath as NSString).deletingLastPathComponent
        var candidates = [file]
        for _ in 0..<4 {
            candidates.append(dir.isEmpty ? file : (dir as NSString).appendingPathComponent(file))
            dir = (dir as NSString).deletingLastPathComponent
        }
        return candidates.first { fm.fileExists(atPath: $0) }
    }

    /// `category` is the row's first cell: when it is a date (`2015-10`) and the span gives that
    /// date, the citation is the row's event (a milestone counted), not a number to find.
    func check(_ ref: inout SourceRef, values: [(value: Double, header: String)], line: Int, category: String = "") -> Result {
        let at = "\(csvPath):\(line)"
        guard let path = resolve(ref.file) else {
            return Result(warnings: ["\(at): cites \(ref.file), which is neither an article of this build nor a file found from \((csvPath as NSString).deletingLastPathComponent.isEmpty ? "." : (csvPath as NSString).deletingLastPathComponent)"], article: nil)
        }
        guard let span = ref.span else {
            return Result(warnings: ["\(at): cites \(ref.file) without start and end; give the span (Unicode scalar offsets) where the number is written"], article: path)
        }
        guard let text = ArticleText.scalars(path) else {
            return Result(warnings: ["\(at): cannot read \(path) to check the citation"], article: path)
        }
        guard span.lowerBound >= 0, span.upperBound <= text.count, !span.isEmpty else {
            return Result(warnings: ["\(at): span \(span.lowerBound)-\(span.upperBound) is outside \(ref.file), which has \(text.count) characters"], article: path)
        }
        let shown = String(String.UnicodeScalarView(text[span]))
        ref.text = shown
        if ref.sentence.isEmpty { ref.sentence = ArticleText.sentence(text, around: span) }
        let readings = NumberReading.scan(text)
        let inSpan = readings.filter { $0.range.overlaps(span) }
        var problems: [String] = []
        if let d = ChartDate(parsing: category) {
            let parts = [Double(d.year)] + (d.month.map { [Double($0)] } ?? [])
            if inSpan.contains(where: { r in parts.contains(r.value) }) { return Result(warnings: [], article: path) }
        }
        for v in values {
            if inSpan.contains(where: { $0.matches(v.value, header: v.header) }) {
                if ref.value == nil { ref.value = v.value }
                continue
            }
            var msg = "\(at): \(NumberReading.plain(v.value)) cited at \(ref.file):\(span.lowerBound)-\(span.upperBound), but the text there says “\(shown)”"
            if let r = inSpan.first { msg += " (\(NumberReading.plain(r.value)))" }
            let elsewhere = readings.filter { $0.matches(v.value, header: v.header) }
            if let near = elsewhere.min(by: { abs($0.range.lowerBound - span.lowerBound) < abs($1.range.lowerBound - span.lowerBound) }) {
                msg += "; “\(String(String.UnicodeScalarView(text[near.range])))” is at \(near.range.lowerBound)-\(near.range.upperBound)"
            } else {
                msg += "; the article does not give this number"
            }
            problems.append(msg)
        }
        return Result(warnings: problems, article: path)
    }
}

/// Article texts as the extractor reads them (UTF-8 or GB18030), as Unicode scalars, cached for
/// the process: several CSV rows cite one article.
enum ArticleText {
    nonisolated(unsafe) private static var cache: [String: [Unicode.Scalar]] = [:]
    private static let lock = NSLock()

    static func scalars(_ path: String) -> [Unicode.Scalar]? {
        let stamp = ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(path)|\(stamp)"
        lock.lock(); defer { lock.unlock() }
        if let hit = cache[key] { return hit }
        guard let data = FileManager.default.contents(atPath: path), data.count <= ReportBuild.maxArticleBytes,
              let (text, _) = try? TextDecoder.decode([UInt8](data), file: path) else { return nil }
        let s = Array(text.unicodeScalars)
        cache[key] = s
        return s
    }

    /// The sentence a span lies in: from after the previous 。！？!? or line break to the next one.
    static func sentence(_ t: [Unicode.Scalar], around span: Range<Int>) -> String {
        let ends: Set<Unicode.Scalar> = ["。", "！", "？", "!", "?", "\n"]
        var a = span.lowerBound, b = span.upperBound
        while a > 0, !ends.contains(t[a - 1]) { a -= 1 }
        while b < t.count, !ends.contains(t[b]) { b += 1 }
        if b < t.count, t[b] != "\n" { b += 1 }
        return String(String.UnicodeScalarView(t[a..<b])).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A number as a Chinese text writes it: Arabic (`8,000`, `2.8027`, full-width digits) or Chinese
/// numerals (`三千`, `两百`), with 万/亿 after it multiplied out.
struct NumberReading {
    var range: Range<Int>
    var value: Double
    /// Half the last written digit's place, times the magnitude: the text's rounding.
    var tolerance: Double
    /// The magnitude written after the digits (1, 1e4, 1e8).
    var magnitude: Double

    /// True when `v` is this number, within its rounding; a value in a column headed 万元/亿元 may
    /// also be given in those units.
    func matches(_ v: Double, header: String) -> Bool {
        let tol = max(tolerance, abs(value) * 1e-9)
        if abs(v - value) <= tol { return true }
        for (unit, m) in [("亿", 1e8), ("万", 1e4)] where header.contains(unit) {
            if abs(v * m - value) <= tol { return true }
        }
        return false
    }

    static func plain(_ v: Double) -> String { ChartData.number(v) }

    static let chineseDigits: [Unicode.Scalar: Double] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
    static let chineseUnits: [Unicode.Scalar: Double] = ["十": 10, "百": 100, "千": 1000]

    static func digit(_ c: Unicode.Scalar) -> Int? {
        if c.value >= 0x30 && c.value <= 0x39 { return Int(c.value - 0x30) }
        if c.value >= 0xFF10 && c.value <= 0xFF19 { return Int(c.value - 0xFF10) }
        return nil
    }

    static func scan(_ t: [Unicode.Scalar]) -> [NumberReading] {
        var out: [NumberReading] = []
        var i = 0
        while i < t.count {
            let start = i
            var value: Double?
            var decimals = 0
            if digit(t[i]) != nil {
                var s = ""
                var seenDot = false
                while i < t.count {
                    if let d = digit(t[i]) { s += String(d); if seenDot { decimals += 1 }; i += 1 }
                    else if (t[i] == "," || t[i] == "，") && i + 1 < t.count && digit(t[i + 1]) != nil && !seenDot && i + 3 < t.count + 1 {
                        // A thousands separator has three digits after it; a comma before other text is punctuation.
                        let next = t[(i + 1)..<min(t.count, i + 4)].allSatisfy { digit($0) != nil }
                        let fourth = i + 4 < t.count ? digit(t[i + 4]) : nil
                        if next && fourth == nil && t[i] == "," { i += 1 } else { break }
                    } else if (t[i] == "." || t[i] == "．") && !seenDot && i + 1 < t.count && digit(t[i + 1]) != nil { seenDot = true; s += "."; i += 1 }
                    else { break }
                }
                value = Double(s)
            } else if chineseDigits[t[i]] != nil || (chineseUnits[t[i]] != nil && t[i] == "十") {
                var total = 0.0, current = 0.0
                var last: Double = 1
                var any = false
                while i < t.count {
                    if let d = chineseDigits[t[i]] { current = d; any = true; i += 1; last = 1 }
                    else if let u = chineseUnits[t[i]] { total += (current == 0 && !any ? 1 : current) * u; current = 0; any = true; last = u; i += 1 }
                    else { break }
                }
                // `三千五` is 3500: a trailing digit after a unit counts in the next lower place.
                total += current * (last > 1 ? last / 10 : 1)
                if any { value = total }
                if value == 0 && i - start == 1 && t[start] != "零" { value = nil }
            }
            guard let v = value, i > start else { i = start + 1; continue }
            var magnitude = 1.0
            var j = i
            // 千万 and 百万 after Arabic digits (`5千万`), then 万/亿 (`1.2万亿`).
            if j < t.count, let u = chineseUnits[t[j]], u >= 100, j + 1 < t.count, t[j + 1] == "万" { magnitude *= u; j += 1 }
            while j < t.count, t[j] == "万" || t[j] == "亿" { magnitude *= t[j] == "万" ? 1e4 : 1e8; j += 1 }
            let place = pow(10, Double(-decimals)) * 0.5
            out.append(NumberReading(range: start..<j, value: v * magnitude, tolerance: place * magnitude, magnitude: magnitude))
            i = j
        }
        return out
    }
}
