import Canvas
import Foundation

/// Compares a rendered PNG with a committed reference under a per-pixel tolerance.
///
/// A pixel differs when any RGBA channel is off by more than `channelTolerance`; the images match
/// when at most `maxDifferingFraction` of pixels differ. Antialiasing and font-hinting noise stays
/// under that; a moved label or a wrong colour does not. On a mismatch the actual image and a diff
/// (differing pixels red over a faded copy of the reference) are written under
/// `.build/golden-failures/` and their paths are in the message. `RECORD_SNAPSHOTS=1` rewrites
/// the references.
public enum GoldenImage {
    public struct Result: Sendable {
        public var matches: Bool
        public var differingFraction: Double
        public var message: String
    }

    public static func check(_ png: [UInt8], named name: String, channelTolerance: Int = 16,
                             maxDifferingFraction: Double = 0.005, filePath: String = #filePath) -> Result {
        let testDir = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        let refURL = testDir.appendingPathComponent("Snapshots").appendingPathComponent(name + ".png")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        if record || !FileManager.default.fileExists(atPath: refURL.path) {
            guard record else {
                return Result(matches: false, differingFraction: 1,
                              message: "no reference image \(refURL.path); run the tests with RECORD_SNAPSHOTS=1 to record it, then look at it")
            }
            try? FileManager.default.createDirectory(at: refURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(png).write(to: refURL)
            return Result(matches: true, differingFraction: 0, message: "recorded \(refURL.path)")
        }
        let failDir = packageRoot(filePath).appendingPathComponent(".build/golden-failures")
        func fail(_ why: String, diff: RasterImage?) -> Result {
            try? FileManager.default.createDirectory(at: failDir, withIntermediateDirectories: true)
            let actualURL = failDir.appendingPathComponent(name + ".actual.png")
            try? Data(png).write(to: actualURL)
            var msg = "\(name): \(why). Reference \(refURL.path), actual \(actualURL.path)"
            if let diff {
                let diffURL = failDir.appendingPathComponent(name + ".diff.png")
                try? Data(diff.pngData()).write(to: diffURL)
                msg += ", diff \(diffURL.path)"
            }
            return Result(matches: false, differingFraction: 1, message: msg)
        }
        guard let refData = FileManager.default.contents(atPath: refURL.path),
              let ref = try? RasterImage(png: [UInt8](refData)) else { return fail("reference is unreadable", diff: nil) }
        guard let act = try? RasterImage(png: png) else { return fail("actual image is not a valid PNG", diff: nil) }
        guard ref.width == act.width, ref.height == act.height else {
            return fail("size \(act.width)x\(act.height) differs from the reference \(ref.width)x\(ref.height)", diff: nil)
        }
        var differing = 0
        var diff = [UInt8](repeating: 0, count: ref.rgba.count)
        for p in 0..<(ref.width * ref.height) {
            let o = p * 4
            var worst = 0
            for c in 0..<4 { worst = max(worst, abs(Int(ref.rgba[o + c]) - Int(act.rgba[o + c]))) }
            if worst > channelTolerance {
                differing += 1
                diff[o] = 255; diff[o + 1] = 0; diff[o + 2] = 0; diff[o + 3] = 255
            } else {
                let grey = UInt8((Int(ref.rgba[o]) + Int(ref.rgba[o + 1]) + Int(ref.rgba[o + 2])) / 3)
                diff[o] = grey; diff[o + 1] = grey; diff[o + 2] = grey; diff[o + 3] = 48
            }
        }
        let fraction = Double(differing) / Double(max(1, ref.width * ref.height))
        if fraction > maxDifferingFraction {
            var r = fail(String(format: "%.3f%% of pixels differ (allowed %.3f%%)", fraction * 100, maxDifferingFraction * 100),
                         diff: RasterImage(width: ref.width, height: ref.height, rgba: diff))
            r.differingFraction = fraction
            return r
        }
        return Result(matches: true, differingFraction: fraction, message: "matches \(refURL.lastPathComponent)")
    }

    /// The package root: the folder above `Tests/`.
    public static func packageRoot(_ filePath: String = #filePath) -> URL {
        var u = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while u.path != "/" && u.lastPathComponent != "Tests" { u = u.deletingLastPathComponent() }
        return u.deletingLastPathComponent()
    }
}
