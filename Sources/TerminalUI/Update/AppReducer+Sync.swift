import DealdeckCore

extension AppReducer {
    /// Starts a sync unless one is running or sync is unavailable, saying which.
    static func startSync(_ kind: SyncKind, _ state: inout AppState) -> [Effect] {
        if let reason = state.sync.unavailableReason {
            flash(.warning, reason, &state)
            return []
        }
        if let running = state.sync.running {
            flash(.info, Strings.syncAlreadyRunning(running), &state)
            return []
        }
        // The status bar shows the progress from here on; no message would say more.
        state.sync.running = RunningSync(kind: kind, startedAt: state.now)
        state.sync.lastStartedAt = state.now
        state.flash = nil
        return [.startSync(kind)]
    }

    /// Follows the engine's progress; the data itself arrives through the cache observation.
    static func syncEvent(_ event: SyncEvent, _ state: inout AppState) -> [Effect] {
        switch event {
        case .started(let kind):
            if state.sync.running == nil { state.sync.running = RunningSync(kind: kind, startedAt: state.now) }
            state.sync.running?.kind = kind
            return []
        case .progress(let progress):
            if state.sync.running == nil { state.sync.running = RunningSync(kind: .incremental, startedAt: state.now) }
            state.sync.running?.progress = progress
            return []
        case .finished(let run):
            state.sync.running = nil
            state.sync.lastOutcome = .finished(run)
            flash(.success, Strings.syncFinished(run), &state)
            return [.loadSyncState] + ensureWindow(&state, force: true)
        case .failed(let failure):
            state.sync.running = nil
            state.sync.lastOutcome = .failed(failure)
            flash(failure.reason == .alreadyRunning || failure.reason == .cancelled ? .warning : .error, Strings.syncFailed(failure), &state)
            return [.loadSyncState]
        }
    }
}
