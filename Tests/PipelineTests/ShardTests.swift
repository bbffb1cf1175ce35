import Pipeline
import Testing

@Suite struct ShardTests {
    let names = (1...10).map { "county-\($0)" }

    @Test func theShardsOfABatchAreDisjointCoverItAndDifferBySizeByAtMostOne() throws {
        for n in 1...6 {
            let parts = try (1...n).map { try Shard(index: $0, count: n).select(names) }
            #expect(parts.flatMap { $0 }.sorted() == names.sorted())
            #expect(Set(parts.flatMap { $0 }).count == names.count)
            let sizes = parts.map(\.count)
            #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "\(n) shards: \(sizes)")
        }
    }

    @Test func theSplitDependsOnTheNamesNotTheirOrder() throws {
        let s = try Shard(index: 2, count: 3)
        #expect(s.select(names) == s.select(names.reversed()))
        #expect(s.select(names) == s.select(names.shuffled()))
    }

    @Test func theIndexComesFromTheSchedulersEnvironmentWhenOnlyTheCountIsGiven() throws {
        #expect(try Shard.parse("2/3", environment: [:]) == Shard(index: 2, count: 3))
        #expect(try Shard.parse("3", environment: ["JOB_COMPLETION_INDEX": "0"]) == Shard(index: 1, count: 3))
        #expect(try Shard.parse("3", environment: ["SLURM_ARRAY_TASK_ID": "2"]) == Shard(index: 3, count: 3))
        // --array=1-3: task ids start at SLURM_ARRAY_TASK_MIN.
        #expect(try Shard.parse("3", environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1"]) == Shard(index: 1, count: 3))
    }

    @Test func aBadShardIsAnErrorThatSaysWhatToGive() {
        for bad in ["0/3", "4/3", "1/0", "a/b", "1/2/3", "", "-1/3", "２/３"] {
            #expect(throws: ShardError.self, "\(bad)") { try Shard.parse(bad, environment: [:]) }
        }
        #expect(throws: ShardError.noIndex(count: 3)) { try Shard.parse("3", environment: [:]) }
        #expect(throws: ShardError.self) { try Shard.parse("3", environment: ["JOB_COMPLETION_INDEX": "3"]) }
        #expect(throws: ShardError.self) { try Shard.parse("3", environment: ["JOB_COMPLETION_INDEX": "x"]) }
        #expect(throws: ShardError.self) { try Shard.parse("3", environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4"]) }
    }
}
