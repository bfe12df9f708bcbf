import DealdeckCore
import DealdeckTestSupport
import Foundation
import SalesforceAPI
import SalesforceEmulator
import Testing

@Suite("Bulk API 2.0 query jobs")
struct BulkTests {
    @Test func jobResultsArePagedByLocator() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            let live = try await harness.opportunityCounts().live
            let job = try await client.createQueryJob("SELECT Id, Name, Amount, Account.Name FROM Opportunity")
            #expect(job.id.hasPrefix("750"))
            #expect(job.state == "UploadComplete")
            let done = try await client.waitForQueryJob(job.id, pollInterval: .milliseconds(1))
            #expect(done.isComplete && done.numberRecordsProcessed == live)
            var chunks: [BulkResultChunk] = []
            for try await chunk in client.queryJobResultChunks(job.id, maxRecords: 120) { chunks.append(chunk) }
            #expect(chunks.map(\.rows.count) == [120, 120, live - 240])
            #expect(chunks.dropLast().allSatisfy { $0.locator != nil } && chunks.last?.locator == nil)
            #expect(chunks.first?.columns == ["Id", "Name", "Amount", "Account.Name"])
            let records = chunks.flatMap(\.records)
            #expect(Set(records.compactMap(\.id)).count == live)
            // Same values as the REST query.
            let rest = try await client.records("SELECT Id, Name, Amount FROM Opportunity")
            let names = Dictionary(uniqueKeysWithValues: rest.compactMap { r in r.id.map { ($0, r.string("Name")) } })
            for record in records { #expect(names[try #require(record.id)] == record.string("Name")) }
            try await client.deleteQueryJob(job.id)
            guard case .notFound = await apiError({ _ = try await client.queryJob(job.id) }) else {
                Issue.record("a deleted job is gone")
                return
            }
        }
    }

    @Test func resultsBeforeCompletionAndAbort() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            let job = try await client.createQueryJob("SELECT Id FROM Opportunity", operation: .queryAll)
            #expect(job.operation == "queryAll")
            let early = await apiError { _ = try await client.queryJobResults(job.id) }
            #expect(early == .api(status: 412, errorCode: "JOB_NOT_COMPLETE", message: "Results are not available until the job is complete."))
            let aborted = try await client.abortQueryJob(job.id)
            #expect(aborted.state == "Aborted" && aborted.hasFailed)
            let failed = await apiError { _ = try await client.waitForQueryJob(job.id) }
            guard case .bulkJobFailed(_, let state, _) = failed else {
                Issue.record("expected bulkJobFailed, got \(String(describing: failed))")
                return
            }
            #expect(state == "Aborted")
        }
    }

    @Test func invalidBulkQueriesAreTyped() async throws {
        try await withEmulator { harness in
            let client = try harness.client(try await harness.passwordSession())
            guard case .invalidField = await apiError({ _ = try await client.createQueryJob("SELECT Nope FROM Opportunity") }) else {
                Issue.record("expected INVALID_FIELD")
                return
            }
        }
    }
}
