import Dispatch
import Foundation
import Glibc

/// Waits for input and signals on a thread of its own, so the main actor never blocks in
/// curses and never polls: `poll(2)` on stdin, the signal pipe and a wake pipe.
///
/// When stdin is readable the watcher reports `.input` and waits until the main actor has read
/// everything curses can give (`inputDrained()`), so it does not spin on the same bytes.
final class InputWatcher: Sendable {
    enum Event: Sendable {
        case input
        case signal(Int32)
        /// The terminal went away (stdin closed or hung up).
        case hangUp
    }

    let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let inputFD: Int32
    private let signalFD: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let drained = DispatchSemaphore(value: 0)

    init(inputFD: Int32, signalFD: Int32) {
        self.inputFD = inputFD
        self.signalFD = signalFD
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "dealdeck.input"
        thread.start()
    }

    /// The main actor read all pending input; watch stdin again.
    func inputDrained() { drained.signal() }

    /// Ends the thread and the event stream.
    func stop() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        drained.signal()
        continuation.finish()
    }

    private func run() {
        var watching = [
            pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            for index in watching.indices { watching[index].revents = 0 }
            let ready = poll(&watching, nfds_t(watching.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                continuation.yield(.hangUp)
                return
            }
            if watching[2].revents != 0 { return }
            if watching[1].revents & Int16(POLLIN) != 0 {
                var bytes = [UInt8](repeating: 0, count: 32)
                let count = read(signalFD, &bytes, bytes.count)
                for index in 0..<max(0, count) { continuation.yield(.signal(Int32(bytes[index]))) }
            }
            if watching[0].revents & Int16(POLLIN) != 0 {
                continuation.yield(.input)
                drained.wait()
            } else if watching[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                continuation.yield(.hangUp)
                return
            }
        }
    }
}
