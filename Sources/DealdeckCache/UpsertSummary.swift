/// What one page upsert changed.
public struct UpsertSummary: Equatable, Sendable {
    public var inserted = 0
    public var updated = 0
    public var undeleted = 0
    /// Rows written again with the same SystemModstamp (overlap windows re-read them).
    public var unchanged = 0
    /// Rows that arrived already deleted (queryAll with IsDeleted = true) and became tombstones.
    public var deleted = 0

    public init() {}
}
