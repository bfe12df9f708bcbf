import Dispatch
import Foundation
import GRDBSQLite
import Synchronization

/// Copies a cache's write-ahead log into the database file on a thread of its own while a sync
/// writes.
///
/// Why: an initial load writes the whole table through the log (hundreds of megabytes at a
/// million rows), and SQLite copies the log into the database in the writing connection, after
/// a commit (every 256 MB here, see `prepareForSync`) and when the process closes the cache: a
/// second or so each time at a million rows, during which nothing is written. (The full sync
/// stops it before the index builds, whose large commits it slowed, and an initial load starts
/// it only once the log is large; see `runFull`.) A second
/// connection can copy committed pages while the writer goes on (a PASSIVE checkpoint takes no
/// lock a writer or reader waits for); once it has copied everything, the writer's next
/// transaction starts the log from the beginning, so the log stays short and closing the
/// cache has little left to copy.
public final class WALCheckpointer: Sendable {
    /// How long the thread rests when there was nothing to copy.
    static let idleMilliseconds: UInt32 = 25

    private let stopping = StopFlag()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts copying for the database at `path` (already in WAL mode) once its log holds more
    /// than `logBytes`; nil when SQLite cannot open a second connection to it, in which case
    /// the writer checkpoints as it always did.
    public init?(path: String, startingAbove logBytes: Int = 0) {
        var connection: OpaquePointer?
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let connection else {
            sqlite3_close_v2(connection)
            return nil
        }
        // The connection is moved into the thread and used only there.
        let handle = ConnectionHandle(connection)
        let logPath = path + "-wal"
        let thread = Thread { [stopping, finished] in
            if Self.wait(until: logPath, exceeds: logBytes, or: stopping) {
                Self.copy(handle.connection, until: stopping)
            }
            sqlite3_close_v2(handle.connection)
            finished.signal()
        }
        thread.name = "dealdeck-wal-checkpointer"
        thread.start()
    }

    /// Stops copying and waits for the thread to close its connection. Idempotent.
    public func stop() {
        guard stopping.value.exchange(true, ordering: .acquiringAndReleasing) == false else { return }
        finished.wait()
    }

    deinit {
        stop()
    }

    /// Rests until the log file is larger than `bytes` (true) or copying stops first (false).
    /// The log only grows until something copies it, so its file size is how much it holds.
    private static func wait(until logPath: String, exceeds bytes: Int, or stopping: StopFlag) -> Bool {
        guard bytes > 0 else { return true }
        var status = stat()
        while !stopping.value.load(ordering: .acquiring) {
            if stat(logPath, &status) == 0, Int(status.st_size) > bytes { return true }
            usleep(idleMilliseconds * 1000)
        }
        return false
    }

    private static func copy(_ connection: OpaquePointer, until stopping: StopFlag) {
        // A connection opens the log on its first read; until then it has nothing to checkpoint.
        sqlite3_exec(connection, "SELECT COUNT(*) FROM sqlite_master", nil, nil, nil)
        while !stopping.value.load(ordering: .acquiring) {
            var logFrames: Int32 = 0
            var copiedFrames: Int32 = 0
            let code = sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copiedFrames)
            // Busy (another checkpoint runs) or nothing new: rest. Otherwise look again at once,
            // for the writer may have committed meanwhile.
            if code != SQLITE_OK || copiedFrames >= logFrames {
                usleep(idleMilliseconds * 1000)
            }
        }
    }

    private final class StopFlag: Sendable {
        let value = Atomic<Bool>(false)
    }

    /// A raw connection handed from the initializer to the checkpoint thread, which alone uses it.
    private struct ConnectionHandle: @unchecked Sendable {
        // Unchecked: the pointer is created before the thread starts and used by that thread only
        // (opened with SQLITE_OPEN_NOMUTEX for exactly that reason); the initializer never touches
        // it after handing it over, so no two threads ever use the connection.
        let connection: OpaquePointer
        init(_ connection: OpaquePointer) { self.connection = connection }
    }
}
