import Canvas
import Charts
import Extraction
import Foundation
import Pipeline
import Testing
import TestSupport
import Timeline

@Suite struct TimelineFileTests {
    let root = GoldenImage.packageRoot()

    func seedFacts() throws -> [MergedFact] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("seeds").path).filter { $0.hasSuffix(".txt") }.sorted()
        return FactMerger.merge(try names.map { try Extractor().extract(file: root.appendingPathComponent("seeds/" + $0).path) }).facts
    }

    @Test func seedTimelinesDrawTheExtractorsMilestonesWithoutOverlaps() throws {
        let files = try TimelineJob.files(in: root.appendingPathComponent("seeds/timelines").path)
        #expect(files.count == 2)
        let facts = try seedFacts()
        for f in files {
            let (spec, rows) = try f.resolved(facts: facts)
            #expect(spec.events.count >= 5, "\(f.name) has events from the extractor")
            #expect(rows.allSatisfy { !$0.sources.isEmpty }, "every event cites where it was read")
            for orientation in [Orientation.horizontal, .vertical] {
                var s = spec
                s.orientation = orientation
                let laid = try Timeline.layout(s, measurer: PangoMeasurer())
                #expect(FrameChecks.textProblems(laid.frame).isEmpty, "\(f.name) \(orientation): \(FrameChecks.textProblems(laid.frame))")
            }
        }
        let aksu = try #require(files.first { $0.name.hasPrefix("aksu") })
        let (spec, rows) = try aksu.resolved(facts: facts)
        #expect(spec.events.contains { $0.when.date.description == "2015-09-10" && $0.when.isPoint }, "the day-precision launch is a point")
        #expect(spec.events.contains { $0.when.date.description == "2015-06" && !$0.when.isPoint }, "a month stays a month")
        #expect(rows.contains { $0.labelSource == "user" }, "label overrides are marked as the user's")
    }

    /// A milestone given as a range of days keeps its end: drawn as the span, labelled `10日—12日`.
    @Test func rangeMilestonesKeepTheirEnd() throws {
        let doc = Extractor().extract(text: "时间：2016-01-05\n2015年10月10日至12日，首届电商博览会在阿克苏举行。2015年6月，产业园正式开园。", path: "r.txt")
        let file = try TimelineFile.parse("name: r\ntitle: t\nfacts: {docs: [r.txt]}\n", path: "/tmp/r.yaml")
        let (spec, _) = try file.resolved(facts: FactMerger.merge([doc]).facts)
        let range = try #require(spec.events.first { $0.when.end != nil }, "\(spec.events.map(\.when))")
        #expect(range.when.date.description == "2015-10-10" && range.when.end?.description == "2015-10-12")
        #expect(range.when.interval.1 - range.when.interval.0 == 3, "three days")
        #expect(spec.events.contains { $0.when.end == nil && $0.when.effectivePrecision == "month" })
    }

    @Test func aTimelineFileWithThreeMistakesReportsAllThree() {
        let yaml = "name: ../t\nlables: {}\nlabels: {2015-13: 坏}\nevents:\n  - {date: 2015-06, label: a}\n"
        do {
            _ = try TimelineFile.parse(yaml, path: "/tmp/t.yaml")
            Issue.record("expected errors")
        } catch {
            let d = error.description
            #expect(d.contains("t.yaml:1: field \"name\"") && d.contains("t.yaml:2: field \"lables\"") && d.contains("2015-13"), "\(d)")
        }
    }

    @Test func timelineFileErrorsNameTheField() {
        #expect { try TimelineFile.parse("name: t\nlables: {}\n", path: "t.yaml") } throws: { e in "\(e)".contains("t.yaml:2") && "\(e)".contains("labels") }
        #expect { try TimelineFile.parse("name: t\nfrom: 2015-13\n", path: "t.yaml") } throws: { e in "\(e)".contains("from") }
        #expect { try TimelineFile.parse("name: t\nlabels: {June: 开园}\n", path: "t.yaml") } throws: { e in "\(e)".contains("not a date") }
    }
}
