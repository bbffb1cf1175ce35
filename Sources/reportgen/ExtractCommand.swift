import ArgumentParser
import Extraction
import Foundation
import Pipeline

/// `reportgen extract FILE... [--reference-date YYYY-MM-DD] [--format json|csv|table]`
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read money, dates and counts from Chinese articles, with file, offsets and sentence for each.")

    enum Format: String, ExpressibleByArgument { case json, csv, table }

    @Argument(help: "Text files (UTF-8 or GB18030).")
    var files: [String]

    @Option(help: "Resolve 今年/去年 against this date (YYYY-MM-DD) instead of the one found in the text.")
    var referenceDate: String?

    @Option(help: "json (the scorer's schema), csv or table.")
    var format: Format = .json

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one text file") }
        if let r = referenceDate, ReferenceDate(parsing: r) == nil {
            throw ValidationError("--reference-date \(r): write YYYY-MM-DD, e.g. 2016-02-01")
        }
    }

    func run() throws {
        let ex = Extractor(referenceDate: referenceDate.flatMap(ReferenceDate.init(parsing:)))
        var docs: [DocumentFacts] = []
        var failed = false
        for f in files {
            do { docs.append(try ex.extract(file: f)) } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                failed = true
            }
        }
        for d in docs { for w in d.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) } }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try FactsJSON.encode(docs))
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .csv, .table:
            let sep = format == .csv ? "," : "\t"
            func cell(_ raw: String) -> String {
                let s = format == .csv ? SpreadsheetCell.escape(raw) : raw  // issue 18 hook
                return format == .csv && (s.contains(",") || s.contains("\"") || s.contains("\n"))
                    ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s.replacingOccurrences(of: "\n", with: " ")
            }
            var out = ["doc", "type", "value", "unit", "text", "start", "end", "kind", "category", "subject", "milestone"].joined(separator: sep) + "\n"
            for d in docs {
                for m in d.money { out += [d.doc, "money", String(m.valueYuan), "元", m.source.text, "\(m.source.start)", "\(m.source.end)", m.kind, m.category, m.subject, ""].map(cell).joined(separator: sep) + "\n" }
                for x in d.dates { out += [d.doc, "date", x.resolved, x.precision, x.source.text, "\(x.source.start)", "\(x.source.end)", x.modifier ?? "", x.category, x.event, x.milestone ? "yes" : ""].map(cell).joined(separator: sep) + "\n" }
                for c in d.counts { out += [d.doc, "count", String(c.value), c.unit, c.source.text, "\(c.source.start)", "\(c.source.end)", "", c.category, c.subject, ""].map(cell).joined(separator: sep) + "\n" }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        if failed { throw Exit.buildFailed }
    }
}
