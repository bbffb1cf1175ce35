import Document
import Extraction
import Foundation

/// Where one number or event was read: a file, the span inside its text (Unicode scalar offsets,
/// end exclusive) and the sentence around it. One value for every citation a build carries — a
/// chart cell, a timeline event, a briefing value — so nothing formats a `"file:start-end"`
/// string to parse it back later.
///
/// A number typed by a user has no span: `file` then says where it was typed (the CSV and line)
/// and `sentence` the user's note.
public struct SourceRef: Sendable, Hashable, Codable {
    public var file: String
    public var span: Range<Int>?
    /// What the span holds (`8000万元`); empty when unknown.
    public var text: String
    public var sentence: String
    /// The number the span gives, in 元 for money (nil when unknown or not a number).
    public var value: Double?

    public init(file: String, span: Range<Int>?, text: String = "", sentence: String, value: Double? = nil) {
        self.file = file; self.span = span; self.text = text; self.sentence = sentence; self.value = value
    }

    public init(_ p: Provenance) {
        self.init(file: p.file, span: p.start..<max(p.start, p.end), text: p.text, sentence: p.sentence)
    }

    /// The file's name without folders: facts cite articles by name, CSVs often by a path.
    public var fileName: String { (file as NSString).lastPathComponent }

    /// `000.txt:2481-2487`, as the CSV sidecars and messages show it.
    public var location: String { span.map { "\(file):\($0.lowerBound)-\($0.upperBound)" } ?? file }

    /// The citation as the briefing lists it under 资料来源. A sentence is never left empty: without
    /// one the span's own text stands in, and without that the location.
    public var note: SourceNote {
        let shown = !sentence.isEmpty ? sentence : !text.isEmpty ? text : location
        return SourceNote(file: file, start: span?.lowerBound, end: span?.upperBound, sentence: shown)
    }

    /// The provenance cells of a CSV sidecar: file, start, end, sentence.
    var csvCells: [String] {
        [file, span.map { String($0.lowerBound) } ?? "", span.map { String($0.upperBound) } ?? "", sentence]
    }
}
