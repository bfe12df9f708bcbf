import ArgumentParser
import DealdeckCache
import DealdeckCore
import Foundation

/// `dealdeck users`: manage the people who use Dealdeck.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add and list Dealdeck users (admins assign them to opportunities).",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a Dealdeck user.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Login name: letters, digits, '.', '_', '-' or '@'.") var name: String
        @Flag(help: "Make the user an admin (sees all opportunities, assigns members).") var admin = false
        @Option(help: "Email address.") var email: String?
        @Option(help: "Name shown in the UI (defaults to the login name).") var displayName: String?
        @Option(help: "The user's 15- or 18-character Salesforce user ID: opportunities they own are assigned to them.")
        var salesforceUserId: String?

        func run() async throws {
            try await reportingErrors {
                let loginName = try AppUser.validateLoginName(name)
                let user = AppUser(
                    loginName: loginName,
                    displayName: displayName.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } ?? loginName,
                    email: try email.map { try AppUser.validateEmail($0) },
                    role: admin ? .admin : .member,
                    salesforceUserId: try salesforceUserId.map { try SalesforceID(validating: $0) })
                if let id = user.salesforceUserId, id.keyPrefix != "005" {
                    throw CLIError("'\(id)' is not a Salesforce user ID: user IDs start with 005. Copy it from the user's record in Salesforce Setup.", exitCode: ExitCodes.usage)
                }
                let context = try CLIContext.open(global)
                try context.database.addUser(user)
                print("Added \(user.role == .admin ? "admin" : "member") \(TerminalText.sanitize(user.loginName)).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List Dealdeck users.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON: an array of {login, displayName, email, role, salesforceUserId}.") var json = false

        func run() async throws {
            try await reportingErrors {
                let context = try CLIContext.open(global)
                let users = try context.database.users()
                if json {
                    try Terminal.printJSON(users.map(UserJSON.init))
                    return
                }
                guard !users.isEmpty else {
                    Terminal.printNote("No users yet. Add the first admin with `dealdeck users add NAME --admin`.")
                    return
                }
                Terminal.printTable(
                    headers: ["LOGIN", "NAME", "ROLE", "EMAIL", "SALESFORCE USER"],
                    rows: users.map { [$0.loginName, $0.displayName, $0.role.rawValue, $0.email ?? "", $0.salesforceUserId?.rawValue ?? ""] })
            }
        }
    }
}

/// The stable JSON form of a user (documented in README).
struct UserJSON: Encodable {
    var login: String
    var displayName: String
    var email: String?
    var role: String
    var salesforceUserId: String?

    init(_ user: AppUser) {
        login = user.loginName
        displayName = user.displayName
        email = user.email
        role = user.role.rawValue
        salesforceUserId = user.salesforceUserId?.rawValue
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(login, forKey: .login)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(email, forKey: .email)
        try container.encode(role, forKey: .role)
        try container.encode(salesforceUserId, forKey: .salesforceUserId)
    }

    enum CodingKeys: String, CodingKey { case login, displayName, email, role, salesforceUserId }
}
