import DealdeckCore
import Foundation

/// One line of `dealdeck sync --json`: `{"event": "started" | "progress" | "finished" | "failed", …}`.
/// Every key of an event kind is always present (null when empty), keys sorted.
enum SyncEventJSON: Encodable {
    case started(SyncKind)
    case progress(SyncProgress)
    case finished(SyncRun)
    case failed(SyncFailure)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .started(let kind):
            try container.encode("started", forKey: .event)
            try container.encode(kind.rawValue, forKey: .kind)
        case .progress(let progress):
            try container.encode("progress", forKey: .event)
            try container.encode(progress.phase.rawValue, forKey: .phase)
            try container.encode(progress.pages, forKey: .pages)
            try container.encode(progress.recordsDone, forKey: .recordsDone)
            try container.encode(progress.recordsTotal, forKey: .recordsTotal)
            try container.encode((progress.recordsPerSecond * 10).rounded() / 10, forKey: .recordsPerSecond)
            try container.encode(progress.etaSeconds.map { ($0 * 10).rounded() / 10 }, forKey: .etaSeconds)
            try container.encode(progress.apiCallsUsed, forKey: .apiCallsUsed)
        case .finished(let run):
            try container.encode("finished", forKey: .event)
            try container.encode(SyncRunJSON(run), forKey: .run)
        case .failed(let failure):
            try container.encode("failed", forKey: .event)
            try container.encode(failure.reason.rawValue, forKey: .reason)
            try container.encode(failure.message, forKey: .message)
            try container.encode(failure.fix, forKey: .fix)
            try container.encode(failure.cause, forKey: .cause)
        }
    }

    enum CodingKeys: String, CodingKey {
        case event, kind, phase, pages, recordsDone, recordsTotal, recordsPerSecond, etaSeconds, apiCallsUsed, run
        case reason, message, fix, cause
    }
}

/// A sync run in `dealdeck sync log --json` and in the `finished` event.
struct SyncRunJSON: Encodable {
    let run: SyncRun

    init(_ run: SyncRun) {
        self.run = run
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run.id, forKey: .id)
        try container.encode(Self.timestamp(run.startedAt), forKey: .startedAt)
        try container.encode(run.endedAt.map(Self.timestamp), forKey: .endedAt)
        try container.encode(run.kind.rawValue, forKey: .kind)
        try container.encode(run.counts.new, forKey: .new)
        try container.encode(run.counts.updated, forKey: .updated)
        try container.encode(run.counts.deleted, forKey: .deleted)
        try container.encode(run.counts.undeleted, forKey: .undeleted)
        try container.encode(run.apiCallsUsed, forKey: .apiCalls)
        try container.encode(run.verification?.remoteCount, forKey: .remoteCount)
        try container.encode(run.verification?.cachedCount, forKey: .cachedCount)
        try container.encode(run.verification.map(\.isVerified), forKey: .verified)
        try container.encode(run.verification?.repaired ?? false, forKey: .repaired)
        try container.encode(run.error, forKey: .error)
        try container.encode(run.errorCause, forKey: .errorCause)
        try container.encode(run.succeeded, forKey: .succeeded)
    }

    /// `2024-01-02T03:04:05.000+0000`, UTC, as every Dealdeck timestamp in JSON.
    static func timestamp(_ date: Date) -> String {
        SalesforceTimestamp(secondsSinceEpoch: date.timeIntervalSince1970).description
    }

    enum CodingKeys: String, CodingKey {
        case id, startedAt, endedAt, kind, new, updated, deleted, undeleted, apiCalls, remoteCount, cachedCount, verified, repaired
        case error, errorCause, succeeded
    }
}
