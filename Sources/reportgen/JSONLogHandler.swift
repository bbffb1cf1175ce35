import Canvas
import Foundation
import Logging

/// One JSON object per line on stderr (`{"time":…,"level":"info","message":…,"report":…}`), for
/// cron jobs whose output goes to a log collector.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var obj: [String: String] = ["time": Timestamp.iso8601(Date()), "level": event.level.rawValue,
                                     "message": event.message.description]
        for (k, v) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { obj[k] = "\(v)" }
        if let error = event.error { obj["error"] = "\(error)" }
        guard let data = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        FileHandle.standardError.write(data + Data([0x0A]))
    }
}
