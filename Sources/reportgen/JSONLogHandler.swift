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

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var obj: [String: String] = ["time": Timestamp.iso8601(Date()), "level": level.rawValue, "message": message.description]
        for (k, v) in metadata.merging(extra ?? [:], uniquingKeysWith: { $1 }) { obj[k] = "\(v)" }
        guard let data = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        FileHandle.standardError.write(data + Data([0x0A]))
    }
}
