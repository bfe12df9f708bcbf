import Foundation

/// One sync run, as recorded in the sync log.
public struct SyncRun: Equatable, Sendable, Codable {
    public var id: Int64?
    public var startedAt: Date
    public var endedAt: Date?
    public var kind: SyncKind
    public var counts: SyncCounts
    public var apiCallsUsed: Int
    public var verification: SyncVerification?
    /// What went wrong, in one sentence, when the run failed or stopped early.
    public var error: String?
    /// The underlying cause (an error code or HTTP status), for the log.
    public var errorCause: String?

    public init(
        id: Int64? = nil, startedAt: Date, endedAt: Date? = nil, kind: SyncKind, counts: SyncCounts = SyncCounts(),
        apiCallsUsed: Int = 0, verification: SyncVerification? = nil, error: String? = nil, errorCause: String? = nil
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.kind = kind
        self.counts = counts
        self.apiCallsUsed = apiCallsUsed
        self.verification = verification
        self.error = error
        self.errorCause = errorCause
    }

    public var succeeded: Bool { endedAt != nil && error == nil }
}

/// Full syncs read every record; incremental ones read what changed since the watermark.
public enum SyncKind: String, Codable, Sendable, CaseIterable {
    case full
    case incremental
}

/// What a sync changed in the cache.
public struct SyncCounts: Equatable, Sendable, Codable {
    public var new: Int
    public var updated: Int
    public var deleted: Int
    public var undeleted: Int

    public init(new: Int = 0, updated: Int = 0, deleted: Int = 0, undeleted: Int = 0) {
        self.new = new
        self.updated = updated
        self.deleted = deleted
        self.undeleted = undeleted
    }

    public static func + (lhs: SyncCounts, rhs: SyncCounts) -> SyncCounts {
        SyncCounts(new: lhs.new + rhs.new, updated: lhs.updated + rhs.updated, deleted: lhs.deleted + rhs.deleted, undeleted: lhs.undeleted + rhs.undeleted)
    }
}

/// The post-sync check: Salesforce's `COUNT()` against the cache's count for the same scope.
public struct SyncVerification: Equatable, Sendable, Codable {
    public var remoteCount: Int
    public var cachedCount: Int
    /// Whether a sweep repaired a discrepancy.
    public var repaired: Bool

    public init(remoteCount: Int, cachedCount: Int, repaired: Bool = false) {
        self.remoteCount = remoteCount
        self.cachedCount = cachedCount
        self.repaired = repaired
    }

    public var isVerified: Bool { remoteCount == cachedCount }

    /// "verified 2000/2000" or "mismatch: 1998 cached, 2000 in Salesforce".
    public var summary: String {
        isVerified
            ? "verified \(cachedCount)/\(remoteCount)" + (repaired ? " (repaired)" : "")
            : "mismatch: \(cachedCount) cached, \(remoteCount) in Salesforce"
    }
}
