import DealdeckCore

/// Work the reducer asks for; the runtime performs it and reports back with actions.
public enum Effect: Equatable, Sendable {
    /// Read a window of the list (with the query's total if it is already known).
    case loadWindow(WindowRequest)
    /// Count the rows a query matches.
    case loadCount(ListQuery)
    /// Read one opportunity with its members.
    case loadDetail(SalesforceID)
    /// Read `instance_url` and the last successful sync time.
    case loadSyncState
    case startSync(SyncKind)
    /// Open a URL in the browser, without waiting for it.
    case openURL(String)
    case copyToClipboard(String)
    case loadTheme(String)
    case setMouse(Bool)
    case suspend
    /// Repaint the whole screen.
    case redraw
    case quit
}
