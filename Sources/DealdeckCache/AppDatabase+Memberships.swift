import DealdeckCore
import Foundation
import GRDB

extension AppDatabase {
    /// Assigns a user to an opportunity (an admin's manual assignment). Assigning twice is a no-op.
    public func assign(_ loginName: String, to opportunityId: SalesforceID, by admin: String?, at date: Date = Date()) throws(CacheError) {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM app.app_user WHERE login_name = ?", arguments: [loginName]) == true else {
                throw CacheError.unknownUser(loginName)
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM opportunity WHERE id = ?", arguments: [opportunityId.rawValue]) == true else {
                throw CacheError.unknownOpportunity(opportunityId.rawValue)
            }
            try db.execute(
                sql: """
                    INSERT INTO app.membership (opportunity_id, user_login_name, source, assigned_by, assigned_at)
                    VALUES (?, ?, 'manual', ?, ?) ON CONFLICT DO NOTHING
                    """,
                arguments: [opportunityId.rawValue, loginName, admin, date.timeIntervalSince1970])
        }
    }

    /// Removes a manual assignment. Owner memberships follow Salesforce ownership and cannot be removed here.
    @discardableResult
    public func unassign(_ loginName: String, from opportunityId: SalesforceID) throws(CacheError) -> Bool {
        try write { db in
            try db.execute(
                sql: "DELETE FROM app.membership WHERE opportunity_id = ? AND user_login_name = ? AND source = 'manual'",
                arguments: [opportunityId.rawValue, loginName])
            return db.changesCount > 0
        }
    }

    /// The members of an opportunity: manual assignments, plus the user linked to the owner.
    public func members(of opportunityId: SalesforceID) throws(CacheError) -> [Membership] {
        try read { db in
            var result = try Row.fetchAll(
                db, sql: "SELECT * FROM app.membership WHERE opportunity_id = ? ORDER BY user_login_name",
                arguments: [opportunityId.rawValue]
            ).map(Self.membership(from:))
            let ownerRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT u.login_name, o.synced_at FROM opportunity o
                    JOIN app.app_user u ON u.salesforce_user_id = o.owner_id
                    WHERE o.id = ?
                    """,
                arguments: [opportunityId.rawValue])
            for row in ownerRows {
                let login: String = row["login_name"]
                guard !result.contains(where: { $0.userLoginName.lowercased() == login.lowercased() }) else { continue }
                let synced: Int64 = row["synced_at"]
                result.append(Membership(
                    opportunityId: opportunityId, userLoginName: login, source: .owner, assignedBy: nil,
                    assignedAt: Date(timeIntervalSince1970: Double(synced) / 1000)))
            }
            return result.sorted { $0.userLoginName < $1.userLoginName }
        }
    }

    private static func membership(from row: Row) throws -> Membership {
        let idText: String = row["opportunity_id"]
        guard let id = SalesforceID(idText) else { throw CacheCorruption.badValue(column: "opportunity_id", value: idText) }
        let sourceText: String = row["source"]
        guard let source = MembershipSource(rawValue: sourceText) else { throw CacheCorruption.badValue(column: "source", value: sourceText) }
        let assignedAt: Double = row["assigned_at"]
        return Membership(
            opportunityId: id, userLoginName: row["user_login_name"], source: source,
            assignedBy: row["assigned_by"], assignedAt: Date(timeIntervalSince1970: assignedAt))
    }
}
