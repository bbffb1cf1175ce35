import Foundation

/// Every file name a report will write, known before anything is drawn.
///
/// Each job writes `<name>.<format>` and a CSV; the Markdown briefing also writes
/// `<briefing>-fig<N>.png`. Two jobs that would write one file would lose one of them and leave a
/// manifest with a wrong hash, so the whole report's names are checked at once, at spec time, and
/// a collision names both files. The same rule decides which names in a state file (the previous
/// manifest, the journal, the cache) can be outputs at all: anything else there was not written
/// by reportgen and is never trusted or removed.
public enum OutputNames {
    /// Extensions a build writes into the output folder.
    static let extensions: Set<String> = ["png", "pdf", "svg", "csv", "json", "html", "md", "pptx", "docx"]

    /// True for a name a build can have written at the top of the output folder: one path part,
    /// an allowed stem (letters, digits, `-`, `_`) and a known extension. `manifest.json` counts.
    public static func isOutputFile(_ name: String) -> Bool {
        guard !name.contains("/") else { return false }
        let ext = (name as NSString).pathExtension, stem = (name as NSString).deletingPathExtension
        return extensions.contains(ext) && OutputName.isValid(stem)
    }

    /// One planned file and who writes it, for the error message.
    struct Planned {
        var name: String
        var owner: String
    }

    /// Errors for files two jobs would both write and for formats listed twice; empty when every
    /// output has one owner.
    public static func problems(_ inputs: ReportBuild.Inputs) -> [BuildError] {
        var problems: [BuildError] = []
        var planned: [Planned] = []
        func formats(_ list: [String], path: String) -> [String] {
            var seen = Set<String>()
            for f in list where !seen.insert(f.lowercased()).inserted {
                problems.append(.data(path: path, line: nil, field: "formats", message: "\"\(f)\" is listed twice; list each format once"))
            }
            return Array(seen).sorted()
        }
        if !inputs.sources.isEmpty { planned.append(Planned(name: "facts.json", owner: "the extracted facts")) }
        for c in inputs.charts {
            for f in formats(c.formats, path: c.path) + ["csv"] { planned.append(Planned(name: "\(c.name).\(f)", owner: "chart \(c.path)")) }
        }
        for t in inputs.timelines {
            for f in formats(t.formats, path: t.path) + ["csv"] { planned.append(Planned(name: "\(t.name).\(f)", owner: "timeline \(t.path)")) }
        }
        var figurePrefix: (stem: String, owner: String)?
        if let b = inputs.briefing {
            let fs = formats(b.formats, path: b.path)
            for f in fs { planned.append(Planned(name: "\(b.name).\(f)", owner: "briefing \(b.path)")) }
            if fs.contains("md") { figurePrefix = ("\(b.name)-fig", "briefing \(b.path) (its Markdown figures \(b.name)-fig1.png, …)") }
        }
        planned.append(Planned(name: "manifest.json", owner: "the build's manifest"))
        var owners: [String: String] = [:]
        for p in planned {
            if let other = owners[p.name], other != p.owner {
                problems.append(.other("\(p.owner) and \(other) would both write \(p.name); rename one of them"))
            } else if let fig = figurePrefix, isFigureName(p.name, prefix: fig.stem) {
                problems.append(.other("\(p.owner) would write \(p.name), a name \(fig.owner) uses; rename one of them"))
            }
            owners[p.name] = p.owner
        }
        return problems
    }

    /// `<prefix><digits>.png`, a name the Markdown briefing writes for its figures.
    static func isFigureName(_ name: String, prefix: String) -> Bool {
        guard name.hasPrefix(prefix), name.hasSuffix(".png") else { return false }
        let digits = name.dropFirst(prefix.count).dropLast(4)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Throws every problem `problems` finds, as a spec error (exit code 2), before anything is drawn.
    public static func check(_ inputs: ReportBuild.Inputs) throws(BuildError) {
        let found = problems(inputs)
        if !found.isEmpty { throw .invalidSpec(found.count == 1 ? found[0] : .many(found)) }
    }
}
