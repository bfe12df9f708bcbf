import DealdeckCore
import Synchronization
import Testing

@testable import SyncEngine

/// The Bulk download's pipeline: chunks come out in order, each is asked for as soon as the
/// locator before it is known (two ahead of the one being written), never further ahead, and
/// a failure or a cancel stops what is on its way.
@Suite struct BulkChunkPipelineTests {
    /// A job of `count` chunks whose locators are "1" … "count-1"; records which were asked for.
    final class FakeJob: Sendable {
        let count: Int
        let requested = Mutex<[Int]>([])
        let failing: Int?

        init(count: Int, failing: Int? = nil) {
            self.count = count
            self.failing = failing
        }

        func chunk(_ number: Int) -> SourceBulkChunk {
            SourceBulkChunk(nextLocator: number + 1 < count ? String(number + 1) : nil) { () throws(SourceError) in
                var rows = OpportunityRows()
                rows.beginRow()
                rows.setText(.name, "chunk \(number)")
                rows.endRow(isDeleted: false)
                return rows
            }
        }

        func fetch(_ locator: String) async throws -> SourceBulkChunk {
            let number = Int(locator) ?? -1
            requested.withLock { $0.append(number) }
            if number == failing { throw SourceError.network("chunk \(number) failed") }
            return chunk(number)
        }
    }

    private static func waitUntil(_ condition: () -> Bool) async {
        for _ in 0..<400 where !condition() { try? await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func chunksComeInOrderWithTheNextTwoOnTheirWayAndNoMore() async throws {
        let job = FakeJob(count: 6)
        let pipeline = BulkChunkPipeline(first: job.chunk(0)) { try await job.fetch($0) }
        pipeline.extend()
        var names: [String] = []
        while let (rows, locator) = try await pipeline.next() {
            if locator != nil { pipeline.extend() }
            let taken = names.count
            // Written chunk `taken`: chunks up to taken + 2 are requested, none beyond.
            await Self.waitUntil { job.requested.withLock { $0.count } >= min(taken + 2, job.count - 1) }
            try await Task.sleep(for: .milliseconds(20))
            #expect(job.requested.withLock { $0 } == Array(1...min(taken + 2, job.count - 1)))
            names.append(rows.string(.name, row: 0) ?? "?")
        }
        #expect(names == (0..<6).map { "chunk \($0)" })
        #expect(job.requested.withLock { $0 } == Array(1..<6), "each chunk asked for once")
    }

    @Test func aFailedChunkSurfacesInItsTurnAndStopsTheRest() async throws {
        let job = FakeJob(count: 6, failing: 2)
        let pipeline = BulkChunkPipeline(first: job.chunk(0)) { try await job.fetch($0) }
        pipeline.extend()
        var taken = 0
        await #expect(throws: SourceError.self) {
            while let (_, locator) = try await pipeline.next() {
                if locator != nil { pipeline.extend() }
                taken += 1
            }
        }
        #expect(taken == 2, "chunks before the failure came out")
        try await Task.sleep(for: .milliseconds(50))
        #expect(job.requested.withLock { $0 } == [1, 2], "nothing asked for after the failed chunk")
    }
}
