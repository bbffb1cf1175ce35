import Canvas
import Charts
import Foundation
import Pipeline
import Testing
import TestSupport

@Suite struct ChartFileTests {
    let seeds = GoldenImage.packageRoot().appendingPathComponent("seeds").path

    @Test func aChartFileWithThreeMistakesReportsAllThree() throws {
        let yaml = "name: ../x\ndata: none.csv\nkind: radar\ntitel: 资金\n"
        do {
            _ = try ChartFile.parse(yaml, path: "/tmp/c.yaml")
            Issue.record("expected errors")
        } catch {
            let d = error.description
            #expect(d.contains("c.yaml:1: field \"name\"") && d.contains("c.yaml:4: field \"titel\"") && d.contains("\"radar\" is not an accepted value")
                    && d.contains("none.csv"), "\(d)")
        }
    }

    @Test func seedChartsLoadAndLayOutWithoutOverlaps() throws {
        let files = try ChartJob.chartFiles(in: seeds + "/charts")
        #expect(files.count >= 4)
        #expect(Set(files.map(\.spec.kind)).isSuperset(of: [.bar, .donut, .area]))
        for f in files {
            let spec = try f.standaloneData().spec(f)
            let laid = try Chart.layout(spec, measurer: PangoMeasurer())
            #expect(FrameChecks.textProblems(laid.frame).isEmpty, "\(f.name): \(FrameChecks.textProblems(laid.frame))")
            // The only thing a seed chart reports is the donut's 其他, which names what it merged.
            #expect(laid.warnings.allSatisfy { $0.contains("merged into 其他") }, "\(f.name): \(laid.warnings)")
            if spec.kind == .donut { #expect(laid.frame.textBoxes.contains { $0.item.block.text.hasPrefix("注：其他含") } == !laid.warnings.isEmpty) }
        }
    }

    /// Every plotted seed number carries the file, offsets and sentence it came from, and the
    /// offsets (Unicode scalars) really point at that figure inside that sentence.
    @Test func seedDataIsTraceableToItsSentence() throws {
        for f in try ChartJob.chartFiles(in: seeds + "/charts") {
            let data = try f.standaloneData()
            #expect(data.warnings.isEmpty, "\(f.name): \(data.warnings)")
            for (k, s) in data.series.enumerated() {
                for r in s.values.indices where s.values[r] != nil && !(f.spec.kind == .area && s.sources[r].isEmpty) {
                    #expect(!s.sources[r].isEmpty, "\(f.name) \(data.categories[r]) series \(k) has a source")
                    for ref in s.sources[r] {
                        let text = try SourceText.read(seeds + "/" + ref.fileName).text
                        let scalars = Array(text.unicodeScalars)
                        let span = try #require(ref.span)
                        #expect(span.upperBound <= scalars.count)
                        let shown = String(String.UnicodeScalarView(scalars[span]))
                        #expect(shown == ref.text && ref.sentence.contains(shown) && text.contains(ref.sentence), "\(f.name): \(shown)")
                        #expect(shown.first?.isNumber == true || shown.hasPrefix("超"), "\(shown) is a figure")
                    }
                }
            }
        }
    }

    @Test func unknownOptionIsNamedWithItsLineAndASuggestion() {
        let yaml = "name: x\ndata: d.csv\nkind: bar\ntitel: 标题\n"
        #expect { try ChartFile.parse(yaml, path: "c.yaml") } throws: { e in
            let d = "\(e)"
            return d.contains("c.yaml:4") && d.contains("titel") && d.contains("title")
        }
    }

    @Test func badValuesAndSyntaxNameFileLineAndField() {
        #expect { try ChartFile.parse("name: x\ndata: d.csv\nkind: pyramid\n", path: "c.yaml") } throws: { e in
            "\(e)".contains("c.yaml:3") && "\(e)".contains("kind") && "\(e)".contains("bar, line")
        }
        #expect { try ChartFile.parse("name: x\ndata: [d.csv\n", path: "c.yaml") } throws: { e in
            "\(e)".contains("c.yaml") && "\(e)".contains("YAML syntax")
        }
        #expect { try ChartFile.parse("name: ../../etc/x\ndata: d.csv\n", path: "c.yaml") } throws: { e in
            "\(e)".contains("name") && "\(e)".contains("letters, digits")
        }
        #expect { try ChartFile.parse("data: d.csv\n", path: "c.yaml") } throws: { e in "\(e)".contains("\"name\"") }
        #expect { try ChartFile.parse("name: x\ndata: d.csv\nkind: donut\ninnerRadius: wide\n", path: "c.yaml") } throws: { e in
            "\(e)".contains("innerRadius") && "\(e)".contains("number")
        }
    }

    @Test func csvProblemsNameFileLineAndField() throws {
        #expect { try DataTable.parse("项目,资金\n甲,100\n乙,1,2\n", path: "d.csv") } throws: { e in
            "\(e)".contains("d.csv:3") && "\(e)".contains("3 fields")
        }
        #expect { try DataTable.parse("", path: "d.csv") } throws: { e in "\(e)".contains("empty") }
        #expect { try DataTable.parse("项目,资金\n", path: "d.csv") } throws: { e in "\(e)".contains("no data rows") }
        let t = try? DataTable.parse("项目,资金,file\n甲,\"8,000\",x\n乙,abc,y\n丙,,z\n", path: "d.csv")
        #expect(t?.seriesColumns == [1])
        #expect(try t?.number(row: 0, column: 1) == 8000, "thousands separators are read")
        #expect(try t?.number(row: 2, column: 1) == nil, "an empty cell is a gap")
        #expect { try t?.number(row: 1, column: 1) } throws: { e in
            "\(e)".contains("d.csv:3") && "\(e)".contains("资金") && "\(e)".contains("abc")
        }
        #expect { try DataTable.parse("a,b\n1,NaN\n", path: "d.csv").number(row: 0, column: 1) } throws: { e in "\(e)".contains("finite") }
    }

    @Test func aBOMAndQuotedMultilineCellsAreRead() throws {
        let t = try DataTable.parse("\u{FEFF}项目,资金\n\"甲\n乙\",1\n丙,2\n", path: "d.csv")
        #expect(t.rows.count == 2 && t.lines == [2, 4])
    }
}
