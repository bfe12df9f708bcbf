import DealdeckCore
import Foundation

/// Every sentence the terminal UI shows, in one place (lazygit's `TranslationSet`): tests use
/// the same constants, and wording changes are reviewed together.
public enum Strings {
    public static let appName = "Dealdeck"
    public static let myOpportunities = "My Opportunities"
    public static let allOpportunities = "All Opportunities"
    public static let adminsOnly = "admins only"
    public static let allTabNeedsAdmin = "All Opportunities is for admins. Ask an admin to assign opportunities to you, or to make you an admin."
    public static let loading = "Loading…"
    public static let nothingCached = "Nothing is cached yet. Press s to sync from Salesforce."
    public static let nothingCachedNoSync = "Nothing is cached yet. Run `dealdeck sync` in a shell to download your opportunities."
    public static let noMatches = "No opportunities match the filter. Esc clears it."
    public static let nothingAssigned = "No opportunities are assigned to you yet. An admin assigns them in the Members tab."
    public static let nothingAssignedAdmin = "No opportunities are assigned to you. Press 2 for All Opportunities."
    public static let nothingSelected = "Select an opportunity to see it here."
    public static let filterPrompt = "/"
    public static let commandPrompt = ":"
    public static let filterHint = "stage:NAME owner:NAME account:NAME amount>50k prob>=50 close<30d status:open|won|lost -term"
    public static let linkTitle = "See more details in CRM system"
    public static let linkNotYet = "The link appears after the first sync (Dealdeck learns the org's address from it)."
    public static let noLinkToOpen = "No link yet: sync once so Dealdeck learns the org's address."
    public static let noSelection = "No opportunity is selected."
    public static let neverSynced = "never synced"
    public static let helpTitle = "Keys"
    public static let descriptionTitle = "Description"
    public static let deletedInSalesforce = "Deleted in Salesforce"
    public static let unbound = "(unbound)"
    public static let needsAcceptableFilter = "Fix the filter first, or press Esc to go back to the previous one."

    public static func tooSmall(_ size: Size) -> String {
        "Dealdeck needs at least \(Layout.minimumSize.width)×\(Layout.minimumSize.height) cells; this terminal is \(size.width)×\(size.height). Enlarge the window, or reduce the font size."
    }

    public static func syncAlreadyRunning(_ running: RunningSync) -> String {
        "A sync is already running" + (running.progress.map { ": " + progressText($0) } ?? ".") + " The list updates as it goes."
    }

    public static let syncRefused = "Another sync is already running (maybe in another Dealdeck). The list updates when it finishes."

    /// The status bar's title for a running sync.
    public static func syncTitle(_ running: RunningSync) -> String {
        running.isAutomatic ? "Auto-sync: " : running.kind == .full ? "Full sync: " : "Syncing: "
    }

    /// "Sync finished: 3 new, 5 updated, 1 deleted · verified 2000/2000".
    public static func syncFinished(_ run: SyncRun) -> String {
        var parts = ["\(run.counts.new) new", "\(run.counts.updated) updated", "\(run.counts.deleted) deleted"]
        if run.counts.undeleted > 0 { parts.append("\(run.counts.undeleted) restored") }
        var text = (run.kind == .full ? "Full sync" : "Sync") + " finished: " + parts.joined(separator: ", ")
        if let verification = run.verification { text += " · " + verification.summary }
        return text
    }

    public static func syncFailed(_ failure: SyncFailure) -> String {
        "Sync failed: " + failure.description
    }

    /// "Downloading 1,200 of 2,000 (60%) · 850/s".
    public static func progressText(_ progress: SyncProgress) -> String {
        var text = progress.phase.label
        if progress.recordsDone > 0 || progress.recordsTotal != nil {
            text += " " + Formatting.count(progress.recordsDone)
            if let total = progress.recordsTotal {
                text += " of " + Formatting.count(total)
                if let fraction = progress.fraction { text += " (\(Int(fraction * 100))%)" }
            }
        }
        if progress.recordsPerSecond >= 1 { text += " · " + Formatting.count(Int(progress.recordsPerSecond)) + "/s" }
        return text
    }

    public static func sorted(by sort: OpportunitySort) -> String {
        "Sorted by \(sort.field.title.lowercased().replacingOccurrences(of: ".", with: "")), " + directionText(sort)
    }

    static func directionText(_ sort: OpportunitySort) -> String {
        switch sort.field {
        case .amount, .probability: return sort.descending ? "largest first" : "smallest first"
        case .closeDate, .modified, .created: return sort.descending ? "latest first" : "earliest first"
        default: return sort.descending ? "Z to A" : "A to Z"
        }
    }

    public static func themeApplied(_ name: String) -> String { "Theme: \(name)" }

    public static func themes(_ names: [String], current: String) -> String {
        "Themes: " + names.map { $0 == current ? "[\($0)]" : $0 }.joined(separator: ", ") + ". Use :theme NAME."
    }

    public static func opening(_ url: String) -> String { "Opening \(url)" }

    public static func copied(_ url: String) -> String { "Copied \(url) (OSC 52)" }

    public static func unknownCommand(_ text: String) -> String {
        "Unknown command ':\(text)'. Try :sort FIELD [desc], :theme NAME, :filter TEXT, :tab mine|all, :sync [full], :open, :copy, :mouse on|off, :help or :q."
    }

    public static let mouseOn = "Mouse on: click to select, wheel to scroll (Shift+drag still selects text)."
    public static let mouseOff = "Mouse off."

    public static func syncedAgo(_ age: String) -> String { "synced \(age)" }

    public static func keyProblems(_ problems: [KeymapProblem]) -> String {
        guard let first = problems.first else { return "" }
        let more = problems.count > 1 ? " (and \(problems.count - 1) more key problem\(problems.count > 2 ? "s" : ""))" : ""
        return "Key settings: \(first)" + more
    }

    /// Lines about the command line and filter syntax at the end of the help overlay.
    public static let helpFooter: [String] = [
        "Filter terms (all must hold; a leading - negates one):",
        "  words        search name, account, owner, stage, next step",
        "  stage:X owner:X account:X name:X type:X source:X next:X",
        "  status:open|closed|won|lost   amount>50k   prob>=50",
        "  close<30d (days from today)   close>=2025-01-01",
        "Command line:",
        "  :sort FIELD [asc|desc]   name account stage amount close probability owner modified created",
        "  :theme NAME   :filter TEXT   :tab mine|all   :sync [full]",
        "  :open   :copy   :mouse on|off   :help   :q   :NUMBER (go to row)",
        "Freshness mark: ● received in the last hour   · within a day   ◌ over a day ago",
    ]
}
