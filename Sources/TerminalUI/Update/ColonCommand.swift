import DealdeckCore

/// A command typed after `:`. Parsing is pure, so the command line is tested like the reducer.
public enum ColonCommand: Equatable, Sendable {
    case quit
    case help
    case sort(OpportunitySort)
    case theme(String?)
    case filter(String)
    case tab(ListTab)
    case sync(SyncKind)
    case open
    case copy
    case mouse(Bool?)
    case detail
    case goTo(row: Int)

    /// Parses the text after the colon; the error is the sentence to show.
    public static func parse(_ text: String) -> Result<ColonCommand, ColonCommandError> {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let name = words.first?.lowercased() else { return .failure(ColonCommandError(Strings.unknownCommand(""))) }
        let arguments = Array(words.dropFirst())
        switch name {
        case "q", "quit", "exit", "q!", "wq": return .success(.quit)
        case "h", "help", "?": return .success(.help)
        case "sort": return parseSort(arguments)
        case "theme", "colorscheme", "colo": return .success(.theme(arguments.first))
        case "filter", "f": return .success(.filter(rest(of: text)))
        case "tab":
            switch arguments.first?.lowercased() {
            case "mine", "my", "1": return .success(.tab(.mine))
            case "all", "2": return .success(.tab(.all))
            default: return .failure(ColonCommandError("Write :tab mine or :tab all."))
            }
        case "mine", "my": return .success(.tab(.mine))
        case "all": return .success(.tab(.all))
        case "sync", "s": return .success(.sync(arguments.first?.lowercased() == "full" ? .full : .incremental))
        case "open", "o": return .success(.open)
        case "copy", "y", "yank": return .success(.copy)
        case "detail", "d": return .success(.detail)
        case "mouse":
            switch arguments.first?.lowercased() {
            case nil: return .success(.mouse(nil))
            case "on", "yes", "true": return .success(.mouse(true))
            case "off", "no", "false": return .success(.mouse(false))
            default: return .failure(ColonCommandError("Write :mouse on or :mouse off."))
            }
        default:
            if let row = Int(name), row >= 1 { return .success(.goTo(row: row)) }
            return .failure(ColonCommandError(Strings.unknownCommand(text)))
        }
    }

    /// The text after the command name, spaces kept (filters may quote values with spaces).
    private static func rest(of text: String) -> String {
        let trimmed = text.drop(while: { $0 == " " })
        guard let space = trimmed.firstIndex(of: " ") else { return "" }
        return String(trimmed[space...].drop(while: { $0 == " " }))
    }

    /// `:sort amount desc`, `:sort amount:desc`, `:sort close`.
    private static func parseSort(_ arguments: [String]) -> Result<ColonCommand, ColonCommandError> {
        guard let field = arguments.first else {
            return .failure(ColonCommandError("Write :sort FIELD [asc|desc], e.g. :sort amount desc."))
        }
        let text = arguments.count > 1 ? field + ":" + arguments[1] : field
        do {
            return .success(.sort(try OpportunitySort(parsing: text)))
        } catch {
            return .failure(ColonCommandError(error.description))
        }
    }
}

/// Why a command line could not be understood, as the sentence to show.
public struct ColonCommandError: Error, Equatable, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }
}
