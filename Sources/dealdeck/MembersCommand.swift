import ArgumentParser
import DealdeckCache
import DealdeckCore
import Foundation

/// `dealdeck members`: who is assigned to an opportunity (admins change it).
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "List, assign and unassign the users of an opportunity (assigning is for admins).",
        subcommands: [List.self, Assign.self, Unassign.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an opportunity's members.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The opportunity's 15- or 18-character Salesforce ID.") var id: String
        @Flag(help: "Print JSON: an array of {login, source, assignedBy, assignedAt}.") var json = false

        func run() async throws {
            try await reportingErrors {
                let opportunityId = try SalesforceID(validating: id)
                let context = try CLIContext.open(global)
                guard try context.database.opportunity(id: opportunityId) != nil else {
                    throw CacheError.unknownOpportunity(opportunityId.rawValue)
                }
                let members = try context.database.members(of: opportunityId)
                if json {
                    try Terminal.printJSON(members.map(MembershipJSON.init))
                } else if members.isEmpty {
                    Terminal.printNote("Nobody is assigned to \(opportunityId) yet. An admin assigns users with `dealdeck members assign \(opportunityId) NAME`.")
                } else {
                    Terminal.printTable(
                        headers: ["LOGIN", "HOW", "ASSIGNED BY", "ASSIGNED AT"],
                        rows: members.map { [$0.userLoginName, $0.source.rawValue, $0.assignedBy ?? "—", MembershipJSON($0).assignedAt] })
                }
            }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign users to an opportunity (admins only).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Act as this admin (default: DEALDECK_USER, the config's user, or $USER).") var user: String?
        @Argument(help: "The opportunity's 15- or 18-character Salesforce ID.") var id: String
        @Argument(help: "Login names of the users to assign.") var names: [String]

        func run() async throws {
            try await reportingErrors {
                let opportunityId = try SalesforceID(validating: id)
                let context = try CLIContext.open(global)
                let admin = try context.requireAdmin(explicit: user, doing: "assign members")
                guard !names.isEmpty else { throw CLIError("Name at least one user to assign.", exitCode: ExitCodes.usage) }
                for name in names {
                    try context.database.assign(name, to: opportunityId, by: admin.loginName)
                }
                print("Assigned \(names.map { TerminalText.sanitize($0) }.joined(separator: ", ")) to \(opportunityId).")
            }
        }
    }

    struct Unassign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove users from an opportunity (admins only).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Act as this admin.") var user: String?
        @Argument(help: "The opportunity's 15- or 18-character Salesforce ID.") var id: String
        @Argument(help: "Login names of the users to remove.") var names: [String]

        func run() async throws {
            try await reportingErrors {
                let opportunityId = try SalesforceID(validating: id)
                let context = try CLIContext.open(global)
                _ = try context.requireAdmin(explicit: user, doing: "remove members")
                for name in names {
                    guard try context.database.user(named: name) != nil else { throw CacheError.unknownUser(name) }
                    if try !context.database.unassign(name, from: opportunityId) {
                        let owner = try context.database.members(of: opportunityId).contains { $0.userLoginName == name.lowercased() && $0.source == .owner }
                        throw CLIError(owner
                            ? "\(name) owns \(opportunityId) in Salesforce, so the assignment follows ownership. Change the owner in Salesforce instead."
                            : "\(name) is not assigned to \(opportunityId). See `dealdeck members list \(opportunityId)`.")
                    }
                }
                print("Removed \(names.joined(separator: ", ")) from \(opportunityId).")
            }
        }
    }
}

extension CLIContext {
    /// The current user, who must be an admin for `action`.
    func requireAdmin(explicit: String?, doing action: String) throws -> AppUser {
        let me = try currentUser(explicit: explicit)
        guard me.isAdmin else {
            throw CLIError("Only admins can \(action), and \(me.loginName) is a member. Ask an admin, or act as one with --user.")
        }
        return me
    }
}
