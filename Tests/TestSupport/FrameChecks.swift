import Canvas

/// Layout assertions on frames, no pixels involved.
public enum FrameChecks {
    /// Pairs of text boxes that overlap and boxes that leave the canvas, described for a failure
    /// message; empty when the layout is clean. `slack` forgives sub-point touching.
    public static func textProblems(_ frame: Frame, slack: Double = 0.5) -> [String] {
        let boxes = frame.textBoxes
        var out: [String] = []
        for (i, a) in boxes.enumerated() {
            if !frame.bounds.contains(a.bounds, tolerance: slack) {
                out.append("\"\(a.item.block.text)\" leaves the canvas: \(a.bounds)")
            }
            for b in boxes[(i + 1)...] where a.bounds.insetBy(dx: slack, dy: slack).intersects(b.bounds.insetBy(dx: slack, dy: slack)) {
                out.append("\"\(a.item.block.text)\" overlaps \"\(b.item.block.text)\"")
            }
        }
        return out
    }
}
