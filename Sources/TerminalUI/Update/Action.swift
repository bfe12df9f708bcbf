import DealdeckCore
import Foundation

/// Everything that can happen to the app: input, time, and answers from the cache, the sync
/// engine and the system. The reducer is the only thing that turns these into state.
public enum Action: Equatable, Sendable {
    /// The app started: load the list and the sync state.
    case started
    case key(KeyChord)
    /// A command run directly (the command line, tests).
    case command(Command)
    case mouse(MouseEvent)
    case resized(Size)
    /// The clock moved on (every second): ages, flashes and auto-sync depend on it.
    case tick(now: Date, today: CalendarDate)
    case windowLoaded(WindowResult)
    case windowFailed(query: ListQuery, message: String)
    /// How many rows a query matches; nil when counting failed.
    case countLoaded(query: ListQuery, total: Int?)
    case detailLoaded(OpportunityDetail)
    case detailMissing(SalesforceID)
    /// The cache changed (a sync wrote, an admin assigned): re-read what is shown.
    case cacheChanged
    case syncStateLoaded(lastSuccessAt: SalesforceTimestamp?, instanceURL: String?)
    case syncEvent(SyncEvent)
    /// The engine refused to start because a sync is already running (maybe in another process).
    case syncRefused
    case themeApplied(name: String)
    /// A theme could not be loaded; the message names the file, line and role.
    case themeFailed(message: String)
    case linkOpened(String)
    case linkOpenFailed(message: String)
    case copied(String)
    /// Show a message in the status bar (start-up warnings from the runtime).
    case notify(Flash.Level, String)
}
