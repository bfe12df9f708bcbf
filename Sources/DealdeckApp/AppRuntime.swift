import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import Logging
import TerminalUI

/// The event loop: feeds terminal events, clock ticks, cache changes and sync progress to the
/// reducer as actions, performs the effects it returns, and presents the rendered screen.
///
/// Everything here runs on the main actor (curses is single-threaded); cache reads run on
/// background queues and come back as actions, so the UI never waits for SQLite.
@MainActor
public final class AppRuntime {
    public private(set) var state: AppState
    /// The theme in use (the state only names it).
    public private(set) var theme: ThemeSpec
    /// The last frame presented, and how many there were (tests and the benchmark read these).
    public private(set) var lastFrame: ScreenBuffer?
    public private(set) var frameCount = 0

    let environment: AppEnvironment
    let terminal: any TerminalBackend
    let reader: CacheReader
    let windowQueue = LatestOnlyQueue(label: "dealdeck.read-window")
    let countQueue = LatestOnlyQueue(label: "dealdeck.read-count")
    let detailQueue = LatestOnlyQueue(label: "dealdeck.read-detail")
    let syncStateQueue = LatestOnlyQueue(label: "dealdeck.read-sync-state")
    private var observer: CacheObserver?
    /// Bumped on every cache change, so remembered totals are not reused across writes.
    var dataVersion = 0
    /// Reads and opens started and not yet answered (lazygit's busy count).
    var inFlight = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private typealias FrameWaiter = (predicate: (AppState) -> Bool, continuation: CheckedContinuation<Void, Never>)
    private var frameWaiters: [FrameWaiter] = []
    private var renderScheduled = false
    private var background: [Task<Void, Never>] = []
    private let notices: [Action]

    /// - Parameters:
    ///   - notices: actions to send right after start (warnings about the theme or key settings).
    public init(state: AppState, theme: ThemeSpec, environment: AppEnvironment, terminal: any TerminalBackend, notices: [Action] = []) {
        self.state = state
        self.theme = theme
        self.environment = environment
        self.terminal = terminal
        self.notices = notices
        reader = CacheReader(database: environment.database)
    }

    /// Runs until the user quits or the terminal goes away, then stops background work. The
    /// caller restores the terminal (`shutdown`), also when this throws or is cancelled.
    public func run() async {
        start()
        for await event in terminal.events {
            environment.logger.debug("terminal event \(event)")
            handle(event)
            if state.shouldQuit { break }
        }
        environment.logger.debug("event loop ended (quit: \(state.shouldQuit))")
        stop()
    }

    /// Starts reading, watching and ticking; the first frame follows at once.
    public func start() {
        state.size = terminal.size
        let now = environment.now()
        send(.tick(now: now, today: AppEnvironment.localDate(now)))
        send(.started)
        for notice in notices { send(notice) }
        if environment.observesCache {
            let observer = CacheObserver(database: environment.database) { [weak self] in
                Task { @MainActor in self?.cacheChanged() }
            }
            observer.start()
            self.observer = observer
        }
        if let interval = environment.tickInterval { startTicking(interval) }
        if let sync = environment.sync {
            background.append(Task { @MainActor [weak self] in
                for await event in await sync.events {
                    self?.send(.syncEvent(event))
                }
            })
        }
        renderNow()
    }

    public func stop() {
        for task in background { task.cancel() }
        background.removeAll()
        observer?.stop()
        observer = nil
    }

    private func startTicking(_ interval: Duration) {
        background.append(Task { @MainActor [weak self] in
            while !Task.isCancelled {
                // Faster while syncing, so the spinner and the rate move.
                let syncing = self?.state.sync.running != nil
                try? await Task.sleep(for: syncing ? .milliseconds(250) : interval)
                guard let self, !Task.isCancelled else { return }
                let now = self.environment.now()
                self.send(.tick(now: now, today: AppEnvironment.localDate(now)))
                self.observer?.probeFiles()
            }
        })
    }

    /// A terminal event, as an action.
    public func handle(_ event: TerminalEvent) {
        switch event {
        case .key(let chord): send(.key(chord))
        case .mouse(let mouse): send(.mouse(mouse))
        case .resized(let size): send(.resized(size))
        case .resumed:
            terminal.invalidate()
            send(.resized(terminal.size))
        case .terminate: send(.command(.quit))
        }
    }

    /// Applies an action and performs the effects it asks for; the screen is redrawn once the
    /// current burst of events has been handled.
    public func send(_ action: Action) {
        let effects = AppReducer.reduce(&state, action)
        for effect in effects { perform(effect) }
        scheduleRender()
    }

    func cacheChanged() {
        dataVersion += 1
        send(.cacheChanged)
    }

    private func scheduleRender() {
        guard !renderScheduled else { return }
        renderScheduled = true
        Task { @MainActor [weak self] in self?.renderNow() }
    }

    /// Renders the state into a buffer and presents it.
    public func renderNow() {
        renderScheduled = false
        let frame = RootScreen.render(state, theme: theme, size: terminal.size)
        terminal.present(frame)
        lastFrame = frame
        frameCount += 1
        resumeFrameWaiters()
        resumeIdleWaitersIfIdle()
    }

    /// Waits until a frame is presented whose state satisfies `predicate` (the benchmark
    /// times keys to the frame that shows their rows, before counts settle).
    public func waitForFrame(where predicate: @escaping (AppState) -> Bool) async {
        if lastFrame != nil && !renderScheduled && predicate(state) { return }
        await withCheckedContinuation { frameWaiters.append((predicate, $0)) }
    }

    private func resumeFrameWaiters() {
        guard !frameWaiters.isEmpty else { return }
        var waiting: [FrameWaiter] = []
        for waiter in frameWaiters {
            if waiter.predicate(state) { waiter.continuation.resume() } else { waiting.append(waiter) }
        }
        frameWaiters = waiting
    }

    /// Waits until no read is in flight and the last change is on screen.
    public func waitUntilIdle() async {
        if inFlight == 0 && !renderScheduled { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    func finished(_ action: Action?) {
        inFlight -= 1
        if let action { send(action) }
        resumeIdleWaitersIfIdle()
    }

    private func resumeIdleWaitersIfIdle() {
        guard inFlight == 0, !renderScheduled, !idleWaiters.isEmpty else { return }
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    /// Switches the theme (the `loadTheme` effect, and the composition root at start).
    func applyTheme(_ spec: ThemeSpec) {
        theme = spec
    }
}
