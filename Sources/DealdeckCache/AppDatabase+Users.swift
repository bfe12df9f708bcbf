import DealdeckCore
import Foundation
import GRDB

extension AppDatabase {
    /// Adds a user. Login names are unique regardless of case.
    public func addUser(_ user: AppUser, at date: Date = Date()) throws(CacheError) {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM app.app_user WHERE login_name = ?", arguments: [user.loginName]) == true {
                throw CacheError.userExists(user.loginName)
            }
            try db.execute(
                sql: """
                    INSERT INTO app.app_user (login_name, display_name, email, role, salesforce_user_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [user.loginName, user.displayName, user.email, user.role.rawValue, user.salesforceUserId?.rawValue, date.timeIntervalSince1970])
        }
    }

    /// All users, admins first, then by login name.
    public func users() throws(CacheError) -> [AppUser] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM app.app_user ORDER BY role = 'admin' DESC, login_name")
                .map(Self.user(from:))
        }
    }

    /// One user by login name (case-insensitive), or nil.
    public func user(named loginName: String) throws(CacheError) -> AppUser? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM app.app_user WHERE login_name = ?", arguments: [loginName]).map(Self.user(from:))
        }
    }

    private static func user(from row: Row) throws -> AppUser {
        let roleText: String = row["role"]
        guard let role = AppRole(rawValue: roleText) else { throw CacheCorruption.badValue(column: "role", value: roleText) }
        let linked: String? = row["salesforce_user_id"]
        return AppUser(
            loginName: row["login_name"],
            displayName: row["display_name"],
            email: row["email"],
            role: role,
            salesforceUserId: linked.flatMap(SalesforceID.init)
        )
    }
}
