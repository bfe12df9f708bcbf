import DealdeckCore
import Foundation

/// Everything the screen shows, as one value. The reducer changes it; rendering reads it; time,
/// the terminal size and cache answers all arrive as actions, so it is fully reproducible.
public struct AppState: Equatable, Sendable {
    /// Who is using Dealdeck: decides "My Opportunities" and whether "All" is allowed.
    public var user: AppUser
    public var size: Size
    /// The current time, from the last tick.
    public var now: Date
    public var list: ListState
    public var detail = DetailState()
    public var mode: InputMode = .normal
    /// The last filter that did not parse, with why; the list keeps the last valid filter.
    public var filterError: String?
    public var sync: SyncStatus
    public var flash: Flash?
    public var keymap: Keymap
    /// The theme in use and the ones `:theme` and `T` can switch to.
    public var themeName: String
    public var availableThemes: [String]
    /// The org's `instance_url`, from the cache's sync state, for record links.
    public var instanceURL: String?
    public var glyphs: Glyphs
    public var mouseEnabled: Bool
    /// Set when the user quits; the runtime then restores the terminal and exits.
    public var shouldQuit = false

    public init(
        user: AppUser, size: Size, now: Date, today: CalendarDate, keymap: Keymap = .standard, themeName: String = "default",
        availableThemes: [String] = ["default"], sort: OpportunitySort = .default, tab: ListTab = .mine, glyphs: Glyphs = .unicode,
        mouseEnabled: Bool = false, sync: SyncStatus = SyncStatus()
    ) {
        self.user = user
        self.size = size
        self.now = now
        self.list = ListState(query: ListQuery(tab: tab == .all && user.isAdmin ? .all : .mine, sort: sort, today: today))
        self.keymap = keymap
        self.themeName = themeName
        self.availableThemes = availableThemes
        self.glyphs = glyphs
        self.mouseEnabled = mouseEnabled
        self.sync = sync
    }

    /// The tab in view.
    public var tab: ListTab { list.query.tab }

    /// The record link of the selected opportunity, once a sync has recorded the org's address.
    public var selectedLink: String? {
        guard let instanceURL, let id = list.selectedRow?.opportunity.id ?? detail.record?.opportunity.id else { return nil }
        return RecordLink.url(instanceURL: instanceURL, id: id)
    }
}
