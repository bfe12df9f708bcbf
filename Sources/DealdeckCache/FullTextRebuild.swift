/// How `AppDatabase.restoreDeferredIndexes()` brought the full-text index back.
public enum FullTextRebuild: Sendable, Equatable {
    /// Its triggers were not deferred: nothing to rebuild.
    case notDeferred
    /// Built in a file of its own beside the list indexes, then copied in (see `FullTextIndexBuild`).
    case builtAlongside
    /// Rebuilt in the cache after the list indexes: an in-memory cache, or the separate build
    /// could not be used, for `reason`.
    case rebuiltInPlace(reason: String)
}
