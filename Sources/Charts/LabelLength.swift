/// Every text of a chart cut to a length a chart can show, before any of it is measured.
///
/// Labels are measured and shortened to fit by Pango, but a label of 400,000 characters (a
/// CSV cell that swallowed a column, an attacker's data) was laid out whole at every
/// measurement (seconds each) and ended up drawn across the plot and off the canvas. No chart
/// shows more than a few dozen characters of one label, so each text is first cut to
/// `maxCharacters` with an ellipsis, with a warning that says so; the layout then shortens it
/// further to fit, as for any label.
public enum LabelLength {
    public static let maxCharacters = 200

    /// `t`, or its first `maxCharacters` characters with an ellipsis and a warning that says so.
    public static func cut(_ t: String, warnings: inout [String]) -> String {
        guard t.count > maxCharacters else { return t }
        warnings.append("label \"\(t.prefix(40))…\" (\(t.count) characters) was shortened to \(maxCharacters) characters")
        return String(t.prefix(maxCharacters - 1)) + "…"
    }

    static func bounded(_ spec: ChartSpec) -> (ChartSpec, [String]) {
        var s = spec
        var warnings: [String] = []
        func cut(_ t: String) -> String { LabelLength.cut(t, warnings: &warnings) }
        s.title = s.title.map(cut)
        s.subtitle = s.subtitle.map(cut)
        s.source = s.source.map(cut)
        s.centerLabel = s.centerLabel.map(cut)
        s.unit = s.unit.map(cut)
        s.categories = s.categories.map(cut)
        for i in s.series.indices { s.series[i].name = cut(s.series[i].name) }
        if var a = s.annotations {
            for i in a.indices { a[i].text = cut(a[i].text) }
            s.annotations = a
        }
        if var r = s.referenceLines {
            for i in r.indices { r[i].label = r[i].label.map(cut) }
            s.referenceLines = r
        }
        return (s, warnings)
    }
}
