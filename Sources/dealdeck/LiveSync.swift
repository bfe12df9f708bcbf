import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import Logging
import SalesforceAPI
import SalesforceSource
import SyncEngine

/// Builds the live sync engine for a profile: the stored sign-in's client as the source, the
/// `[sync]` settings, the profile's lock file, and a log in the state folder. The TUI's
/// composition root can use the same call.
enum LiveSync {
    /// - Throws: `SalesforceAPIError` when nobody is signed in (or the settings changed since).
    static func engine(for context: CLIContext) async throws -> SyncEngine {
        let logger = Logger(label: "dealdeck.sync") { label in AppendingFileLogHandler(path: context.paths.logFile, label: label) }
        let client: SalesforceClient
        do {
            client = try await SalesforceSignIn.client(paths: context.paths, settings: context.settings)
        } catch SalesforceAPIError.missingConsumerKey {
            // No connection settings at all: nobody ever signed in on this profile.
            throw SalesforceAPIError.notSignedIn
        }
        return SyncEngine(
            source: SalesforceSource(client: client), database: context.database, configuration: configuration(context), logger: logger)
    }

    static func configuration(_ context: CLIContext) -> SyncConfiguration {
        var configuration = SyncConfiguration()
        let settings = context.settings.sync
        if let threshold = settings.bulkThreshold, threshold >= 0 { configuration.bulkThreshold = threshold }
        if let share = settings.maxAPIShare, share > 0 { configuration.maxAPIShare = min(1, share) }
        configuration.lockFilePath = context.paths.syncLockFile
        return configuration
    }
}

/// A swift-log handler appending `timestamp level [label] message` lines to a 0600 file, so a
/// cron sync leaves a trace without writing to the terminal. Messages never contain secrets:
/// the engine logs counts, cursors and error codes only.
struct AppendingFileLogHandler: LogHandler {
    let path: String
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = SalesforceTimestamp(secondsSinceEpoch: Date().timeIntervalSince1970).description
        let line = "\(stamp) \(event.level) [\(label)] \(event.message)\n"
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = line.withCString { write(fd, $0, strlen($0)) }
    }
}
