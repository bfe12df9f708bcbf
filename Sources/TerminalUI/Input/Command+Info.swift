extension Command {
    /// The help groups in the order the overlay shows them.
    public static let groups = ["Moving", "List", "Sorting", "Detail", "Sync", "General", "Help overlay", "Filter and command line"]

    /// Scope, group and texts of every command: one table, so the help overlay, the hint bar and
    /// the README key table cannot disagree (tig's request table, gitui's `KeysList`).
    public var info: CommandInfo {
        switch self {
        case .quit: return CommandInfo(scope: .global, group: "General", help: "Quit Dealdeck", hint: "quit")
        case .help: return CommandInfo(scope: .global, group: "General", help: "Show or hide this help", hint: "help")
        case .redraw: return CommandInfo(scope: .global, group: "General", help: "Redraw the screen")
        case .suspend: return CommandInfo(scope: .global, group: "General", help: "Suspend to the shell (fg resumes)")
        case .moveDown: return CommandInfo(scope: .list, group: "Moving", help: "Next opportunity")
        case .moveUp: return CommandInfo(scope: .list, group: "Moving", help: "Previous opportunity")
        case .pageDown: return CommandInfo(scope: .list, group: "Moving", help: "One page down")
        case .pageUp: return CommandInfo(scope: .list, group: "Moving", help: "One page up")
        case .first: return CommandInfo(scope: .list, group: "Moving", help: "First opportunity")
        case .last: return CommandInfo(scope: .list, group: "Moving", help: "Last opportunity")
        case .filter: return CommandInfo(scope: .list, group: "List", help: "Filter as you type (stage:, owner:, amount>, close<30d …)", hint: "filter")
        case .commandLine: return CommandInfo(scope: .list, group: "List", help: "Command line (:sort amount desc, :theme dark, :q)", hint: "command")
        case .back: return CommandInfo(scope: .list, group: "List", help: "Close a message, leave the zoomed detail, or clear the filter")
        case .nextTab: return CommandInfo(scope: .list, group: "List", help: "Next tab")
        case .previousTab: return CommandInfo(scope: .list, group: "List", help: "Previous tab")
        case .myOpportunities: return CommandInfo(scope: .list, group: "List", help: "My Opportunities")
        case .allOpportunities: return CommandInfo(scope: .list, group: "List", help: "All Opportunities (admins)")
        case .sortNext: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by the next column", hint: "sort")
        case .sortPrevious: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by the previous column")
        case .sortReverse: return CommandInfo(scope: .list, group: "Sorting", help: "Reverse the sort order")
        case .sortByName: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by name")
        case .sortByAccount: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by account")
        case .sortByStage: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by stage")
        case .sortByAmount: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by amount")
        case .sortByCloseDate: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by close date")
        case .sortByProbability: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by probability")
        case .sortByOwner: return CommandInfo(scope: .list, group: "Sorting", help: "Sort by owner")
        case .toggleDetail: return CommandInfo(scope: .list, group: "Detail", help: "Show or hide the detail pane")
        case .zoomDetail: return CommandInfo(scope: .list, group: "Detail", help: "Detail full width, or back to the list", hint: "detail")
        case .detailScrollDown: return CommandInfo(scope: .list, group: "Detail", help: "Scroll the detail down")
        case .detailScrollUp: return CommandInfo(scope: .list, group: "Detail", help: "Scroll the detail up")
        case .openLink: return CommandInfo(scope: .list, group: "Detail", help: "Open the record in Salesforce ($BROWSER or xdg-open)", hint: "open")
        case .copyLink: return CommandInfo(scope: .list, group: "Detail", help: "Copy the record's link (OSC 52, works over SSH)", hint: "copy")
        case .sync: return CommandInfo(scope: .list, group: "Sync", help: "Sync what changed in Salesforce", hint: "sync")
        case .fullSync: return CommandInfo(scope: .list, group: "Sync", help: "Full sync: download every opportunity again")
        case .nextTheme: return CommandInfo(scope: .list, group: "General", help: "Switch to the next theme")
        case .closeHelp: return CommandInfo(scope: .help, group: "Help overlay", help: "Close the help", hint: "close")
        case .helpDown: return CommandInfo(scope: .help, group: "Help overlay", help: "Scroll down", hint: "scroll")
        case .helpUp: return CommandInfo(scope: .help, group: "Help overlay", help: "Scroll up")
        case .helpPageDown: return CommandInfo(scope: .help, group: "Help overlay", help: "Page down")
        case .helpPageUp: return CommandInfo(scope: .help, group: "Help overlay", help: "Page up")
        case .accept: return CommandInfo(scope: .textInput, group: "Filter and command line", help: "Apply and close the input", hint: "apply")
        case .cancel: return CommandInfo(scope: .textInput, group: "Filter and command line", help: "Cancel", hint: "cancel")
        case .deleteBackward: return CommandInfo(scope: .textInput, group: "Filter and command line", help: "Delete the character before the cursor")
        case .deleteWord: return CommandInfo(scope: .textInput, group: "Filter and command line", help: "Delete the word before the cursor")
        case .clearInput: return CommandInfo(scope: .textInput, group: "Filter and command line", help: "Clear the input", hint: "clear")
        }
    }
}
