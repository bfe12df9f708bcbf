import DealdeckCore
import Foundation

/// The pure core: applies an action to the state and says what work to do next. No I/O and no
/// clock: time arrives as `.tick`, data as `.windowLoaded`, so every behaviour is a unit test.
public enum AppReducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .started:
            return [.loadSyncState] + ensureWindow(&state, force: true)
        case .key(let chord):
            return handleKey(chord, &state)
        case .command(let command):
            return run(command, &state)
        case .mouse(let event):
            return handleMouse(event, &state)
        case .resized(let size):
            state.size = size
            clampHelpScroll(&state)
            return ensureWindow(&state) + syncDetail(&state)
        case .tick(let now, let today):
            return tick(now: now, today: today, &state)
        case .windowLoaded(let result):
            return windowLoaded(result, &state)
        case .countLoaded(let query, let total):
            return countLoaded(query, total, &state)
        case .windowFailed(let query, let message):
            guard query == state.list.query else { return [] }
            state.list.pending = nil
            state.list.error = message
            return []
        case .detailLoaded(let detail):
            guard detail.opportunity.id == state.detail.loadingID || detail.opportunity.id == state.detail.record?.opportunity.id else { return [] }
            state.detail.record = detail
            state.detail.loadingID = nil
            return []
        case .detailMissing(let id):
            if state.detail.loadingID == id {
                state.detail.loadingID = nil
                state.detail.record = nil
            }
            return []
        case .cacheChanged:
            // A count running now may miss this change; the next window asks for a new one.
            state.list.counting = false
            var effects = ensureWindow(&state, force: true)
            if let id = state.detail.record?.opportunity.id, Layout(state).detail != nil {
                state.detail.loadingID = id
                effects.append(.loadDetail(id))
            }
            return effects + [.loadSyncState]
        case .syncStateLoaded(let lastSuccessAt, let instanceURL):
            state.sync.lastSuccessAt = lastSuccessAt
            state.instanceURL = instanceURL
            return []
        case .syncEvent(let event):
            return syncEvent(event, &state)
        case .syncRefused:
            state.sync.running = nil
            flash(.warning, Strings.syncRefused, &state)
            return []
        case .themeApplied(let name):
            state.themeName = name
            if !state.availableThemes.contains(name) { state.availableThemes.append(name) }
            flash(.info, Strings.themeApplied(name), &state)
            return []
        case .themeFailed(let message):
            flash(.error, message, &state)
            return []
        case .linkOpened:
            return []
        case .linkOpenFailed(let message):
            flash(.error, message, &state)
            return []
        case .copied(let text):
            flash(.success, Strings.copied(text), &state)
            return []
        case .notify(let level, let text):
            flash(level, text, &state)
            return []
        }
    }

    /// Sets the status-bar message, expiring after its level's lifetime.
    static func flash(_ level: Flash.Level, _ text: String, _ state: inout AppState) {
        state.flash = Flash(level: level, text: text, expiresAt: state.now.addingTimeInterval(Flash.lifetime(level)))
    }

    private static func tick(now: Date, today: CalendarDate, _ state: inout AppState) -> [Effect] {
        state.now = now
        if let expiry = state.flash?.expiresAt, expiry <= now { state.flash = nil }
        var effects: [Effect] = []
        if today != state.list.query.today {
            // Relative filters such as close<30d move with the date.
            state.list.query.today = today
            effects += ensureWindow(&state, force: true)
        }
        return effects + autoSync(&state)
    }

    /// Starts an incremental sync when the auto-sync interval has passed since the last one.
    private static func autoSync(_ state: inout AppState) -> [Effect] {
        guard let minutes = state.sync.autoSyncMinutes, minutes > 0, state.sync.unavailableReason == nil, state.sync.running == nil else {
            return []
        }
        let lastSuccess = state.sync.lastSuccessAt.map { Date(timeIntervalSince1970: $0.secondsSinceEpoch) }
        let reference = [lastSuccess, state.sync.lastStartedAt].compactMap { $0 }.max()
        if let reference, state.now.timeIntervalSince(reference) < TimeInterval(minutes * 60) { return [] }
        state.sync.running = RunningSync(kind: .incremental, startedAt: state.now, isAutomatic: true)
        state.sync.lastStartedAt = state.now
        return [.startSync(.incremental)]
    }
}

/// The reducer as a free function: `reduce(&state, action) -> [Effect]`.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    AppReducer.reduce(&state, action)
}
