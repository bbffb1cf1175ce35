import Foundation

/// Which part of a batch this process builds, so an existing scheduler (a Kubernetes Indexed
/// Job, a Slurm array, a few cron hosts) can spread the reports over machines without a
/// scheduler of ours. Every process reads the same specs and computes the same split.
///
/// The split deals the reports out in turn, sorted by report name: shard `I` of `N` builds the
/// `I`-th, `I+N`-th, … name. Every shard gets the same number of reports ±1 (a hash of the name
/// would leave one of three shards empty one time in four on a batch of six), and the answer
/// depends on the names alone, never on the order specs were given in or on the machine.
/// Adding a report may move others to another shard; with one shared output tree that costs
/// nothing, since each report's cache lives in its own folder.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based, as a person counts: `--shard 1/3` is the first of three.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1, count <= Shard.maxCount else { throw .badCount("\(count)") }
        guard index >= 1, index <= count else { throw .indexOutOfRange(index: index, count: count) }
        self.index = index
        self.count = count
    }

    /// More shards than this is a typo, not a cluster.
    public static let maxCount = 100_000

    public var description: String { "\(index)/\(count)" }

    /// `I/N`, or `N` alone with the index from the scheduler's environment:
    /// `JOB_COMPLETION_INDEX` (Kubernetes Indexed Job, 0-based) or `SLURM_ARRAY_TASK_ID`
    /// (Slurm array; counted from `SLURM_ARRAY_TASK_MIN`, so `--array=0-2` and `--array=1-3`
    /// both work).
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ShardError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func number(_ s: String) -> Int? { s.allSatisfy(\.isASCII) && s.allSatisfy(\.isNumber) && s.count <= 9 ? Int(s) : nil }
        switch parts.count {
        case 2:
            guard let i = number(parts[0]), let n = number(parts[1]) else { throw .syntax(text) }
            return try Shard(index: i, count: n)
        case 1:
            guard let n = number(parts[0]) else { throw .syntax(text) }
            if let k = environment["JOB_COMPLETION_INDEX"] {
                guard let i = number(k) else { throw .badEnvironment(name: "JOB_COMPLETION_INDEX", value: k) }
                return try Shard(index: i + 1, count: n)
            }
            if let t = environment["SLURM_ARRAY_TASK_ID"] {
                guard let id = number(t) else { throw .badEnvironment(name: "SLURM_ARRAY_TASK_ID", value: t) }
                var first = 0
                if let m = environment["SLURM_ARRAY_TASK_MIN"] {
                    guard let v = number(m) else { throw .badEnvironment(name: "SLURM_ARRAY_TASK_MIN", value: m) }
                    first = v
                }
                if let c = environment["SLURM_ARRAY_TASK_COUNT"], let tasks = number(c), tasks != n {
                    throw .countMismatch(given: n, scheduler: tasks, variable: "SLURM_ARRAY_TASK_COUNT")
                }
                guard id >= first else { throw .badEnvironment(name: "SLURM_ARRAY_TASK_ID", value: t) }
                return try Shard(index: id - first + 1, count: n)
            }
            throw .noIndex(count: n)
        default:
            throw .syntax(text)
        }
    }

    /// The names this shard builds, in name order.
    public func select(_ names: [String]) -> [String] {
        names.sorted().enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

public enum ShardError: Error, CustomStringConvertible, Equatable {
    case syntax(String)
    case badCount(String)
    case indexOutOfRange(index: Int, count: Int)
    case noIndex(count: Int)
    case badEnvironment(name: String, value: String)
    case countMismatch(given: Int, scheduler: Int, variable: String)

    public var description: String {
        switch self {
        case .syntax(let t):
            return "--shard \"\(t)\": give I/N (e.g. --shard 2/3, the second of three) or N alone with the index in JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID"
        case .badCount(let n):
            return "--shard: the number of shards must be 1 to \(Shard.maxCount), not \(n)"
        case .indexOutOfRange(let i, let n):
            return "--shard \(i)/\(n): the shard must be 1 to \(n) (shards are counted from 1)"
        case .noIndex(let n):
            return "--shard \(n) names only the number of shards; run it as a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID), or give the index: --shard 1/\(n)"
        case .badEnvironment(let name, let value):
            return "\(name)=\"\(value)\" is not a shard index (a whole number from 0)"
        case .countMismatch(let n, let tasks, let variable):
            return "--shard \(n) but \(variable)=\(tasks): give as many shards as the scheduler runs tasks"
        }
    }
}
