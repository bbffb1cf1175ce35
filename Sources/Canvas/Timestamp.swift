import Foundation

/// UTC timestamps for file metadata (PDF dates, OOXML `dcterms`), written by hand: Foundation's
/// ISO8601DateFormatter loads ICU's calendar data, which cost a third of a millisecond and
/// megabytes of memory per PDF for a fixed-format string.
public enum Timestamp {
    /// `2015-12-01T08:30:00Z`; seconds are truncated.
    public static func iso8601(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&t, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
    }
}
