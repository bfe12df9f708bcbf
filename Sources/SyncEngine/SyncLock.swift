import DealdeckCore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One sync per cache across processes: an exclusive `flock` on the lock file, which the kernel
/// releases when the holder exits or is killed, so a crashed sync never leaves a stale lock.
/// The holder writes its pid into the file for the "already running" message.
public final class SyncLock: Sendable {
    private let descriptor: Mutex<Int32?>

    private init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    /// Takes the lock without waiting.
    /// - Throws: `SyncFailure(.alreadyRunning)` naming the holder's pid when another process holds it.
    public static func acquire(path: String) throws(SyncFailure) -> SyncLock {
        // O_CLOEXEC: a child process (an editor, `open`) must not inherit and keep the lock.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SyncFailure(
                reason: .other, message: "Dealdeck could not open its sync lock file \(path) (\(reason)).",
                fix: "Check that the folder exists and belongs to you.", cause: "lock-file")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = readPid(fd)
            close(fd)
            throw SyncFailure(
                reason: .alreadyRunning,
                message: "A sync is already running" + (holder.map { " (pid \($0))" } ?? "") + ".",
                fix: "Wait for it to finish; its progress shows in the app that started it.", cause: "locked")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        return SyncLock(descriptor: fd)
    }

    /// Releases the lock (also done by the kernel if the process dies). Safe to call twice.
    public func release() {
        descriptor.withLock { fd in
            guard let held = fd else { return }
            _ = ftruncate(held, 0)
            _ = flock(held, LOCK_UN)
            close(held)
            fd = nil
        }
    }

    deinit { release() }

    private static func readPid(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
