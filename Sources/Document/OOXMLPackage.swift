import Canvas
import Foundation
import ZIPFoundation

/// What the Office Open XML writers (the slide deck and the Word document) share: a ZIP with a
/// fixed entry order and timestamp, XML escaping, relationship parts and core properties. One
/// copy, so the deck and the document never disagree about reproducibility or escaping.
enum OOXMLPackage {
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A ZIP with entries in the given order and one fixed timestamp, so equal input gives equal
    /// bytes. PNGs are stored (already compressed); XML is deflated. `what` names the package in errors.
    static func zip(_ files: [(String, [UInt8])], date: Date, what: String) throws(DocumentError) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // ZIP timestamps start in 1980 and carry no zone; clamp so old epochs stay valid.
            let stamp = max(date, Date(timeIntervalSince1970: 315_532_800 + 86_400))
            for (name, bytes) in files {
                let data = Data(bytes)
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                                     permissions: 0o644, compressionMethod: name.hasSuffix(".png") ? .none : .deflate) { pos, size in
                    data.subdata(in: Int(pos)..<min(data.count, Int(pos) + size))
                }
            }
            guard let out = archive.data else { throw DocumentError.figure(id: what, message: "the ZIP archive produced no data") }
            return [UInt8](out)
        } catch let e as DocumentError { throw e } catch {
            throw .figure(id: what, message: "cannot build the \(what) archive: \(error)")
        }
    }

    static func xml(_ s: String) -> [UInt8] { Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + s).utf8) }

    /// XML text: markup escaped as for Pango, minus the control characters XML 1.0 forbids.
    static func esc(_ s: String) -> String {
        TextBlock.escape(String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" })))
    }

    /// A relationships part; each item is (id, type under the officeDocument namespace, target).
    static func rels(_ items: [(String, String, String)], extra: String = "") -> String {
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + items.map { "<Relationship Id=\"\($0.0)\" Type=\"\(relNS)/\($0.1)\" Target=\"\($0.2)\"/>" }.joined()
            + extra + "</Relationships>"
    }

    /// The package's root relationships: the main part, core and app properties.
    static func rootRels(main: String) -> String {
        rels([("rId1", "officeDocument", main), ("rId3", "extended-properties", "docProps/app.xml")],
             extra: "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>")
    }

    /// Title, author, subject, keywords and dates: what File > Properties shows.
    static func core(_ doc: BriefingDocument, _ date: Date) -> String {
        let d = Timestamp.iso8601(date)
        return "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(esc(doc.title))</dc:title><dc:creator>\(esc(doc.organisation ?? "reportgen"))</dc:creator>"
            + (doc.subtitle.map { "<dc:subject>\(esc($0))</dc:subject>" } ?? "")
            + "<cp:keywords>\(esc(doc.keywords.joined(separator: ", ")))</cp:keywords><dc:language>zh-CN</dc:language>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(d)</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(d)</dcterms:modified>"
            + "</cp:coreProperties>"
    }
}
