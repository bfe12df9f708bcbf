import Synchronization

/// Where a client saves a renewed session before using it.
///
/// With Refresh Token Rotation every refresh returns a new refresh token and kills the old one,
/// so the new one must be on disk before anything else happens: a crash between using and
/// storing it would leave only a dead token behind. The client calls `store` and only then
/// switches to the new session; when `store` throws, the new session is not used.
public protocol TokenStore: Sendable {
    func store(_ session: SalesforceSession) async throws
}

/// Keeps the latest session in memory (tests, and callers that persist on their own).
public final class MemoryTokenStore: TokenStore {
    private let latest = Mutex<SalesforceSession?>(nil)
    private let saves = Mutex(0)

    public init() {}

    public func store(_ session: SalesforceSession) async throws {
        latest.withLock { $0 = session }
        saves.withLock { $0 += 1 }
    }

    public var session: SalesforceSession? { latest.withLock { $0 } }
    public var storeCount: Int { saves.withLock { $0 } }
}
