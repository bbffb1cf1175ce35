import Canvas
import Charts
import Foundation
import Testing
import TestSupport
import Timeline

func date(_ s: String) -> ChartDate { ChartDate(parsing: s) ?? ChartDate(year: 1970) }

enum TimelineFixtures {
    static func ev(_ d: String, _ label: String, _ p: String? = nil, lane: String? = nil) -> TimelineEvent {
        TimelineEvent(when: EventDate(date: date(d), precision: p), label: label, lane: lane)
    }

    static let seedLike = TimelineSpec(
        title: "电子商务发展大事记（2015年）", subtitle: "条形为整月，圆点为具体日期", source: "test",
        events: [
            ev("2015-01", "电商培训基地设立"), ev("2015-04", "获评自治区电子商务示范基地"), ev("2015-06", "电子商务产业园开园，44家企业入驻"),
            ev("2015-07", "入选国家电子商务进农村综合示范县"), ev("2015-09-10", "网上商城上线运行"), ev("2015-10", "培训计划第四期举行"),
            ev("2015-11", "培训计划第五期举行"), ev("2015", "全面启动电商培训项目"), ev("2015-10", "安居工程竣工", "month-late", lane: "民生"),
        ],
        periods: [Period(label: "第八批援疆", start: date("2014-06"), end: date("2016-12"))],
        referenceDate: date("2016-02-01"), referenceLabel: "报道日期")

    /// 60 events in one year, five of them on one day, one with a 40-character label.
    static var stress: TimelineSpec {
        var events: [TimelineEvent] = []
        for i in 0..<55 {
            let m = i % 12 + 1, d = i / 12 * 5 + 1
            events.append(ev("2016-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)", "第\(i + 1)项活动举行", lane: ["电商", "平安", "民生"][i % 3]))
        }
        for k in 0..<5 { events.append(ev("2016-06-15", "同日活动\(k + 1)")) }
        events[3].label = String(repeating: "援疆项目", count: 10)
        return TimelineSpec(title: "压力测试", events: events)
    }
}

@Suite struct TimelineTests {
    let m = PangoMeasurer()

    @Test(arguments: ["seed-h", "seed-v", "stress-h", "stress-v"])
    func noLabelOverlapsAnotherOrLeavesTheCanvas(_ name: String) throws {
        var spec = name.hasPrefix("seed") ? TimelineFixtures.seedLike : TimelineFixtures.stress
        let vertical = name.hasSuffix("-v")
        spec.orientation = vertical ? .vertical : .horizontal
        for size in vertical ? [SizePreset.custom(width: 481.9, height: 700, dpi: 150), .square] : [.figure, .slide, .a4] {
            spec.size = size
            let laid = try Timeline.layout(spec, measurer: m)
            let problems = FrameChecks.textProblems(laid.frame)
            #expect(problems.isEmpty, "\(name) @\(size.name): \(problems.prefix(4))")
            if let dir = ProcessInfo.processInfo.environment["DUMP_CHARTS_DIR"] {
                try Renderer.write([laid.frame], to: "\(dir)/timeline-\(name)-\(size.name).png", raster: RasterOptions(dpi: 100))
            }
        }
    }

