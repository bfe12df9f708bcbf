import DealdeckCache
import Dispatch
import Foundation
import GRDB
import Synchronization

/// Tells the app when the cache changed, so the list updates while a sync writes.
///
/// Writes in this process (the sync engine, admin actions) are seen at once through a GRDB
/// `DatabaseRegionObservation`; writes by another process (a cron `dealdeck sync`) are caught by
/// comparing the database files' size and modification time on each tick. Bursts are throttled
/// to one notification per `interval`, trailing, so the last write is never missed.
final class CacheObserver: Sendable {
    private let database: AppDatabase
    private let interval: DispatchTimeInterval
    private let onChange: @Sendable () -> Void
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "dealdeck.cache-observer")

    private struct State {
        var cancellable: AnyDatabaseCancellable?
        var scheduled = false
        var fileStamp: [String: FileStamp] = [:]
    }

    private struct FileStamp: Equatable {
        var size: Int
        var modified: Double
    }

    init(database: AppDatabase, interval: DispatchTimeInterval = .milliseconds(150), onChange: @escaping @Sendable () -> Void) {
        self.database = database
        self.interval = interval
        self.onChange = onChange
    }

    func start() {
        let observation = DatabaseRegionObservation(tracking: Table("opportunity"), Table("sync_state"), Table("sync_run"))
        let cancellable = observation.start(in: database.writer, onError: { _ in }, onChange: { [weak self] _ in self?.changed() })
        state.withLock {
            $0.cancellable = cancellable
            $0.fileStamp = stamps()
        }
    }

    func stop() {
        state.withLock { $0.cancellable = nil }
    }

    /// Looks for writes by other processes (called once a second).
    func probeFiles() {
        let current = stamps()
        let changed = state.withLock { state -> Bool in
            defer { state.fileStamp = current }
            return !state.fileStamp.isEmpty && state.fileStamp != current
        }
        if changed { self.changed() }
    }

    private func changed() {
        let schedule = state.withLock { state -> Bool in
            guard !state.scheduled else { return false }
            state.scheduled = true
            return true
        }
        guard schedule else { return }
        queue.asyncAfter(deadline: .now() + interval) { [self] in
            state.withLock { $0.scheduled = false }
            onChange()
        }
    }

    /// Size and modification time of the database files (the WAL grows with every commit).
    private func stamps() -> [String: FileStamp] {
        var paths = [database.appPath, database.appPath + "-wal"]
        if let cache = database.cachePath { paths += [cache, cache + "-wal"] }
        var result: [String: FileStamp] = [:]
        for path in paths {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { continue }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[path] = FileStamp(size: size, modified: modified)
        }
        return result
    }
}
