import DealdeckApp
import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import TerminalUI

/// One measured session: the real runtime (cache reads on background queues, reducer, render)
/// on a headless terminal, driven by keys.
enum UIBenchmarkRun {
    @MainActor
    static func measure(cache: UIBenchmarkCache, size: Size) async throws -> UIBenchmarkResult {
        var result = UIBenchmarkResult(count: cache.count)
        let clock = ContinuousClock()

        // First paint: open the cache, build the runtime, and show the first screen of rows.
        let start = clock.now
        let database = try AppDatabase.open(cachePath: cache.cachePath, appPath: cache.appPath)
        let terminal = HeadlessTerminal(size: size)
        let environment = AppEnvironment(
            database: database, themes: ThemeCatalog(directories: []), linkOpener: LinkOpener { _ in nil }, tickInterval: nil, observesCache: false)
        let now = Date()
        let state = AppState(
            user: cache.user, size: size, now: now, today: AppEnvironment.localDate(now), tab: .all, glyphs: .unicode,
            sync: SyncStatus(unavailableReason: "benchmark"))
        let runtime = AppRuntime(state: state, theme: ThemeCatalog.embeddedDefault, environment: environment, terminal: terminal)
        runtime.start()
        await runtime.waitForFrame(where: showsRows)
        result.firstPaint = milliseconds(clock.now - start)
        await runtime.waitUntilIdle()
        result.firstCount = milliseconds(clock.now - start)
        guard runtime.state.list.total == cache.count else {
            throw BenchmarkArguments.Problem(message: "the list shows \(runtime.state.list.total ?? -1) rows, expected \(cache.count)")
        }

        // Scrolling: a row at a time, a page at a time, to the end and back to the top.
        result.moveDown = await keystrokes(runtime, Array(repeating: .character("j"), count: 40), &result)
        result.pageDown = await keystrokes(runtime, Array(repeating: .special(.pageDown), count: 20), &result)
        result.endAndHome = await keystrokes(runtime, [.character("G"), .character("g"), .character("G"), .character("g"), .character("G"), .character("g")], &result)

        // Filtering: typing "initech pil" into `/`, then a typed term, then more phrases.
        runtime.send(.key(.character("/")))
        await runtime.waitUntilIdle()
        result.filterTyping = await keystrokes(runtime, "initech pil".map { .character($0) } + [.control("u")] + "amount>400000".map { .character($0) }, &result)
        var phrases: [KeyChord] = []
        for phrase in ["pied piper ex", "owner 13 clo", "hooli s", "zq x"] { phrases += [.control("u")] + phrase.map { .character($0) } }
        result.filterPhrases = await keystrokes(runtime, phrases, &result)
        runtime.send(.key(.special(.escape)))
        await runtime.waitUntilIdle()

        // Sorting by another column (an index exists for every column).
        result.sort = await keystrokes(runtime, [.character("$"), .character("N"), .character("C")], &result)

        // My Opportunities: the user owns one in ten.
        result.switchTab = await keystrokes(runtime, [.character("1"), .character("2")], &result)

        // Rendering alone, for a frame of this size.
        let renderStart = clock.now
        for _ in 0..<50 { _ = RootScreen.render(runtime.state, theme: runtime.theme, size: size) }
        result.renderOnly = milliseconds(clock.now - renderStart) / 50

        result.residentMegabytes = Memory.residentMegabytes()
        result.peakMegabytes = Memory.peakMegabytes()
        runtime.stop()
        return result
    }

    /// Times each key from sending it to the frame that shows its rows; when the key changed
    /// the query, also to the frame that shows the new count (`result.counts`).
    @MainActor
    static func keystrokes(_ runtime: AppRuntime, _ keys: [KeyChord], _ result: inout UIBenchmarkResult) async -> [Double] {
        let clock = ContinuousClock()
        var times: [Double] = []
        for key in keys {
            let query = runtime.state.list.query
            let start = clock.now
            runtime.send(.key(key))
            await runtime.waitForFrame(where: showsRows)
            times.append(milliseconds(clock.now - start))
            let counting = runtime.state.list.total == nil
            await runtime.waitUntilIdle()
            if runtime.state.list.query != query && counting { result.counts.append(milliseconds(clock.now - start)) }
        }
        return times
    }

    /// The frame shows the rows of the current query around the selection (or that there are
    /// none), and no jump to the end is waiting for a count.
    static func showsRows(_ state: AppState) -> Bool {
        guard !state.list.wantsLast, let window = state.list.window, window.query == state.list.query else { return false }
        return state.list.selectedRow != nil || state.list.extent == 0
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}

/// Resident and peak memory of this process, from `/proc/self/status`.
enum Memory {
    static func residentMegabytes() -> Double { field("VmRSS:") }
    static func peakMegabytes() -> Double { field("VmHWM:") }

    private static func field(_ name: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kilobytes / 1024
        }
        return 0
    }
}
