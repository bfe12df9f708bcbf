import DealdeckCache
import DealdeckCore
import Foundation

/// A stand-in sync engine that writes scripted records into the cache, with the same events and
/// side effects a real sync has (progress, a recorded run, the sync state's `instance_url` and
/// last success). It lets the UI's end-to-end tests and offline demos exercise keyboard sync
/// without Salesforce; the real `SyncEngine` replaces it in the composition root.
public actor SimulatedSyncController: SyncControlling {
    /// What a run writes.
    public struct Script: Codable, Sendable, Equatable {
        public var instanceURL: String?
        public var records: [Opportunity]
        public var deletedIDs: [SalesforceID]
        /// Pause per record, so progress can be watched.
        public var delayMilliseconds: Int
        /// When set, the run fails with this message after writing the records.
        public var failure: String?

        public init(instanceURL: String? = nil, records: [Opportunity] = [], deletedIDs: [SalesforceID] = [], delayMilliseconds: Int = 0, failure: String? = nil) {
            self.instanceURL = instanceURL
            self.records = records
            self.deletedIDs = deletedIDs
            self.delayMilliseconds = delayMilliseconds
            self.failure = failure
        }

        /// Reads a script from a JSON file (`DEALDECK_SIMULATED_SYNC`).
        public static func load(from path: String) throws -> Script {
            try JSONDecoder().decode(Script.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    public nonisolated let events: AsyncStream<SyncEvent>
    private let continuation: AsyncStream<SyncEvent>.Continuation
    private let database: AppDatabase
    private let script: Script
    private var running = false

    public init(database: AppDatabase, script: Script) {
        self.database = database
        self.script = script
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    public func start(kind: SyncKind) -> Bool {
        guard !running else { return false }
        running = true
        Task { await self.run(kind) }
        return true
    }

    private func run(_ kind: SyncKind) async {
        defer { running = false }
        let startedAt = Date()
        continuation.yield(.started(kind))
        let total = script.records.count
        var counts = SyncCounts()
        for (index, record) in script.records.enumerated() {
            if script.delayMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(script.delayMilliseconds)) }
            do {
                let summary = try database.upsert([CachedRecord(record)])
                counts = counts + SyncCounts(new: summary.inserted, updated: summary.updated, deleted: summary.deleted, undeleted: summary.undeleted)
            } catch {
                continuation.yield(.failed(SyncFailure(reason: .other, message: error.description)))
                return
            }
            let elapsed = max(0.001, Date().timeIntervalSince(startedAt))
            continuation.yield(.progress(SyncProgress(
                phase: .downloading, pages: 1, recordsDone: index + 1, recordsTotal: total, recordsPerSecond: Double(index + 1) / elapsed)))
        }
        if !script.deletedIDs.isEmpty {
            counts.deleted += (try? database.markDeleted(script.deletedIDs, at: SalesforceTimestamp(secondsSinceEpoch: Date().timeIntervalSince1970))) ?? 0
        }
        if let failure = script.failure {
            continuation.yield(.failed(SyncFailure(reason: .network, message: failure, fix: "Check the network and press s to try again.")))
            return
        }
        let cached = (try? database.opportunityCounts().live) ?? 0
        var run = SyncRun(startedAt: startedAt, endedAt: Date(), kind: kind, counts: counts, apiCallsUsed: 1,
                          verification: SyncVerification(remoteCount: cached, cachedCount: cached))
        do {
            run.id = try database.record(run)
            var state = try database.syncState()
            state.lastSuccessAt = SalesforceTimestamp(secondsSinceEpoch: Date().timeIntervalSince1970)
            if let url = script.instanceURL { state.instanceURL = url }
            try database.saveSyncState(state)
        } catch {
            continuation.yield(.failed(SyncFailure(reason: .other, message: error.description)))
            return
        }
        continuation.yield(.finished(run))
    }
}
