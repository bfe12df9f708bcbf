import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation

/// What a command needs from its environment: paths, settings and the cache.
struct CLIContext {
    let paths: DealdeckPaths
    let settings: DealdeckSettings
    let database: AppDatabase

    /// Resolves the profile's paths, reads the config file and opens the cache.
    static func open(_ options: GlobalOptions) throws -> CLIContext {
        let paths = DealdeckPaths.resolve(home: options.home)
        try paths.createDirectories()
        let settings = try SettingsFile.load(from: paths.configFile)
        let database = try AppDatabase.open(
            cachePath: settings.cache.enabled ? paths.cacheDatabase : nil,
            appPath: paths.appDatabase)
        return CLIContext(paths: paths, settings: settings, database: database)
    }

    /// The Dealdeck user a command acts as: `--user`, then `DEALDECK_USER`, then the config's
    /// `user`, then the login name of the person at the keyboard, then the only user there is.
    func currentUser(explicit: String?) throws -> AppUser {
        let environment = ProcessInfo.processInfo.environment
        if let name = explicit ?? environment["DEALDECK_USER"] ?? settings.user {
            guard let user = try database.user(named: name) else { throw CacheError.unknownUser(name) }
            return user
        }
        if let login = environment["USER"], let user = try database.user(named: login) { return user }
        let users = try database.users()
        if users.count == 1, let only = users.first { return only }
        if users.isEmpty {
            throw CLIError("No Dealdeck users exist yet. Create the first admin with `dealdeck users add NAME --admin`.")
        }
        throw CLIError("Dealdeck does not know who you are. Pass --user NAME, set DEALDECK_USER, or set user = \"NAME\" in \(paths.configFile).")
    }

    /// Today's date in the local time zone, for relative filters such as `close<30d`.
    static var today: CalendarDate {
        let components = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1)
            ?? CalendarDate(daysSinceEpoch: 0)
    }
}
