/// The semantic colour roles the UI draws with. Themes map each role to a style; widgets never
/// name colours themselves, so every theme restyles the whole UI.
public enum ThemeRole: String, CaseIterable, Sendable, Codable {
    case text
    case textDim = "text_dim"
    case border
    case borderFocused = "border_focused"
    case title
    case header
    case selection
    case selectionInactive = "selection_inactive"
    case tab
    case tabActive = "tab_active"
    case tabDisabled = "tab_disabled"
    case statusBar = "status_bar"
    case statusInfo = "status_info"
    case statusSuccess = "status_success"
    case statusWarning = "status_warning"
    case statusError = "status_error"
    case helpKey = "help_key"
    case helpText = "help_text"
    case input
    case inputFocused = "input_focused"
    case amount
    case link
    case label
    case freshnessFresh = "freshness_fresh"
    case freshnessStale = "freshness_stale"
    case stageEarly = "stage_early"
    case stageLate = "stage_late"
    case stageWon = "stage_won"
    case stageLost = "stage_lost"
    case overlay
    case overlayBorder = "overlay_border"
    case progress
}
