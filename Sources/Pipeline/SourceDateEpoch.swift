import Foundation

/// `SOURCE_DATE_EPOCH` checked before anything is built.
///
/// WHY: a value that is not a whole number of seconds was ignored (the build then carried the
/// current time and was silently not reproducible), and a huge one made impossible PDF dates
/// (`-119-0-1T1:1:21`). The reproducible-builds convention is a non-negative decimal integer;
/// anything else is a usage error that names the variable.
public enum SourceDateEpoch {
    /// The latest second a four-digit year can print: 9999-12-31T23:59:59Z.
    public static let maximum: Int64 = 253_402_300_799

    /// What is wrong with the variable in `env`, or nil when it is unset or well-formed.
    public static func problem(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let raw = env["SOURCE_DATE_EPOCH"] else { return nil }
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let v = Int64(s), v <= maximum else {
            return "SOURCE_DATE_EPOCH=\"\(raw)\" is not a number of seconds since 1970 (a non-negative integer up to \(maximum), e.g. $(git log -1 --format=%ct)); set it to one or unset it"
        }
        return nil
    }
}
