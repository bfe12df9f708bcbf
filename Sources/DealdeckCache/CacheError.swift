import Foundation
import GRDB

/// A cache failure, phrased for the person at the keyboard: what is wrong and what to do.
public enum CacheError: Error, Equatable, Sendable, CustomStringConvertible {
    case corruptDatabase(path: String)
    case databaseLocked(path: String)
    case readOnly(path: String)
    case unknownUser(String)
    case userExists(String)
    case unknownOpportunity(String)
    case other(path: String, message: String)

    public var description: String {
        switch self {
        case .corruptDatabase(let path):
            return "The database \(path) is damaged or is not a Dealdeck database. Move it aside (for example to \(path).broken) and run `dealdeck sync --full` to rebuild the cache."
        case .databaseLocked(let path):
            return "The database \(path) stayed locked by another Dealdeck process for too long. Wait for that sync to finish, then try again."
        case .readOnly(let path):
            return "Dealdeck cannot write to \(path). Check that the file and its folder belong to you and are writable."
        case .unknownUser(let name):
            return "There is no Dealdeck user named '\(name)'. See `dealdeck users list`, or add one with `dealdeck users add \(name)`."
        case .userExists(let name):
            return "A Dealdeck user named '\(name)' already exists. Choose another name, or see `dealdeck users list`."
        case .unknownOpportunity(let id):
            return "No opportunity with ID \(id) is in the cache. Check the ID with `dealdeck list`, or run `dealdeck sync` if it is new in Salesforce."
        case .other(let path, let message):
            return "The database \(path) could not be used: \(message)."
        }
    }

    /// Maps SQLite result codes to the cases a person can act on.
    static func classify(_ error: any Error, path: String) -> CacheError {
        if let cacheError = error as? CacheError { return cacheError }
        if error is CacheCorruption { return .corruptDatabase(path: path) }
        guard let databaseError = error as? DatabaseError else {
            return .other(path: path, message: String(describing: error))
        }
        switch databaseError.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .corruptDatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .databaseLocked(path: path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return .readOnly(path: path)
        default: return .other(path: path, message: databaseError.message ?? "\(databaseError.resultCode)")
        }
    }
}
