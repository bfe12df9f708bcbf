import DealdeckCore
import Foundation
import Synchronization

/// The emulated org's clock: real time plus an offset that tests can advance, so session
/// expiry, locator expiry and the 15-day recycle-bin purge can be exercised without waiting.
public final class EmulatorClock: Sendable {
    private let offsetMilliseconds = Mutex<Int64>(0)

    public init() {}

    /// The org's current time.
    public func now() -> SalesforceTimestamp {
        let real = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return SalesforceTimestamp(millisecondsSinceEpoch: real + offsetMilliseconds.withLock { $0 })
    }

    /// Moves the org's time forward.
    public func advance(seconds: Double) {
        offsetMilliseconds.withLock { $0 += Int64(seconds * 1000) }
    }

    /// Total time travelled so far, in milliseconds (kept in the state file).
    public var offset: Int64 {
        get { offsetMilliseconds.withLock { $0 } }
        set { offsetMilliseconds.withLock { $0 = newValue } }
    }
}
