import Charts

extension TimelineSpec {
    /// The spec with every text cut to `LabelLength.maxCharacters` before it is measured (a
    /// 400,000-character label was measured whole, for seconds, and a reference label drawn off
    /// the canvas), and a warning for each cut.
    func boundedLabels() -> (TimelineSpec, [String]) {
        var s = self
        var warnings: [String] = []
        func cut(_ t: String) -> String { LabelLength.cut(t, warnings: &warnings) }
        s.title = s.title.map(cut)
        s.subtitle = s.subtitle.map(cut)
        s.source = s.source.map(cut)
        s.referenceLabel = s.referenceLabel.map(cut)
        for i in s.events.indices {
            s.events[i].label = cut(s.events[i].label)
            s.events[i].detail = s.events[i].detail.map(cut)
            s.events[i].lane = s.events[i].lane.map(cut)
        }
        if var p = s.periods {
            for i in p.indices { p[i].label = cut(p[i].label) }
            s.periods = p
        }
        return (s, warnings)
    }
}
