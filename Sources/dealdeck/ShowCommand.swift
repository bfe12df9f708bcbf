import ArgumentParser
import DealdeckCache
import DealdeckCore
import Foundation

/// `dealdeck show ID`: one opportunity in full.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one cached opportunity in full, with its members and Salesforce link."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The opportunity's 15- or 18-character Salesforce ID.") var id: String
    @Flag(help: "Print JSON (the list fields plus members, deleted and link).") var json = false

    func run() async throws {
        try await reportingErrors {
            let opportunityId = try SalesforceID(validating: id)
            let context = try CLIContext.open(global)
            guard let cached = try context.database.opportunity(id: opportunityId) else {
                if try context.database.opportunityCounts().live == 0 {
                    throw CLIError("Nothing is cached yet, so \(opportunityId) is not either. Run `dealdeck sync` first.")
                }
                throw CacheError.unknownOpportunity(opportunityId.rawValue)
            }
            let members = try context.database.members(of: opportunityId)
            let link = try context.database.syncState().instanceURL.map { RecordLink.url(instanceURL: $0, id: opportunityId) }
            if json {
                var output = OpportunityJSON(opportunity: cached.opportunity)
                output.members = members.map(MembershipJSON.init)
                output.deleted = cached.deletedAt != nil
                output.link = link
                try Terminal.printJSON(output)
                return
            }
            print(DetailText.render(cached, members: members, link: link), terminator: "")
        }
    }
}

/// The plain-text detail view of `dealdeck show`.
enum DetailText {
    static func render(_ cached: CachedOpportunity, members: [Membership], link: String?) -> String {
        let o = cached.opportunity
        var fields: [(String, String)] = [
            ("Name", o.name), ("ID", o.id.rawValue), ("Account", o.accountName ?? "—"), ("Stage", o.stageName),
            ("Amount", AmountFormatting.amount(o.amount, currency: o.currencyIsoCode)),
            ("Probability", AmountFormatting.percent(o.probability)), ("Close Date", o.closeDate.description),
            ("Owner", [o.ownerName, o.ownerEmail.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")),
            ("Type", o.type ?? "—"), ("Lead Source", o.leadSource ?? "—"), ("Next Step", o.nextStep ?? "—"),
            ("Forecast", o.forecastCategoryName ?? "—"),
            ("Members", members.isEmpty ? "—" : members.map { "\($0.userLoginName) (\($0.source.rawValue))" }.joined(separator: ", ")),
            ("Modified", o.systemModstamp.description), ("Synced", cached.syncedAt.description),
        ]
        if let deletedAt = cached.deletedAt { fields.append(("Deleted", "in Salesforce at \(deletedAt)")) }
        if let link { fields.append(("In Salesforce", link)) }
        let labelWidth = fields.map { $0.0.count }.max() ?? 0
        var text = ""
        for (label, value) in fields {
            text += label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + TerminalText.sanitize(value) + "\n"
        }
        if let description = o.description, !description.isEmpty {
            text += "\nDescription\n" + TerminalText.sanitize(description, keepNewlines: true) + "\n"
        }
        return text
    }
}
