import Canvas
import Foundation

/// The interim main job until the chart and briefing compilers land: a one-page type specimen
/// built from the seed articles, to show that Chinese text is shaped, embedded and searchable.
/// It is labelled as a sample, never as the briefing.
public enum SampleJob {
    public static func page(sources: [SourceText], measurer: TextMeasurer) -> Frame {
        var f = Frame(size: .a4Portrait)
        let margin = 56.0
        let width = f.size.width - 2 * margin
        var y = margin
        let ink = Color(red: 0.13, green: 0.15, blue: 0.18)
        let muted = Color(red: 0.38, green: 0.42, blue: 0.47)
        let accent = (try? Color(hex: "#2F5D8A")) ?? ink

        func put(_ block: TextBlock, gap: Double) {
            var b = block
            b.width = b.width ?? width
            let item = f.text(b, at: Point(margin, y), measurer: measurer)
            y += item.box.maxY + gap
        }

        put(TextBlock("reportgen 中文排版样张", style: TextStyle(size: 22, weight: .bold, color: ink)), gap: 4)
        put(TextBlock("样张，不是简报：检查中文字体、PDF 字体嵌入与文字可检索。来源为 seeds/ 中的 \(sources.count) 篇文章。",
                      style: TextStyle(size: 10, color: muted)), gap: 14)
        f.fill(.rect(Rect(x: margin, y: y, width: width, height: 1)), accent)
        y += 14
        put(TextBlock("援疆资金 8000万元 — 2015年1月", style: TextStyle(size: 18, weight: .medium, color: accent)), gap: 18)

        for s in sources {
            let lines = s.text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            let title = lines.first.map { String($0.prefix(60)) } ?? s.name
            // PDF-extracted articles break lines mid-sentence: join the lines after the title.
            let body = String(lines.dropFirst().joined().prefix(240))
            put(TextBlock(title, style: TextStyle(size: 13, weight: .bold, color: ink), maxLines: 2), gap: 3)
            put(TextBlock("来源：\(s.name)", style: TextStyle(size: 8.5, color: muted)), gap: 5)
            put(TextBlock(body, style: TextStyle(size: 10.5, color: ink, lineHeight: 1.35), maxLines: 6,
                          alignment: .justify), gap: 16)
            f.add(.outline(OutlineEntry(title: title, level: 1, y: y)))
        }
        let foot = TextBlock("reportgen \(reportgenVersion) · 样张 · 第 1 页 / 共 1 页",
                             style: TextStyle(size: 8, color: muted), width: width, alignment: .center)
        f.text(foot, at: Point(margin, f.size.height - margin + 16), measurer: measurer)
        return f
    }

    /// Writes `sample.pdf` and `sample.png` into `out` and returns the warnings met on the way.
    public static func run(seedsFolder: String, out: OutputFolder, date: Date?) throws(BuildError) -> [String] {
        let sources = try SourceText.folder(seedsFolder)
        let measurer = PangoMeasurer()
        var warnings: [String] = []
        if let w = FontCheck.chineseCoverageWarning(measurer: measurer) { warnings.append(w) }
        let page = page(sources: sources, measurer: measurer)
        let inputs = sources.map(\.path)
        do {
            let pdf = try Renderer.pdf([page], metadata: PDFMetadata(
                title: "reportgen 中文排版样张", author: "reportgen", subject: "Sample page (not the briefing)",
                keywords: "reportgen, sample, 援疆", creator: "reportgen \(reportgenVersion)", date: date))
            try out.write(pdf.bytes, name: "sample.pdf", kind: "sample", inputs: inputs)
            let png = try Renderer.png(page, options: RasterOptions(dpi: 100))
            try out.write(png.bytes, name: "sample.png", kind: "sample", inputs: inputs)
            warnings += Set((pdf.warnings + png.warnings).map(\.message)).sorted()
        } catch let e as CanvasError {
            throw .output(e)
        } catch let e as BuildError {
            throw e
        } catch {
            throw .other("\(error)")
        }
        return warnings
    }
}
