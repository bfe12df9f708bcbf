import Foundation

/// Drives a program inside a real terminal: a detached tmux session on a socket of its own
/// (`tmux -L`), so tests never touch the user's tmux and can run side by side.
///
/// `send-keys` types, `capture-pane -p` reads the screen (`-e` with styles), `resize-window`
/// resizes it. Every session must be `kill()`ed; `kill()` ends its server and removes its socket.
public struct TmuxSession: Sendable {
    /// The tmux socket name (`-L`), unique per session.
    public let socket: String
    public let width: Int
    public let height: Int
    static let target = "ui"

    /// Starts `command` (program and arguments, no shell) in a `width`×`height` window. The
    /// pane stays after the program exits (`remain-on-exit`), so a test can read the last screen
    /// and the exit status; OSC 52 copies land in tmux's paste buffer (`set-clipboard on`).
    public static func start(_ command: [String], width: Int = 120, height: Int = 30, environment: [String: String] = [:]) async throws -> TmuxSession {
        let session = TmuxSession(socket: "dealdeck-test-\(UUID().uuidString.prefix(8))", width: width, height: height)
        var launch = ["env"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { launch.append("\(key)=\(value)") }
        launch += command
        try await session.startServer(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)"] + launch)
        for option in [["remain-on-exit", "on"], ["set-clipboard", "on"], ["status", "off"]] {
            try await session.tmux(["set-option", "-g"] + option)
        }
        try await session.tmux(["set-option", "-t", target, "remain-on-exit", "on"])
        return session
    }

    /// Sends tmux key names: `Enter`, `Escape`, `C-c`, `PageDown`, `F5`, or plain characters.
    public func press(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", Self.target] + keys)
    }

    /// Types text literally (no key-name lookup).
    public func type(_ text: String) async throws {
        try await tmux(["send-keys", "-t", Self.target, "-l", text])
    }

    /// The screen as text (`styles`: with SGR escape sequences, as `capture-pane -e`).
    public func capture(styles: Bool = false) async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", Self.target] + (styles ? ["-e"] : []))
    }

    /// Waits until the screen satisfies `condition`; throws with the last screen after `timeout`.
    @discardableResult
    public func waitUntil(
        _ description: String, timeout: Duration = .seconds(10), _ condition: @Sendable (String) -> Bool
    ) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while clock.now < deadline {
            screen = try await capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw TmuxError("Timed out after \(timeout) waiting for \(description). The screen was:\n\(screen)")
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(10)) async throws -> String {
        try await waitUntil("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Resizes the window, as dragging a terminal's corner does (the program gets SIGWINCH).
    public func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", Self.target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pane's title, which a program can set with OSC 0/2 (and must not, here).
    public func paneTitle() async throws -> String {
        try await display("#{pane_title}")
    }

    /// Whether the program has exited, and with which status.
    public func exitStatus() async throws -> Int32? {
        guard try await display("#{pane_dead}") == "1" else { return nil }
        return Int32(try await display("#{pane_dead_status}"))
    }

    /// Waits for the program to exit; returns its status.
    public func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let status = try await exitStatus() { return status }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw TmuxError("The program did not exit within \(timeout). The screen was:\n\(try await capture())")
    }

    /// Whether the program has the alternate screen on (curses is active).
    public func alternateScreen() async throws -> Bool {
        try await display("#{alternate_on}") == "1"
    }

    /// The process id of the program in the pane.
    public func panePID() async throws -> Int32 {
        Int32(try await display("#{pane_pid}")) ?? 0
    }

    /// The newest paste buffer: what the program copied with OSC 52.
    public func clipboard() async throws -> String? {
        let buffers = try await tmux(["list-buffers", "-F", "#{buffer_name}"])
        guard !buffers.isEmpty else { return nil }
        return try await tmux(["show-buffer"])
    }

    /// Ends the session's tmux server (and the program) and removes the socket.
    public func kill() async {
        _ = try? await tmux(["kill-server"])
        let socketPath = "/tmp/tmux-\(getuid())/\(socket)"
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    private func display(_ format: String) async throws -> String {
        try await tmux(["display-message", "-p", "-t", Self.target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The environment for tmux: without TMUX, so a test run inside tmux still starts servers of
    /// its own.
    private static var environment: [String: String] {
        ProcessRunner.environment([:]).filter { $0.key != "TMUX" && $0.key != "TMUX_PANE" }
    }

    /// Runs the command that starts the server. The server is forked from it and keeps its
    /// standard streams, so they go to /dev/null and a file rather than pipes (which would never
    /// reach end-of-file while the server lives).
    private func startServer(_ arguments: [String]) async throws {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).stderr")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["-L", socket] + arguments
        process.environment = Self.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let status = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
        guard status == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw TmuxError("tmux new-session failed (\(status)): \(message)")
        }
    }

    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        let environment = Self.environment
        let result = try await ProcessRunner.run(Self.executable, ["-L", socket] + arguments, environment: environment, timeout: .seconds(10))
        guard result.status == 0 else {
            throw TmuxError("tmux \(arguments.prefix(3).joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout.hasSuffix("\n") && arguments.first != "capture-pane" ? String(result.stdout.dropLast()) : result.stdout
    }

    static var executable: String {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"
    }

    /// Whether tmux is installed (the UI tests are skipped without it).
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }
}

/// A tmux step that failed, with what was on screen.
public struct TmuxError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
