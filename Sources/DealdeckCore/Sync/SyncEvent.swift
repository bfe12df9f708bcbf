/// What a running sync reports, for the TUI's status bar and the CLI's progress output.
/// The records themselves travel through the cache; these events only describe progress.
public enum SyncEvent: Equatable, Sendable {
    case started(SyncKind)
    case progress(SyncProgress)
    /// The run ended normally (counts, verification and API calls are in the run).
    case finished(SyncRun)
    /// The run stopped: the cache keeps everything written so far and a later run resumes.
    case failed(SyncFailure)
}

/// Where a sync is.
public enum SyncPhase: String, Equatable, Sendable, Codable, CaseIterable {
    case connecting
    case describing
    case estimating
    case downloading
    case bulkWaiting = "bulk-waiting"
    case deletes
    case sweeping
    /// Building the indexes an initial load deferred (lists and search are slow meanwhile).
    case indexing
    case verifying

    /// Present-tense label for status lines.
    public var label: String {
        switch self {
        case .connecting: return "Connecting"
        case .describing: return "Reading the Opportunity schema"
        case .estimating: return "Estimating"
        case .downloading: return "Downloading"
        case .bulkWaiting: return "Waiting for the Bulk API job"
        case .deletes: return "Checking deletes"
        case .sweeping: return "Reconciling IDs"
        case .indexing: return "Building the cache's indexes"
        case .verifying: return "Verifying"
        }
    }
}

/// A progress snapshot.
public struct SyncProgress: Equatable, Sendable, Codable {
    public var phase: SyncPhase
    public var pages: Int
    public var recordsDone: Int
    /// Records the run expects in all (Salesforce's `totalSize`), when known.
    public var recordsTotal: Int?
    public var recordsPerSecond: Double
    /// Seconds until the download is done at the current rate, when known.
    public var etaSeconds: Double?
    public var apiCallsUsed: Int

    public init(phase: SyncPhase, pages: Int = 0, recordsDone: Int = 0, recordsTotal: Int? = nil, recordsPerSecond: Double = 0, etaSeconds: Double? = nil, apiCallsUsed: Int = 0) {
        self.phase = phase
        self.pages = pages
        self.recordsDone = recordsDone
        self.recordsTotal = recordsTotal
        self.recordsPerSecond = recordsPerSecond
        self.etaSeconds = etaSeconds
        self.apiCallsUsed = apiCallsUsed
    }

    /// Done share 0…1 when the total is known.
    public var fraction: Double? {
        guard let recordsTotal, recordsTotal > 0 else { return nil }
        return min(1, Double(recordsDone) / Double(recordsTotal))
    }
}

/// Why a sync stopped, with the doctor's plain-words explanation.
public struct SyncFailure: Error, Equatable, Sendable, Codable {
    public enum Reason: String, Equatable, Sendable, Codable {
        /// Tokens are gone or expired: sign in again. The cache stays browsable.
        case signInNeeded = "sign-in-needed"
        /// The API quota share was reached or Salesforce said REQUEST_LIMIT_EXCEEDED.
        case rateLimited = "rate-limited"
        /// Salesforce could not be reached (after retries).
        case network
        /// Another sync holds the cache.
        case alreadyRunning = "already-running"
        /// The user or the app cancelled it.
        case cancelled
        /// Anything else (a bad query, the API disabled for the org…).
        case other
    }

    public var reason: Reason
    /// One sentence: what happened.
    public var message: String
    /// What to do about it (may mention Salesforce Setup).
    public var fix: String?
    /// The underlying cause for the log (an error code or HTTP status).
    public var cause: String?

    public init(reason: Reason, message: String, fix: String? = nil, cause: String? = nil) {
        self.reason = reason
        self.message = message
        self.fix = fix
        self.cause = cause
    }

    public var description: String { fix.map { "\(message) \($0)" } ?? message }
}
