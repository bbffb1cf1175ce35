import Foundation

/// Runs a program and captures what it prints. For poppler's pdftotext/pdffonts and our binary.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// True when the process ended through a signal rather than exit().
    public var crashed: Bool
}

public enum Tools {
    /// Finds `name` on PATH.
    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    public static func run(_ executable: String, _ args: [String], environment: [String: String]? = nil,
                           currentDirectory: String? = nil) throws -> ToolRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        if let environment {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let currentDirectory { p.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        // Output goes to files: no pipe can fill up and block the child, whatever it prints.
        let dir = temporaryFolder("tool-run")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outPath = dir + "/stdout", errPath = dir + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try? out.close()
        try? err.close()
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return ToolRun(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self),
                       crashed: p.terminationReason == .uncaughtSignal)
    }

    /// The built `reportgen` binary beside the test bundle.
    public static func reportgenBinary() -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [beside, beside.deletingLastPathComponent()] {
            let p = dir.appendingPathComponent("reportgen").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return GoldenImage.packageRoot().appendingPathComponent(".build/debug/reportgen").path
    }

    /// A fresh empty folder under the system temporary folder.
    public static func temporaryFolder(_ label: String = "reportgen-test") -> String {
        let p = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }
}
