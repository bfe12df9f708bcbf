import ArgumentParser
import DealdeckApp
import DealdeckCache
import DealdeckCore
import Foundation

/// `dealdeck open ID [--print]`: the "See more details in CRM system" link from the shell.
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open an opportunity in Salesforce in your browser, or print its link with --print.",
        discussion: "The browser is $BROWSER, else xdg-open. Over SSH, use --print (or y in the UI, which copies the link with OSC 52)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The opportunity's 15- or 18-character Salesforce ID.") var id: String
    @Flag(help: "Print the link instead of opening it.") var print = false

    func run() async throws {
        try await reportingErrors {
            let opportunityId = try SalesforceID(validating: id)
            let context = try CLIContext.open(global)
            guard let instanceURL = try context.database.syncState().instanceURL else {
                throw CLIError("Dealdeck does not know your org's address yet: the first sync records it. Sync once, then try again.")
            }
            let url = RecordLink.url(instanceURL: instanceURL, id: opportunityId)
            if try context.database.opportunity(id: opportunityId) == nil {
                Terminal.printNote("Note: \(opportunityId) is not in the cache; the link is built from the ID alone.")
            }
            Swift.print(url)
            guard !print else { return }
            if let problem = await LinkOpener.system().open(url) {
                throw CLIError(problem.replacingOccurrences(of: " The link is in the detail pane; y copies it.", with: " The link is printed above."))
            }
        }
    }
}
