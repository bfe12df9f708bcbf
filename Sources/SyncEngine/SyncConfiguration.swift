/// How a sync behaves: the settings from `config.toml` (`[sync]`) plus the engine's own knobs.
public struct SyncConfiguration: Sendable {
    /// Initial loads of more records than this use a Bulk API 2.0 query job (`sync.bulk_threshold`).
    public var bulkThreshold: Int = 50_000
    /// The share of the org's daily API limit a sync may bring usage up to (`sync.max_api_share`).
    public var maxAPIShare: Double = 0.5
    /// How far before the watermark an incremental sync starts reading again, so records that
    /// committed late (with a SystemModstamp older than ones already read) are not missed.
    public var overlapSeconds: Double = 300
    /// Rows per REST page asked of Salesforce (a hint, 200…2000).
    public var batchSize: Int = 2000
    /// Rows per Bulk API results request: bounds memory while keeping calls few.
    public var bulkChunkSize: Int = 10_000
    /// Rows per `Id IN (…)` fetch during the ID sweep (keeps the URL short).
    public var sweepFetchSize: Int = 200
    /// Days Salesforce keeps deleted records in the recycle bin: a cache older than this may
    /// have missed deletes for good, so the sync sweeps IDs.
    public var recycleBinDays: Double = 15
    /// The lock file that keeps one sync per cache across processes; nil locks within this
    /// process only (in-memory caches).
    public var lockFilePath: String?
    /// How many times one query may restart from its checkpoint (after a token refresh, an
    /// expired locator or a timeout) without progress in between.
    public var maximumRestarts: Int = 5
    /// Seconds between Bulk API job polls: starts at the first value, doubles up to the second.
    /// A short first wait matters: a job for a mid-sized org is often done within a second,
    /// and starting at 0.5 s left a 100,000-record load idle for 1.5 s; doubling keeps a long
    /// job to a dozen polls (from 0.05 s, one poll more than from 0.1 s, while a job that is
    /// done at once is seen 0.15 s sooner).
    public var bulkPollInterval: (initial: Double, maximum: Double) = (0.05, 5)
    /// An initial load of more rows than this into an empty cache drops the cache's secondary
    /// indexes while it writes and builds each once at the end (several times faster).
    public var deferIndexesAbove: Int = 10_000
    /// How long to wait for a Bulk API job before giving up.
    public var bulkTimeoutSeconds: Double = 3600

    public init() {}
}
