import DealdeckCache
import DealdeckCore
import Foundation
import Testing

/// `dealdeck members`: admins assign and unassign; members see what is assigned to them.
@Suite struct MembersCLITests {
    @Test func adminsAssignAndMembersSeeTheirOpportunities() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try ListAndShowCLITests.seed(cli)  // alice (admin), bob (member), 3 opportunities, bob on #2
        let id1 = ListAndShowCLITests.id(1)

        let denied = try cli.run(["members", "assign", id1.rawValue, "bob", "--user", "bob"])
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("Only admins"))

        let assigned = try cli.run(["members", "assign", id1.fifteenCharacterForm, "bob", "--user", "alice"])
        #expect(assigned.status == 0, "\(assigned.stderr)")
        let bobs = try cli.run(["list", "--user", "bob", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(bobs.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["id"] as? String }) == [id1.rawValue, ListAndShowCLITests.id(2).rawValue])

        let members = try cli.run(["members", "list", id1.rawValue, "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(members.stdout.utf8)) as? [[String: Any]])
        #expect(list.first?["login"] as? String == "bob")
        #expect(list.first?["assignedBy"] as? String == "alice")
        #expect(list.first?["source"] as? String == "manual")

        #expect(try cli.run(["members", "unassign", id1.rawValue, "bob", "--user", "alice"]).status == 0)
        let again = try cli.run(["members", "unassign", id1.rawValue, "bob", "--user", "alice"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("is not assigned"))
        let unknown = try cli.run(["members", "assign", id1.rawValue, "zed", "--user", "alice"])
        #expect(unknown.stderr.contains("no Dealdeck user named 'zed'"))
    }
}
