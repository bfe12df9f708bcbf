import DealdeckCore
import Foundation

/// An interrupted run's resume point, saved (as JSON in the cache's sync state) in the same
/// transaction as each page it describes. Killing the process at any moment and running again
/// continues from here: nothing written is lost, and rows written twice are simply upserted.
struct SyncCheckpoint: Equatable, Codable, Sendable {
    /// Where in the run it stopped.
    enum Stage: String, Codable, Sendable {
        /// Downloading records (REST pages or Bulk chunks).
        case download
        /// Full sync only: turning live rows the run did not write into tombstones.
        case tombstones
        /// Collecting Salesforce's live IDs for the sweep.
        case sweepIDs = "sweep-ids"
    }

    /// Format version, so a future Dealdeck can drop checkpoints it no longer understands.
    var version = 1
    var kind: SyncKind
    var stage: Stage
    /// When the interrupted run began (milliseconds since the epoch, local clock). A full sync's
    /// tombstoning compares `synced_at` with this, so a resumed run keeps the original start.
    var runStartedAt: Int64
    /// The last record written, in the query's `(SystemModstamp, Id)` order.
    var cursor: SyncCursor?
    /// The newest SystemModstamp written (a Bulk job's rows come unordered).
    var maxSeen: SalesforceTimestamp?
    /// Incremental: the lower bound the run started from.
    var since: SalesforceTimestamp?
    /// Records the run expects (for progress).
    var recordsTotal: Int?
    /// Records written so far (for progress after a resume).
    var recordsDone: Int = 0
    /// Full sync through the Bulk API: the job and the next results chunk.
    var bulkJob: SourceBulkJob?
    var bulkLocator: String?
    /// Salesforce's time when the run began, from Get Deleted (the next delete check starts here).
    var serverTimeAtStart: SalesforceTimestamp?
    /// Full sync: whether it goes through the Bulk API (decided once, from the count).
    var bulk = false
    /// Sweep: the last ID collected.
    var sweepAfter: SalesforceID?
    /// Full sync into an empty cache: its secondary indexes are dropped until the download ends.
    var deferredIndexes = false
    /// Full sync: the cache held no opportunity when the run began, so every row in it is one
    /// this run wrote and none needs tombstoning (nil in checkpoints written before this was kept).
    var startedEmpty: Bool?

    var runStart: Date { Date(timeIntervalSince1970: Double(runStartedAt) / 1000) }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Every stored value is a plain string, number or nested struct of them: encoding cannot fail.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The checkpoint in `text`, or nil when there is none or it is from an unknown format.
    static func decode(_ text: String?) -> SyncCheckpoint? {
        guard let text, let checkpoint = try? JSONDecoder().decode(SyncCheckpoint.self, from: Data(text.utf8)),
            checkpoint.version == 1
        else { return nil }
        return checkpoint
    }
}
