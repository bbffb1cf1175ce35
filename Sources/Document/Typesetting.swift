import Canvas

/// Turns styled runs into Pango markup with the spacing Chinese typography expects.
///
/// Between Han characters and Latin letters or digits a gap of about a fifth of an em keeps
/// mixed text from looking cramped (clreq §3.2). Pango spreads letter spacing half before and
/// half after a character, so the gap is letter spacing on a zero-width space placed at the
/// boundary: it lands wholly between the two characters and draws no glyph, so copied or
/// extracted text reads as written. A number followed by its unit (`8000万元`, `2015年`) and an
/// ordinal (`第8批`) stay tight: they read as one word and must be found as one.
enum Typeset {
    /// Unit and measure characters that bind to the number before them.
    static let bindsToNumber: Set<Unicode.Scalar> = Set("年月日号时分秒万亿千百十元个家项名人次户台场笔件所座套亩吨斤周岁倍批期位条起锭路辆株头只张本册平公米克%％".unicodeScalars)
    static let bindsFromLeft: Set<Unicode.Scalar> = Set("第约近超逾".unicodeScalars)
    static let zeroWidthSpace = "\u{200B}"
    static let wordJoiner = "\u{2060}"

    static func isHan(_ u: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(u.value) || (0x3400...0x4DBF).contains(u.value) || (0x20000...0x2FA1F).contains(u.value)
    }

    static func isLatinOrDigit(_ u: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(u) || ("a"..."z").contains(u) || ("0"..."9").contains(u)
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }

    /// True when a gap belongs between `a` and the scalar after it, `b`.
    static func needsGap(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        if isHan(a), isLatinOrDigit(b) { return !(isDigit(b) && bindsFromLeft.contains(a)) }
        if isLatinOrDigit(a), isHan(b) { return !(isDigit(a) && bindsToNumber.contains(b)) }
        return false
    }

    /// A number and its unit or ordinal prefix, which must not be split across lines.
    static func binds(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        (isDigit(a) && bindsToNumber.contains(b)) || (bindsFromLeft.contains(a) && isDigit(b))
    }

    /// `[1–3,7]`: consecutive citation numbers collapse into ranges.
    static func citationLabel(_ ns: [Int]) -> String {
        let sorted = Array(Set(ns)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(j - i >= 2 ? "\(sorted[i])–\(sorted[j])" : (i...j).map { String(sorted[$0]) }.joined(separator: ","))
            i = j + 1
        }
        return "[" + parts.joined(separator: ",") + "]"
    }

    /// Markup plus, for every character, where it sits in the laid-out text and in the runs, so
    /// a page break found by Pango can be mapped back to a cut between runs.
    struct Laid {
        var markup: String
        var starts: [(layout: Int, run: Int, byte: Int)]
    }

    /// `gap` is the extra space in points at Han/Latin boundaries.
    static func lay(_ runs: [Inline], gap: Double, accent: Color) -> Laid {
        let spacing = Int((gap * 1024).rounded())
        let colour = String(accent.hexString.prefix(7))
        var out = "", layout = 0
        var starts: [(Int, Int, Int)] = []
        var flat: [(Unicode.Scalar, Int, Int)] = []  // scalar, run, byte offset in run
        for (i, r) in runs.enumerated() {
            var b = 0
            for u in r.text.unicodeScalars { flat.append((u, i, b)); b += String(u).utf8.count }
        }
        var k = 0
        for (ri, r) in runs.enumerated() {
            switch r.style {
            case .plain: break
            case .strong: out += "<b>"
            case .emphasis: out += "<span foreground=\"\(colour)\" weight=\"bold\">"
            }
            while k < flat.count, flat[k].1 == ri {
                let u = flat[k].0
                starts.append((layout, ri, flat[k].2))
                out += TextBlock.escape(String(u))
                layout += String(u).utf8.count
                if spacing > 0, k + 1 < flat.count, needsGap(u, flat[k + 1].0), r.citations.isEmpty || flat[k + 1].1 == ri {
                    out += "<span letter_spacing=\"\(spacing)\">\(zeroWidthSpace)</span>"
                    layout += zeroWidthSpace.utf8.count
                } else if k + 1 < flat.count, binds(u, flat[k + 1].0) {
                    // `15个`, `第8批`: Unicode allows a line break here; Chinese typesetting does not.
                    out += wordJoiner
                    layout += wordJoiner.utf8.count
                }
                k += 1
            }
            switch r.style {
            case .plain: break
            case .strong: out += "</b>"
            case .emphasis: out += "</span>"
            }
            if !r.citations.isEmpty {
                let label = citationLabel(r.citations)
                // A word joiner keeps the marker on the line of the number it cites.
                out += wordJoiner
                layout += wordJoiner.utf8.count
                out += "<span size=\"smaller\" rise=\"2500\" foreground=\"\(colour)\">\(label)</span>"
                layout += label.utf8.count
            }
        }
        return Laid(markup: out, starts: starts)
    }

    /// Splits runs where a laid-out line starting at `offset` (a UTF-8 offset into Pango's text)
    /// begins. A citation label stays with the text it follows.
    static func split(_ runs: [Inline], _ laid: Laid, atLayout offset: Int) -> ([Inline], [Inline]) {
        guard let cut = laid.starts.first(where: { $0.layout >= offset }) else { return (runs, []) }
        var head = Array(runs[..<cut.run]), tail: [Inline] = []
        let r = runs[cut.run]
        let bytes = Array(r.text.utf8)
        if cut.byte > 0 { head.append(Inline(String(decoding: bytes[..<cut.byte], as: UTF8.self), style: r.style)) }
        tail.append(Inline(String(decoding: bytes[cut.byte...], as: UTF8.self), style: r.style, citations: r.citations))
        tail += runs[(cut.run + 1)...]
        return (head, tail)
    }
}

extension Typeset {
    /// The first `limit` Unicode scalars of `runs` and the runs after them; nil when `runs` hold
    /// no more than that. Walks only the first `limit` scalars, so a page of a long paragraph
    /// costs the same however long the paragraph is. A run cut in two keeps its citations on
    /// the second piece (they are drawn after its end).
    static func window(_ runs: [Inline], scalars limit: Int) -> (head: [Inline], rest: [Inline])? {
        var count = 0
        for (i, r) in runs.enumerated() {
            let us = r.text.unicodeScalars
            var idx = us.startIndex
            while idx != us.endIndex, count < limit { us.formIndex(after: &idx); count += 1 }
            guard count >= limit else { continue }
            if idx == us.endIndex {
                return i + 1 < runs.count ? (Array(runs[...i]), Array(runs[(i + 1)...])) : nil
            }
            var head = Array(runs[..<i])
            head.append(Inline(String(us[..<idx]), style: r.style))
            return (head, [Inline(String(us[idx...]), style: r.style, citations: r.citations)] + runs[(i + 1)...])
        }
        return nil
    }

    /// `tail` (what `split` left of a window) followed by `beyond` (the runs after the window),
    /// the run the window cut joined again so its text is laid out as one.
    static func joined(_ tail: [Inline], _ beyond: [Inline]) -> [Inline] {
        guard let last = tail.last, let first = beyond.first, last.style == first.style, last.citations.isEmpty else { return tail + beyond }
        return tail.dropLast() + [Inline(last.text + first.text, style: first.style, citations: first.citations)] + beyond.dropFirst()
    }
}
