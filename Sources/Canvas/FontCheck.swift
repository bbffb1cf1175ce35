/// Checks, before drawing, that the requested families can show Chinese text.
///
/// fontconfig never fails to find *a* font: ask for a family that is not installed and it
/// quietly substitutes one, often without CJK glyphs, and every character becomes a box. This
/// turns that silent substitution into a warning a user can act on.
public enum FontCheck {
    /// A sample of the characters reportgen's reports always contain.
    static let sample = "援疆资金万元年月日亿"

    /// `nil` when the families cover Chinese; otherwise a warning naming the family and the fix.
    public static func chineseCoverageWarning(families: [String] = defaultFontFamilies, measurer: PangoMeasurer = PangoMeasurer()) -> String? {
        let m = measurer.measure(TextBlock(sample, style: TextStyle(families: families)))
        guard m.unknownGlyphs > 0 else { return nil }
        let asked = families.first ?? "(none)"
        let got = measurer.resolvedFamily(families) ?? "an unknown font"
        return "no installed font covers Chinese text: asked for \"\(asked)\", fontconfig chose \"\(got)\", "
            + "so \(m.unknownGlyphs) of \(sample.count) sample characters would draw as empty boxes. "
            + "Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) or name an installed CJK family."
    }
}
