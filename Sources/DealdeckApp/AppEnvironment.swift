import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import Logging

/// The live pieces the runtime works with, injected by the composition root (tests and the
/// benchmark pass their own): the cache, themes, the sync controller, the browser, the clock.
public struct AppEnvironment: Sendable {
    public var database: AppDatabase
    public var themes: ThemeCatalog
    /// The sync engine, or nil when sync cannot run (then `syncUnavailableReason` says why).
    public var sync: (any SyncControlling)?
    public var linkOpener: LinkOpener
    public var now: @Sendable () -> Date
    /// How often the clock ticks; nil turns ticks off (tests send `.tick` themselves).
    public var tickInterval: Duration?
    /// Whether to watch the cache for writes (off in the benchmark, which measures reads).
    public var observesCache: Bool
    public var logger: Logger

    public init(
        database: AppDatabase, themes: ThemeCatalog, sync: (any SyncControlling)? = nil, linkOpener: LinkOpener = .system(),
        now: @escaping @Sendable () -> Date = { Date() }, tickInterval: Duration? = .seconds(1), observesCache: Bool = true,
        logger: Logger = Logger(label: "dealdeck.ui", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.database = database
        self.themes = themes
        self.sync = sync
        self.linkOpener = linkOpener
        self.now = now
        self.tickInterval = tickInterval
        self.observesCache = observesCache
        self.logger = logger
    }

    /// The local calendar date of a moment, for relative filters such as `close<30d`.
    public static func localDate(_ date: Date) -> CalendarDate {
        let components = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1) ?? CalendarDate(daysSinceEpoch: 0)
    }
}
