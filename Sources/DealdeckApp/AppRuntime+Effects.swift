import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation
import TerminalUI

extension AppRuntime {
    /// Carries out one effect. Reads go to background queues and answer with an action.
    func perform(_ effect: Effect) {
        switch effect {
        case .loadWindow(let request):
            let reader = self.reader
            let user = state.user
            let version = dataVersion
            read(on: windowQueue) {
                do {
                    return .windowLoaded(try reader.window(request, user: user, dataVersion: version))
                } catch {
                    return .windowFailed(query: request.query, message: String(describing: error))
                }
            }
        case .loadCount(let query):
            let reader = self.reader
            let user = state.user
            let version = dataVersion
            read(on: countQueue) {
                .countLoaded(query: query, total: try? reader.count(query, user: user, dataVersion: version))
            }
        case .loadDetail(let id):
            let reader = self.reader
            read(on: detailQueue) {
                guard let detail = try? reader.detail(id) else { return .detailMissing(id) }
                return .detailLoaded(detail)
            }
        case .loadSyncState:
            let reader = self.reader
            read(on: syncStateQueue) {
                guard let syncState = try? reader.syncState() else { return nil }
                return .syncStateLoaded(lastSuccessAt: syncState.lastSuccessAt, instanceURL: syncState.instanceURL)
            }
        case .startSync(let kind):
            guard let sync = environment.sync else { return }
            Task { @MainActor [weak self] in
                if await !sync.start(kind: kind) { self?.send(.syncRefused) }
            }
        case .openURL(let url):
            let opener = environment.linkOpener
            inFlight += 1
            Task { @MainActor [weak self] in
                let problem = await opener.open(url)
                self?.finished(problem.map { .linkOpenFailed(message: $0) } ?? .linkOpened(url))
            }
        case .copyToClipboard(let text):
            terminal.copyToClipboard(text)
            send(.copied(text))
        case .loadTheme(let name):
            do {
                applyTheme(try environment.themes.load(name))
                send(.themeApplied(name: name))
            } catch {
                send(.themeFailed(message: error.description))
            }
        case .setMouse(let enabled):
            terminal.setMouseEnabled(enabled)
        case .suspend:
            terminal.suspend()
        case .redraw:
            terminal.invalidate()
        case .quit:
            break
        }
    }

    /// Runs a read on a latest-only queue and sends its answer back on the main actor. A read
    /// replaced by a newer one before it starts is dropped, and still counted as finished.
    private func read(on queue: LatestOnlyQueue, _ body: @escaping @Sendable () -> Action?) {
        inFlight += 1
        queue.submit(LatestOnlyQueue.Job(
            run: {
                let action = body()
                Task { @MainActor [weak self] in self?.finished(action) }
            },
            superseded: {
                Task { @MainActor [weak self] in self?.finished(nil) }
            }))
    }
}
