/// Everything a key can do. The raw value is the stable name users bind keys to in
/// `config.toml` (`[keys] sync = "F5"`), so it never changes once released.
public enum Command: String, CaseIterable, Hashable, Sendable {
    // Global
    case quit
    case help
    case redraw
    case suspend
    // Moving in the list
    case moveDown = "move_down"
    case moveUp = "move_up"
    case pageDown = "page_down"
    case pageUp = "page_up"
    case first
    case last
    // The list
    case filter
    case commandLine = "command_line"
    case back
    case nextTab = "next_tab"
    case previousTab = "previous_tab"
    case myOpportunities = "my_opportunities"
    case allOpportunities = "all_opportunities"
    case sortNext = "sort_next"
    case sortPrevious = "sort_previous"
    case sortReverse = "sort_reverse"
    case sortByName = "sort_by_name"
    case sortByAccount = "sort_by_account"
    case sortByStage = "sort_by_stage"
    case sortByAmount = "sort_by_amount"
    case sortByCloseDate = "sort_by_close_date"
    case sortByProbability = "sort_by_probability"
    case sortByOwner = "sort_by_owner"
    // The detail pane
    case toggleDetail = "toggle_detail"
    case zoomDetail = "zoom_detail"
    case detailScrollDown = "detail_scroll_down"
    case detailScrollUp = "detail_scroll_up"
    case openLink = "open_link"
    case copyLink = "copy_link"
    // Sync and look
    case sync
    case fullSync = "full_sync"
    case nextTheme = "next_theme"
    // The help overlay
    case closeHelp = "close_help"
    case helpDown = "help_down"
    case helpUp = "help_up"
    case helpPageDown = "help_page_down"
    case helpPageUp = "help_page_up"
    // Text input (the filter and the command line)
    case accept
    case cancel
    case deleteBackward = "delete_backward"
    case deleteWord = "delete_word"
    case clearInput = "clear_input"
}
