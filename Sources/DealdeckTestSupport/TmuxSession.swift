import Foundation
#if canImport(Glibc)
    import Glibc
#endif

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
    /// A signal's death is reported as 128 + its number, as shells do.
    public func exitStatus() async throws -> Int32? {
        guard try await display("#{pane_dead}") == "1" else { return nil }
        if let status = Int32(try await display("#{pane_dead_status}")) { return status }
        if let signal = Int32(try await display("#{pane_dead_signal}")), signal > 0 { return 128 + signal }
        // tmux 3.3 sometimes leaves an exited program unreaped for a long while; the kernel
        // still knows how it ended.
        return Self.zombieExitStatus(try await panePID())
    }

    /// How a zombie process ended, from `/proc/PID/stat` (its 52nd field is the wait status).
    static func zombieExitStatus(_ pid: Int32) -> Int32? {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3); the wait status is field 52.
        guard fields.first == "Z", fields.count >= 50, let status = Int32(fields[49].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return nil
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
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
    /// Also without NO_COLOR and other colour switches the test runner may set: a test that wants
    /// them passes them to `start`.
    private static var environment: [String: String] {
        ProcessRunner.environment([:]).filter { !["TMUX", "TMUX_PANE", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE"].contains($0.key) }
    }

    /// Runs the command that starts the server (its streams go to files: the forked server keeps
    /// them, so pipes would never reach end-of-file).
    private func startServer(_ arguments: [String]) async throws {
        let result = try await TmuxCommand.run(Self.executable, ["-L", socket] + arguments, environment: Self.environment)
        guard result.status == 0 else { throw TmuxError("tmux new-session failed (\(result.status)): \(result.stderr)") }
    }

    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        let result = try await TmuxCommand.run(Self.executable, ["-L", socket] + arguments, environment: Self.environment)
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

/// Runs one tmux command with `posix_spawn`, then polls `waitpid(WNOHANG)` from the task.
///
/// Why polling: a blocking `waitpid` (or `Process.waitUntilExit`) parks a thread of the global
/// dispatch pool, which on Linux is as wide as the machine has cores. On a 2-core CI runner two
/// parallel tests waiting that way took every thread, so the block that would reap the next
/// exited tmux client never ran and the suite hung with a defunct `tmux new-session`.
/// Output goes through temporary files, read after the exit (the forked server keeps the
/// client's streams, so pipes would never reach end-of-file).
///
/// The child starts with no signal blocked and every signal at its default: spawned from a
/// dispatch thread, it would otherwise inherit that thread's mask, and a tmux server with SIGCHLD
/// and SIGHUP blocked never notices its programs exit.
enum TmuxCommand {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        let outPath = base + ".out"
        let errPath = base + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TmuxError("Could not start \(executable): error \(spawned)") }
        let status = try await reap(pid)
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: status, stdout: stdout, stderr: stderr)
    }

    /// Waits for `pid` without blocking a thread; its exit status, or 128 + the signal that
    /// ended it. A tmux client that is still running after 20 s is killed and reported.
    static func reap(_ pid: pid_t, timeout: Duration = .seconds(20)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        var pause = Duration.milliseconds(1)
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { throw TmuxError("Could not wait for tmux (pid \(pid)): errno \(errno)") }
            if ContinuousClock.now >= deadline {
                killAndReap(pid)
                throw TmuxError("tmux (pid \(pid)) did not finish within \(timeout) and was killed")
            }
            do {
                try await Task.sleep(for: pause)
            } catch {
                killAndReap(pid)
                throw error
            }
            pause = min(pause * 2, .milliseconds(20))
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// SIGKILL cannot be ignored, so the blocking wait that follows ends at once.
    private static func killAndReap(_ pid: pid_t) {
        var status: Int32 = 0
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}

/// A tmux step that failed, with what was on screen.
public struct TmuxError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
