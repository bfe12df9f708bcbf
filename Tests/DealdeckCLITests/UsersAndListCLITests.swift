import Foundation
import Testing

/// End-to-end: the built `dealdeck` binary on an empty, temporary home.
@Suite struct UsersAndListCLITests {
    @Test func firstRunAddsAnAdminListsUsersAndExplainsTheEmptyCache() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let added = try cli.run(["users", "add", "alice", "--admin", "--email", "alice@example.com", "--display-name", "Alice A."])
        #expect(added.status == 0)
        #expect(added.stdout == "Added admin alice.\n")

        let listed = try cli.run(["users", "list", "--json"])
        #expect(listed.status == 0)
        let users = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(users.count == 1)
        #expect(users[0]["login"] as? String == "alice")
        #expect(users[0]["role"] as? String == "admin")
        #expect(users[0]["displayName"] as? String == "Alice A.")
        #expect(users[0].keys.sorted() == ["displayName", "email", "login", "role", "salesforceUserId"])
        #expect(!listed.stdout.contains("\u{1B}"))

        let list = try cli.run(["list"])
        #expect(list.status == 0)
        #expect(list.stdout.isEmpty)
        #expect(list.stderr.contains("Nothing is cached yet"))
        #expect(list.stderr.contains("dealdeck sync"))

        let json = try cli.run(["list", "--all", "--json"])
        #expect(json.status == 0)
        #expect(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func filesAreCreatedPrivate() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["users", "add", "alice", "--admin"])
        for directory in ["config", "data", "state"] {
            let mode = try FileManager.default.attributesOfItem(atPath: cli.home + "/" + directory)[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(directory)")
        }
        for file in ["data/app.sqlite", "data/cache.sqlite"] {
            let mode = try FileManager.default.attributesOfItem(atPath: cli.home + "/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
    }

    @Test func badInputGetsOneClearSentenceAndANonZeroExit() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["users", "add", "alice", "--admin"])
        try cli.run(["users", "add", "bob"])

        let cases: [([String], Int32, String)] = [
            (["users", "add", "alice"], 1, "already exists"),
            (["users", "add", "no spaces"], 2, "characters Dealdeck does not allow"),
            (["users", "add", "carol", "--email", "not-an-email"], 2, "is not an email address"),
            (["users", "add", "carol", "--salesforce-user-id", "0065e00000AbCdE"], 2, "user IDs start with 005"),
            (["list", "--user", "zed"], 1, "no Dealdeck user named 'zed'"),
            (["list", "--user", "alice", "--sort", "colour"], 2, "not a column to sort by"),
            (["list", "--user", "alice", "--filter", "amount>lots"], 2, "needs a number"),
            (["list", "--user", "bob", "--all"], 1, "Only admins"),
            (["list"], 1, "does not know who you are"),
            (["show", "006123"], 2, "15 or 18"),
            (["show", "0065e00000AbCdEAAV"], 1, "Nothing is cached yet"),
        ]
        for (arguments, status, message) in cases {
            let result = try cli.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments) printed more than one line")
        }
    }

    @Test func corruptDatabaseAndUnreadableConfigNameTheFile() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["users", "add", "alice", "--admin"])
        try Data("garbage that is definitely not SQLite".utf8).write(to: URL(fileURLWithPath: cli.home + "/data/cache.sqlite"))
        let corrupt = try cli.run(["list"])
        #expect(corrupt.status == 1)
        #expect(corrupt.stderr.contains(cli.home + "/data/cache.sqlite"))
        #expect(corrupt.stderr.contains("damaged"))

        try FileManager.default.removeItem(atPath: cli.home + "/data/cache.sqlite")
        try "[cache\nenabled = true".write(toFile: cli.home + "/config/config.toml", atomically: true, encoding: .utf8)
        let badConfig = try cli.run(["list"])
        #expect(badConfig.status == 1)
        #expect(badConfig.stderr.contains(cli.home + "/config/config.toml"))
        #expect(badConfig.stderr.contains("line 1"))
    }
}
