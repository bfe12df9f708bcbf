import ArgumentParser
import DealdeckCache
import DealdeckCore
import Foundation

/// `dealdeck list`: opportunities from the cache.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List cached opportunities: yours by default, or all of them (admins).",
        discussion: """
            Filter terms: free words search name, account, owner, stage and next step; \
            stage:, owner:, account:, name:, type:, source:, next: match text; status:open|closed|won|lost; \
            amount>50000, prob>=50, close<30d (days from today), close>=2025-01-01; a leading '-' negates.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "All opportunities, not just those assigned to you (admins only).") var all = false
    @Option(help: "Act as this Dealdeck user (default: DEALDECK_USER, the config's user, or $USER).") var user: String?
    @Option(help: "Filter, e.g. \"stage:negotiation amount>50000 close<30d\".") var filter: String?
    @Option(help: "Sort by name, account, stage, amount, close, probability, owner, modified or created; add :desc to reverse.")
    var sort: String?
    @Option(help: "Show at most N opportunities.") var limit: Int?
    @Flag(help: "Print JSON: an array of opportunities (see README for the fields).") var json = false

    func run() async throws {
        try await reportingErrors {
            let parsedSort = try sort.map { try OpportunitySort(parsing: $0) } ?? .default
            let parsedFilter = try OpportunityFilter(parsing: filter ?? "")
            if let limit, limit < 1 { throw CLIError("--limit must be at least 1.", exitCode: ExitCodes.usage) }
            let context = try CLIContext.open(global)
            let me = try context.currentUser(explicit: user)
            if all && !me.isAdmin {
                throw CLIError("Only admins can list all opportunities, and \(me.loginName) is a member. Leave out --all to see yours.")
            }
            let scope: OpportunityListRequest.Scope = all ? .all : .assigned(loginName: me.loginName, salesforceUserId: me.salesforceUserId)
            let request = OpportunityListRequest(scope: scope, filter: parsedFilter, sort: parsedSort, today: CLIContext.today)
            let rows = try context.database.opportunities(request, limit: limit ?? Int.max)
            if json {
                try Terminal.printJSON(rows.map { OpportunityJSON(opportunity: $0) })
            } else if !rows.isEmpty {
                Terminal.printTable(
                    headers: ["NAME", "ACCOUNT", "STAGE", "AMOUNT", "CLOSE", "PROB", "OWNER", "ID"],
                    rows: rows.map { o in
                        [o.name, o.accountName ?? "", o.stageName, AmountFormatting.amount(o.amount, currency: o.currencyIsoCode),
                         o.closeDate.description, AmountFormatting.percent(o.probability), o.ownerName ?? "", o.id.rawValue]
                    },
                    rightAligned: [3, 5])
            }
            if rows.isEmpty { try explainEmpty(context: context, filtered: !parsedFilter.isEmpty, all: all, user: me) }
        }
    }

    private func explainEmpty(context: CLIContext, filtered: Bool, all: Bool, user: AppUser) throws {
        let counts = try context.database.opportunityCounts()
        if counts.live == 0 {
            Terminal.printNote("Nothing is cached yet. Run `dealdeck sync` to download your opportunities from Salesforce.")
        } else if filtered {
            Terminal.printNote("No opportunities match the filter.")
        } else if !all {
            Terminal.printNote("No opportunities are assigned to \(user.loginName) yet. An admin assigns them in the Members tab" + (user.isAdmin ? "; use --all to see every opportunity." : "."))
        }
    }
}
