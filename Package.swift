// swift-tools-version:6.0
import PackageDescription

/// Settings every Dealdeck target shares: Swift 6 language mode (set package-wide below)
/// plus the upcoming features that keep module boundaries honest.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let grdbSQLite = Target.Dependency.product(name: "GRDBSQLite", package: "GRDB.swift")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let toml = Target.Dependency.product(name: "TOMLKit", package: "TOMLKit")
let httpClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let nioFoundation = Target.Dependency.product(name: "NIOFoundationCompat", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")

let package = Package(
    name: "Dealdeck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dealdeck", targets: ["dealdeck"]),
        .executable(name: "salesforce-emulator", targets: ["salesforce-emulator"]),
        .executable(name: "dealdeck-bench", targets: ["dealdeck-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Pure core: domain model, Salesforce IDs, list queries, theme spec. Foundation only, no I/O.
        .target(name: "DealdeckCore", swiftSettings: strict),
        // Paths, TOML config and encrypted secrets on disk.
        .target(name: "DealdeckConfig", dependencies: ["DealdeckCore", toml, crypto], swiftSettings: strict),
        // The local SQLite cache (GRDB).
        .target(name: "DealdeckCache", dependencies: ["DealdeckCore", grdb, grdbSQLite], swiftSettings: strict),
        // The emulator: Salesforce on the wire, on Hummingbird, for tests, the demo and benchmarks.
        .target(name: "SalesforceEmulator", dependencies: ["DealdeckCore", hummingbird, crypto, logging], swiftSettings: strict),
        .executableTarget(
            name: "salesforce-emulator",
            dependencies: ["SalesforceEmulator", "DealdeckCore", argumentParser, hummingbird, logging],
            swiftSettings: strict
        ),
        // HTTP only: OAuth flows, REST, Bulk API 2.0, the connection doctor. No UI, no database.
        .target(
            name: "SalesforceAPI",
            dependencies: ["DealdeckCore", httpClient, crypto, logging, nioCore, nioHTTP1, nioPosix, nioFoundation],
            swiftSettings: strict
        ),
        // The sync engine: an actor that fills the cache from an `OpportunitySource` and reports
        // progress. It knows no HTTP; the source is injected.
        .target(name: "SyncEngine", dependencies: ["DealdeckCore", "DealdeckCache", logging], swiftSettings: strict),
        // The live `OpportunitySource`: SalesforceAPI's client mapped to domain values.
        .target(name: "SalesforceSource", dependencies: ["DealdeckCore", "SyncEngine", "SalesforceAPI"], swiftSettings: strict),
        // Pure terminal UI: screen buffer, widgets, screens, state, reducer, keymap. No ncurses.
        .target(name: "TerminalUI", dependencies: ["DealdeckCore"], swiftSettings: strict),
        // The only C code Dealdeck touches: ncursesw through a small shim.
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncurses-dev"])]),
        // The only module that imports ncurses: presents screen buffers, reads keys.
        .target(name: "CursesBackend", dependencies: ["CNCursesW", "TerminalUI", "DealdeckCore"], swiftSettings: strict),
        // The app runtime: event loop, effects, cache observation, themes, sync in the background.
        .target(
            name: "DealdeckApp",
            dependencies: ["DealdeckCore", "DealdeckConfig", "DealdeckCache", "SyncEngine", "TerminalUI", logging, grdb],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "dealdeck",
            dependencies: [
                "DealdeckCore", "DealdeckConfig", "DealdeckCache", "SalesforceAPI", "SyncEngine", "SalesforceSource",
                "TerminalUI", "CursesBackend", "DealdeckApp", "SalesforceEmulator", argumentParser, logging,
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "dealdeck-bench",
            dependencies: ["DealdeckCore", "DealdeckCache", "SalesforceEmulator", httpClient, "TerminalUI", "DealdeckApp", "DealdeckConfig", "SalesforceAPI", "SalesforceSource", "SyncEngine"],
            swiftSettings: strict
        ),
        .testTarget(name: "DealdeckCoreTests", dependencies: ["DealdeckCore", "DealdeckConfig"]),
        .testTarget(name: "DealdeckCacheTests", dependencies: ["DealdeckCache", "DealdeckCore", grdb]),
        .testTarget(name: "SalesforceEmulatorTests", dependencies: ["SalesforceEmulator", "DealdeckCore", httpClient]),
        .testTarget(name: "DealdeckCLITests", dependencies: ["DealdeckCore", "DealdeckCache"]),
        // Shared by test targets: start the emulator, run the built binaries, drive tmux.
        .target(name: "DealdeckTestSupport", dependencies: ["DealdeckCore", "SalesforceEmulator", httpClient], swiftSettings: strict),
        .testTarget(
            name: "SalesforceAPITests",
            dependencies: ["SalesforceAPI", "DealdeckConfig", "DealdeckCore", "SalesforceEmulator", "DealdeckTestSupport", httpClient]
        ),
        .testTarget(
            name: "SyncEngineTests",
            dependencies: ["SyncEngine", "SalesforceSource", "SalesforceAPI", "DealdeckCache", "DealdeckCore", "SalesforceEmulator", "DealdeckTestSupport"]
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "DealdeckCore"], exclude: ["Snapshots"]),
        .testTarget(name: "DealdeckAppTests", dependencies: ["DealdeckApp", "TerminalUI", "DealdeckCore", "DealdeckCache", "DealdeckConfig", "SyncEngine", "SalesforceAPI", "SalesforceSource", "SalesforceEmulator", "DealdeckTestSupport"]),
        .testTarget(name: "DealdeckUITests", dependencies: ["DealdeckCore", "DealdeckCache", "DealdeckConfig", "DealdeckTestSupport", "SalesforceEmulator"]),
    ],
    swiftLanguageModes: [.v6]
)
