import DealdeckApp
import DealdeckCache
import DealdeckCore
import Foundation
import SalesforceAPI
import SyncEngine

/// Which sync controller the UI gets: the live sync engine for the profile's stored sign-in,
/// or, when nobody is signed in, none and the reason (the UI stays a browser of the cache).
enum SyncWiring {
    static func controller(for context: CLIContext, environment: [String: String]) async -> (controller: (any SyncControlling)?, unavailableReason: String?) {
        do {
            return (EngineSyncController(engine: try await LiveSync.engine(for: context)), nil)
        } catch SalesforceAPIError.notSignedIn {
            return (nil, "Not signed in to Salesforce, so s cannot sync: quit and run `dealdeck login`. The list shows what is cached.")
        } catch {
            return (nil, "Sync is not available: \(error) The list shows what is cached.")
        }
    }
}

/// The sync engine as the UI's `SyncControlling`.
struct EngineSyncController: SyncControlling {
    let engine: SyncEngine

    func start(kind: SyncKind) async -> Bool {
        await engine.start(kind: kind)
    }

    var events: AsyncStream<SyncEvent> { engine.events }
}
