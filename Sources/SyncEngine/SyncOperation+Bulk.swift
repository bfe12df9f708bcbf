import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// A full load through a Bulk API 2.0 query job (queryAll, so recycle-bin rows arrive as
    /// tombstones). The job ID and the next chunk's locator are checkpointed with every chunk, so
    /// a resumed run downloads only the chunks it has not written; a job Salesforce has dropped
    /// meanwhile is started again (rows already written are simply upserted once more).
    func downloadBulk() async throws {
        var attempts = 0
        while true {
            attempts += 1
            do {
                try await downloadBulkJob()
                return
            } catch SourceError.other(code: "NOT_FOUND", let message) where attempts < 3 {
                logger.notice("the Bulk API job is gone (\(message)); starting a new one")
                checkpoint.bulkJob = nil
                checkpoint.bulkLocator = nil
                try await saveCheckpoint()
            }
        }
    }

    private func downloadBulkJob() async throws {
        var job: SourceBulkJob
        if let saved = checkpoint.bulkJob {
            job = saved
        } else {
            try await ensureQuota(calls: 1)
            job = try await source.startBulkQuery(query.bulkQuery, includeDeleted: true)
            checkpoint.bulkJob = job
            checkpoint.bulkLocator = nil
            try await saveCheckpoint()
            logger.info("Bulk API job \(job.id) created")
        }
        if job.state != .complete {
            job = try await waitForBulkJob(job)
            checkpoint.bulkJob = job
            try await saveCheckpoint()
        }

        await report(.downloading)
        let source = self.source
        let chunkSize = configuration.bulkChunkSize
        let id = job.id
        try await ensureQuota(calls: 1)
        let first = try await source.bulkQueryResults(id, locator: checkpoint.bulkLocator, maxRecords: chunkSize)
        let chunks = BulkChunkPipeline(first: first) { locator in
            try await source.bulkQueryResults(id, locator: locator, maxRecords: chunkSize)
        }
        defer { chunks.cancel() }
        if first.nextLocator != nil {
            try await ensureQuota(calls: 1)
            chunks.extend()
        }
        while let (rows, locator) = try await chunks.next() {
            // While this chunk is written, the next decodes and the one after it downloads.
            if locator != nil {
                try await ensureQuota(calls: 1)
                chunks.extend()
            }
            checkpoint.bulkLocator = locator
            try await write(rows)
        }
    }

    /// Polls until the job completes, backing off from `bulkPollInterval.initial` (0.05 s) to its maximum (5 s) between polls.
    private func waitForBulkJob(_ started: SourceBulkJob) async throws -> SourceBulkJob {
        await report(.bulkWaiting)
        var job = started
        var interval = configuration.bulkPollInterval.initial
        let deadline = clock.now().addingTimeInterval(configuration.bulkTimeoutSeconds)
        while job.state == .inProgress {
            guard clock.now() < deadline else {
                throw SyncFailure(
                    reason: .other, message: "The Bulk API job \(job.id) did not finish within \(Int(configuration.bulkTimeoutSeconds / 60)) minutes.",
                    fix: "Run `dealdeck sync` again later: it picks the same job up where it is.", cause: "BULK_TIMEOUT")
            }
            try await clock.sleep(seconds: interval)
            interval = min(interval * 2, configuration.bulkPollInterval.maximum)
            try await ensureQuota(calls: 1)
            job = try await source.bulkQueryJob(job.id)
            await report(.bulkWaiting)
        }
        if job.state == .failed {
            checkpoint.bulkJob = nil
            checkpoint.bulkLocator = nil
            try await saveCheckpoint()
            throw SyncFailure(
                reason: .other, message: "Salesforce's Bulk API job failed: \(job.errorMessage ?? "no reason given").",
                fix: "Run `dealdeck sync --full` again; if it keeps failing, raise bulk_threshold under [sync] in config.toml so the load pages through REST instead.",
                cause: "BULK_JOB_FAILED")
        }
        return job
    }
}
