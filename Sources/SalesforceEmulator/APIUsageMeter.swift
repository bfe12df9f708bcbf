import DealdeckCore
import Synchronization

/// Counts API calls against the org's daily limit over a rolling 24 hours of org time, the
/// way Salesforce's `DailyApiRequests` works, and counts Bulk API 2.0 query jobs the same way.
///
/// Calls are kept per minute in a 1,440-slot ring, so advancing the clock by a day drains the
/// usage just as waiting would.
public final class APIUsageMeter: Sendable {
    private struct Ring {
        /// (minute since epoch, calls in that minute) per slot.
        var slots = [(minute: Int64, count: Int)](repeating: (-1, 0), count: 1440)

        mutating func add(at minute: Int64) {
            let slot = Int(minute % 1440)
            if slots[slot].minute != minute { slots[slot] = (minute, 0) }
            slots[slot].count += 1
        }

        func total(at minute: Int64) -> Int {
            var sum = 0
            for slot in slots where slot.minute > minute - 1440 && slot.minute <= minute { sum += slot.count }
            return sum
        }
    }

    private struct State {
        var dailyLimit: Int
        var calls = Ring()
        var bulkJobs = Ring()
    }

    /// What counting one call found.
    public enum Outcome: Sendable, Equatable {
        /// Counted; `used` includes this call.
        case counted(used: Int, limit: Int)
        /// Refused: the limit is used up (the call is not counted).
        case exceeded(used: Int, limit: Int)
    }

    /// The `DailyBulkV2QueryJobs` maximum.
    public static let dailyBulkQueryJobLimit = 10_000

    private let clock: EmulatorClock
    private let state: Mutex<State>

    public init(dailyLimit: Int, clock: EmulatorClock) {
        self.clock = clock
        state = Mutex(State(dailyLimit: dailyLimit))
    }

    private var minute: Int64 { clock.now().millisecondsSinceEpoch / 60_000 }

    /// Counts one API call unless the limit is already used up.
    public func count() -> Outcome {
        let minute = minute
        return state.withLock { state in
            let used = state.calls.total(at: minute)
            if used >= state.dailyLimit { return .exceeded(used: used, limit: state.dailyLimit) }
            state.calls.add(at: minute)
            return .counted(used: used + 1, limit: state.dailyLimit)
        }
    }

    /// Calls used in the last 24 hours and the daily limit.
    public var usage: (used: Int, limit: Int) {
        let minute = minute
        return state.withLock { ($0.calls.total(at: minute), $0.dailyLimit) }
    }

    /// Records one Bulk API 2.0 query job.
    public func countBulkJob() {
        let minute = minute
        state.withLock { $0.bulkJobs.add(at: minute) }
    }

    /// Bulk query jobs created in the last 24 hours.
    public var bulkJobsUsed: Int {
        let minute = minute
        return state.withLock { $0.bulkJobs.total(at: minute) }
    }

    /// Forgets all counted calls and jobs (control surface).
    public func reset() {
        state.withLock { state in
            state.calls = Ring()
            state.bulkJobs = Ring()
        }
    }

    /// Changes the daily limit (control surface).
    public func setDailyLimit(_ limit: Int) {
        state.withLock { $0.dailyLimit = max(0, limit) }
    }
}
