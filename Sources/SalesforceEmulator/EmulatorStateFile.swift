import Foundation
import Synchronization

/// The emulated org kept on disk across restarts (`--state-file`): credentials, the clock's
/// offset, every record including the recycle bin, and the sign-in state (tokens, sessions,
/// switches). JSON, written atomically (temporary file, then rename) with mode 0600 because it
/// holds credentials and tokens.
public struct EmulatorStateFile: Codable, Sendable {
    /// Bumped when the layout changes incompatibly.
    public static let currentFormat = 1

    public var format: Int
    public var credentials: EmulatorCredentials
    public var clockOffsetMilliseconds: Int64
    public var org: OrgState
    public var auth: AuthAuthorityState?

    public init(credentials: EmulatorCredentials, clockOffsetMilliseconds: Int64, org: OrgState, auth: AuthAuthorityState?) {
        format = Self.currentFormat
        self.credentials = credentials
        self.clockOffsetMilliseconds = clockOffsetMilliseconds
        self.org = org
        self.auth = auth
    }

    /// Why a state file could not be used.
    public enum Failure: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case unsupportedFormat(path: String, format: Int)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                return "The state file \(path) could not be read (\(reason)). Move it aside to start with a fresh org."
            case .unsupportedFormat(let path, let format):
                return "The state file \(path) has format \(format), but this emulator reads format \(EmulatorStateFile.currentFormat). Move it aside to start with a fresh org."
            }
        }
    }

    /// Reads the state file; nil when it does not exist yet (first start).
    public static func load(from path: String) throws -> EmulatorStateFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Failure.unreadable(path: path, reason: error.localizedDescription)
        }
        let state: EmulatorStateFile
        do {
            state = try JSONDecoder().decode(EmulatorStateFile.self, from: data)
        } catch {
            throw Failure.unreadable(path: path, reason: "not a valid emulator state file: \(error)")
        }
        guard state.format == currentFormat else { throw Failure.unsupportedFormat(path: path, format: state.format) }
        return state
    }

    /// Writes the running emulator's state.
    public static func save(services: EmulatorServices, to path: String) throws {
        try save(credentials: services.credentials, clock: services.clock, org: services.org, auth: services.auth, to: path)
    }

    /// Serialises concurrent saves (stop and a pending autosave) so renames never interleave.
    private static let writeLock = Mutex(())

    static func save(credentials: EmulatorCredentials, clock: EmulatorClock, org: OrgStore, auth: AuthAuthority, to path: String) throws {
        let state = EmulatorStateFile(
            credentials: credentials, clockOffsetMilliseconds: clock.offset, org: org.exportState(), auth: auth.exportState())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(state)
        try writeLock.withLock { _ in try writeAtomically(data, to: path) }
    }

    /// Writes `data` next to `path` with mode 0600, then renames it over `path`, so a crash
    /// leaves either the old file or the new one, never half of one.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? FileManager.default.removeItem(at: temporary)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Failure.unreadable(path: temporary.path, reason: "could not create the temporary file")
        }
        let handle = try FileHandle(forWritingTo: temporary)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure.unreadable(path: path, reason: "rename failed: \(reason)")
        }
    }
}
