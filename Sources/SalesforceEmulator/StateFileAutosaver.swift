import Logging
import Synchronization

/// Saves the state file shortly after writes, so a crash loses at most the last second of
/// changes; bursts of writes (a sync test touching hundreds of records) cause one save. A big
/// org takes a while to encode, so the wait grows to four times the last save's duration:
/// autosaving never takes more than a fifth of the emulator's time.
///
/// It holds the org and auth weakly: the org keeps a closure that reaches this saver, and
/// strong references both ways would keep every stopped emulator alive.
final class StateFileAutosaver: Sendable {
    private let path: String
    private let delay: Duration
    private let credentials: EmulatorCredentials
    private let clock: EmulatorClock
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        weak var org: OrgStore?
        weak var auth: AuthAuthority?
        var pending = false
        var cancelled = false
        var lastSaveDuration: Duration = .zero
    }

    init(services: EmulatorServices, path: String, delay: Duration = .seconds(1), logger: Logger) {
        self.path = path
        self.delay = delay
        credentials = services.credentials
        clock = services.clock
        self.logger = logger
        state.withLock { state in
            state.org = services.org
            state.auth = services.auth
        }
    }

    /// Notes a write; saves after `delay` unless a save is already pending.
    func schedule() {
        let start = state.withLock { state -> Bool in
            guard !state.pending, !state.cancelled else { return false }
            state.pending = true
            return true
        }
        guard start else { return }
        let wait = max(delay, state.withLock { $0.lastSaveDuration } * 4)
        Task { [self] in
            try? await Task.sleep(for: wait)
            let targets = state.withLock { state -> (OrgStore, AuthAuthority)? in
                state.pending = false
                guard !state.cancelled, let org = state.org, let auth = state.auth else { return nil }
                return (org, auth)
            }
            guard let (org, auth) = targets else { return }
            let started = ContinuousClock.now
            do {
                try EmulatorStateFile.save(credentials: credentials, clock: clock, org: org, auth: auth, to: path)
            } catch {
                logger.error("could not autosave the emulator state to \(path): \(error)")
            }
            let duration = ContinuousClock.now - started
            state.withLock { $0.lastSaveDuration = duration }
        }
    }

    /// Stops future autosaves (the final save happens in `RunningEmulator.stop()`).
    func cancel() {
        state.withLock { $0.cancelled = true }
    }
}
