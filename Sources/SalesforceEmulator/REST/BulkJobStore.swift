import DealdeckCore
import Synchronization

/// The org's Bulk API 2.0 query jobs.
final class BulkJobStore: Sendable {
    private struct State {
        var jobs: [SalesforceID: BulkQueryJob] = [:]
        var order: [SalesforceID] = []
        var nextNumber = 1
    }

    private let state = Mutex(State())

    /// Mints the next `750…` job ID.
    func nextID() -> SalesforceID {
        state.withLock { state in
            defer { state.nextNumber += 1 }
            return SalesforceID(keyPrefix: "750", pod: "5e", number: 3_000_000 + state.nextNumber)
        }
    }

    func add(_ job: BulkQueryJob) {
        state.withLock { state in
            state.jobs[job.id] = job
            state.order.append(job.id)
        }
    }

    func job(_ id: SalesforceID) -> BulkQueryJob? {
        state.withLock { $0.jobs[id] }
    }

    /// A status poll: moves the job one state forward and returns it.
    func poll(_ id: SalesforceID, now: SalesforceTimestamp) -> BulkQueryJob? {
        state.withLock { state in
            guard var job = state.jobs[id] else { return nil }
            job.polls += 1
            switch job.state {
            case .uploadComplete:
                job.state = .inProgress
                job.systemModstamp = now
            case .inProgress:
                job.state = .jobComplete
                job.systemModstamp = now
            default:
                break
            }
            state.jobs[id] = job
            return job
        }
    }

    /// Changes a job with `change`, returning the job after the change (nil if unknown).
    func update(_ id: SalesforceID, _ change: (inout BulkQueryJob) -> Void) -> BulkQueryJob? {
        state.withLock { state in
            guard var job = state.jobs[id] else { return nil }
            change(&job)
            state.jobs[id] = job
            return job
        }
    }

    @discardableResult
    func remove(_ id: SalesforceID) -> Bool {
        state.withLock { state in
            guard state.jobs.removeValue(forKey: id) != nil else { return false }
            state.order.removeAll { $0 == id }
            return true
        }
    }

    /// All jobs, oldest first.
    var all: [BulkQueryJob] {
        state.withLock { state in state.order.compactMap { state.jobs[$0] } }
    }
}
