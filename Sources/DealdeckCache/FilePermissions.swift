import Foundation

/// Keeps the databases private to their owner: opportunity and people data are confidential.
enum FilePermissions {
    /// Sets mode 0600 on the file and on the SQLite side files that exist next to it.
    static func restrict(_ path: String) throws {
        for candidate in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: candidate) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: candidate)
        }
    }
}
