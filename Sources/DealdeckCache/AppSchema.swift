import GRDB

/// Migrations of `app.sqlite`: the people database (app users and memberships).
///
/// Migrations are append-only: a released migration is never edited, so every database
/// created by an earlier Dealdeck opens in a later one (tested in `MigrationTests`).
enum AppSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("app-v1-users") { db in
            try db.execute(sql: """
                CREATE TABLE app_user (
                    login_name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                    display_name TEXT NOT NULL,
                    email TEXT,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
                    salesforce_user_id TEXT,
                    created_at REAL NOT NULL
                );
                CREATE INDEX app_user_on_salesforce_user_id ON app_user(salesforce_user_id);
                """)
        }
        migrator.registerMigration("app-v2-memberships") { db in
            // No foreign key to the opportunity: it lives in the cache database (which may be in
            // memory) and a membership must outlive a tombstone so an undelete brings it back.
            try db.execute(sql: """
                CREATE TABLE membership (
                    opportunity_id TEXT NOT NULL,
                    user_login_name TEXT NOT NULL COLLATE NOCASE
                        REFERENCES app_user(login_name) ON DELETE CASCADE ON UPDATE CASCADE,
                    source TEXT NOT NULL CHECK (source IN ('manual', 'owner')),
                    assigned_by TEXT,
                    assigned_at REAL NOT NULL,
                    PRIMARY KEY (opportunity_id, user_login_name)
                );
                CREATE INDEX membership_on_user ON membership(user_login_name, opportunity_id);
                """)
        }
        return migrator
    }
}