    @Test func labelsDoNotSitOnTheMarksOrTheAxis() throws {
        let f = try Timeline.layout(TimelineFixtures.seedLike, measurer: m).frame
        let marks: [Rect] = f.items.compactMap {
            guard case .path(let p, let fill?, _) = $0, fill.alpha > 0.2, let b = p.bounds, b.height < 20 else { return nil }
            return b
        }
        #expect(marks.count >= 8)
        for box in f.textBoxes.map(\.bounds) {
            for mk in marks { #expect(!box.intersects(mk), "label box \(box) covers a mark \(mk)") }
        }
    }

    @Test func monthEventsCoverTheirMonthAndDaysAreDots() throws {
        let spec = TimelineSpec(events: [TimelineFixtures.ev("2015-01", "一月"), TimelineFixtures.ev("2015-12-31", "最后一天")])
        let f = try Timeline.layout(spec, measurer: m).frame
        let bars = f.items.compactMap { item -> Rect? in
            guard case .path(let p, _?, let st?) = item, st.dash.isEmpty, let b = p.bounds, b.height < 10, b.width > 10 else { return nil }
            return b
        }
        let dots = f.items.filter { if case .path(let p, _, let st?) = $0, st.width > 1.5, let b = p.bounds { return abs(b.width - b.height) < 0.01 } else { return false } }
        #expect(bars.count == 1 && dots.count == 1)
        // January spans 31 of the 365 + padding days shown: its bar is about 31/365 of the axis.
        let axis = try #require(f.items.compactMap { item -> Rect? in
            guard case .path(let p, nil, let st?) = item, st.width > 1, let b = p.bounds, b.height < 0.01 else { return nil }
            return b
        }.max { $0.width < $1.width })
        let share = (bars[0].width) / axis.width
        #expect(share > 0.07 && share < 0.095, "January is drawn as a month, not a day: \(share)")
    }

    @Test func sameDayEventsShareOneLabelAndDatesReadInChinese() throws {
        let f = try Timeline.layout(TimelineFixtures.stress, measurer: m).frame
        let texts = f.textBoxes.map(\.item.block.text)
        #expect(texts.contains { $0.contains("5项：同日活动1") })
        // The same happening told twice on one date is one label, not `2项：A；A`.
        let twice = TimelineSpec(title: "t", events: [
            TimelineEvent(when: EventDate(date: date("2024-03-30")), label: "推进会召开"),
            TimelineEvent(when: EventDate(date: date("2024-03-30")), label: "推进会召开"),
            TimelineEvent(when: EventDate(date: date("2024-05-01")), label: "园区开园"),
        ])
        let labels = try Timeline.layout(twice, measurer: m).frame.textBoxes.map(\.item.block.text)
        #expect(labels.contains { $0.contains("推进会召开") } && !labels.contains { $0.contains("2项") }, "\(labels)")
        #expect(EventDate(date: date("2015-10"), precision: "month-late").chinese == "2015年10月底")
        #expect(EventDate(date: date("2015"), precision: "year-h1").chinese == "2015年上半年")
        #expect(EventDate(date: date("2015-06"), end: date("2015-09")).chinese == "2015年6月—9月")
    }

    @Test func crowdedTimelinesSayWhatTheyLeftOut() throws {
        var spec = TimelineFixtures.stress
        spec.size = .figure
        let laid = try Timeline.layout(spec, measurer: m)
        let shown = laid.frame.textBoxes.filter { $0.item.block.isMarkup }.count
        #expect(shown >= 12, "a crowded year still shows a readable set of labels (\(shown))")
        #expect(laid.warnings.contains { $0.contains("left out") || $0.contains("shortened") })
    }

    @Test func badEventsAreClearErrors() {
        #expect(throws: TimelineError.noEvents) { try Timeline.layout(TimelineSpec(events: []), measurer: m) }
        #expect(throws: TimelineError.invalidPrecision(event: "甲", precision: "week")) {
            try Timeline.layout(TimelineSpec(events: [TimelineFixtures.ev("2015-01", "甲", "week")]), measurer: m)
        }
        #expect(throws: TimelineError.endBeforeStart(event: "乙")) {
            try Timeline.layout(TimelineSpec(events: [TimelineEvent(when: EventDate(date: date("2015-06"), end: date("2015-01")), label: "乙")]), measurer: m)
        }
    }

    @Test(arguments: ["horizontal", "vertical"])
    func matchesReference(_ o: String) throws {
        var spec = TimelineFixtures.seedLike
        spec.orientation = o == "vertical" ? .vertical : .horizontal
        spec.size = o == "vertical" ? .custom(width: 481.9, height: 560, dpi: 72) : .figure
        let png = try Renderer.png(try Timeline.layout(spec, measurer: m).frame, options: RasterOptions(dpi: 72)).bytes
        let r = GoldenImage.check(png, named: "timeline-\(o)")
        #expect(r.matches, "\(r.message)")
    }
}
