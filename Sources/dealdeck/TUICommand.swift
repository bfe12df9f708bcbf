import ArgumentParser
import CursesBackend
import DealdeckApp
import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import Logging
import TerminalUI

/// `dealdeck ui` (also plain `dealdeck`): the interactive terminal UI.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Browse opportunities in the terminal UI (the default command).",
        discussion: """
            Keys: j/k move, / filter, : command line, Enter detail, s sync, o open in Salesforce, y copy the link, \
            ? every key, q quit. Keys can be rebound in config.toml under [keys] (command = "key"). \
            NO_COLOR turns colour off; DEALDECK_HYPERLINKS=1 or 0 forces OSC 8 links on or off.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Act as this Dealdeck user (default: DEALDECK_USER, the config's user, or $USER).") var user: String?
    @Option(help: "Theme name or .toml file (default: the config's ui.theme, else default).") var theme: String?
    @Flag(inversion: .prefixedNo, help: "Mouse: click to select, wheel to scroll (default: the config's ui.mouse, else off).")
    var mouse: Bool?
    @Flag(help: "Start on All Opportunities (admins).") var all = false
    @Option(help: "Start with this filter, e.g. \"stage:negotiation amount>50k\".") var filter: String?
    @Option(help: "Start sorted by FIELD[:desc] (name, account, stage, amount, close, probability, owner, modified, created).")
    var sort: String?

    func run() async throws {
        try await reportingErrors {
            let sort = try self.sort.map { try OpportunitySort(parsing: $0) } ?? .default
            let filterText = filter ?? ""
            _ = try OpportunityFilter(parsing: filterText)
            let context = try CLIContext.open(global)
            let me = try context.currentUser(explicit: user)
            if all && !me.isAdmin {
                throw CLIError("Only admins can see all opportunities, and \(me.loginName) is a member. Leave out --all to see yours.")
            }
            let launch = TUILaunch(context: context, user: me, theme: theme, mouse: mouse, allTab: all, filter: filterText, sort: sort)
            try await launch.run()
        }
    }
}

/// Builds the live UI from the command's choices and runs it until the user quits.
struct TUILaunch {
    var context: CLIContext
    var user: AppUser
    var theme: String?
    var mouse: Bool?
    var allTab: Bool
    var filter: String
    var sort: OpportunitySort
    var environment = ProcessInfo.processInfo.environment

    @MainActor
    func run() async throws {
        var notices: [Action] = []
        let catalog = ThemeCatalog.standard(paths: context.paths)
        var themeName = theme ?? context.settings.ui.theme ?? "default"
        let (themeSpec, themeProblem) = catalog.loadOrDefault(themeName)
        if let themeProblem {
            notices.append(.notify(.error, themeProblem.description + " Using the default theme."))
            themeName = "default"
        }
        var keyProblems: [KeymapProblem] = []
        let keymap = Keymap(overrides: context.settings.keys) { keyProblems.append($0) }
        if !keyProblems.isEmpty { notices.append(.notify(.warning, Strings.keyProblems(keyProblems))) }

        let wiring = await SyncWiring.controller(for: context, environment: environment)
        let mouseEnabled = mouse ?? context.settings.ui.mouse ?? false
        var logger = Logger(label: "dealdeck.ui") { label in AppendingFileLogHandler(path: context.paths.logFile, label: label) }
        logger.logLevel = environment["DEALDECK_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        let appEnvironment = AppEnvironment(database: context.database, themes: catalog, sync: wiring.controller, logger: logger)
        let now = Date()
        var state = AppState(
            user: user, size: Size(width: 80, height: 24), now: now, today: AppEnvironment.localDate(now), keymap: keymap,
            themeName: themeName, availableThemes: catalog.availableNames(), sort: sort, tab: allTab ? .all : .mine,
            glyphs: TerminalFeatures.prefersUnicode(environment: environment) ? .unicode : .ascii, mouseEnabled: mouseEnabled,
            sync: SyncStatus(unavailableReason: wiring.unavailableReason, autoSyncMinutes: context.settings.ui.autoSyncMinutes))
        if !filter.isEmpty {
            // Start with the filter applied and the cursor in it, as if typed.
            _ = AppReducer.reduce(&state, .command(.filter))
            for character in filter { _ = AppReducer.reduce(&state, .key(.character(character))) }
            _ = AppReducer.reduce(&state, .command(.accept))
        }

        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(options: CursesTerminal.Options(
                mouse: mouseEnabled, noColor: TerminalFeatures.noColor(environment: environment),
                hyperlinks: TerminalFeatures.supportsHyperlinks(environment: environment)))
        } catch {
            throw CLIError(error.description)
        }
        defer {
            terminal.shutdown()
            logger.debug("terminal restored")
        }
        let runtime = AppRuntime(state: state, theme: themeSpec, environment: appEnvironment, terminal: terminal, notices: notices)
        await runtime.run()
        logger.debug("runtime finished")
    }
}
