import Foundation
import Synchronization

/// Runs a built executable (`dealdeck`, `salesforce-emulator`) the way a person at a shell
/// would: chosen environment, optional stdin, stdout and stderr captured while it runs (so a
/// test can react to a printed sign-in code or URL), a timeout, and a kill when it hangs.
public enum ProcessRunner {
    /// A product built next to the test bundle (`.build/debug/<name>`), or `DEALDECK_BIN` for
    /// `dealdeck`.
    public static func executable(named name: String) -> String {
        if name == "dealdeck", let explicit = ProcessInfo.processInfo.environment["DEALDECK_BIN"] { return explicit }
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory, bundleDirectory.deletingLastPathComponent(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/.build/debug"),
        ]
        .map { $0.appendingPathComponent(name).path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// The environment a child gets: this process's, without Dealdeck's own variables (a test
    /// must say explicitly which it sets) and without `BROWSER`, plus `extra`.
    public static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DEALDECK_") && $0.key != "BROWSER" }
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Starts the executable; stdin gets `stdin` and is then closed (EOF).
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String], stdin: String? = nil) throws
        -> RunningProcess
    {
        try RunningProcess(executable: executable, arguments: arguments, environment: environment, stdin: stdin)
    }

    /// Runs to the end (killed after `timeout`).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], stdin: String? = nil, timeout: Duration = .seconds(60)
    ) async throws -> ProcessResult {
        try await start(executable, arguments, environment: environment, stdin: stdin).wait(timeout: timeout)
    }
}

/// How a process ended and what it printed.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Whether it was killed for running past its timeout.
    public var timedOut: Bool
}

/// A started child process.
public final class RunningProcess: Sendable {
    private let process: Mutex<Process>
    private let output = OutputBuffer()
    public let processIdentifier: Int32

    init(executable: String, arguments: [String], environment: [String: String], stdin: String?) throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        child.arguments = arguments
        child.environment = environment
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        let stdinPipe = Pipe()
        child.standardOutput = stdoutPipe
        child.standardError = stderrPipe
        child.standardInput = stdinPipe
        let output = self.output
        stdoutPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                output.state.withLock { $0.openStreams -= 1 }
            } else {
                output.state.withLock { $0.stdout.append(data) }
            }
        }
        stderrPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                output.state.withLock { $0.openStreams -= 1 }
            } else {
                output.state.withLock { $0.stderr.append(data) }
            }
        }
        try child.run()
        processIdentifier = child.processIdentifier
        process = Mutex(child)
        if let stdin { stdinPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? stdinPipe.fileHandleForWriting.close()
    }

    public var stdout: String { output.state.withLock { String(decoding: $0.stdout, as: UTF8.self) } }
    public var stderr: String { output.state.withLock { String(decoding: $0.stderr, as: UTF8.self) } }
    public var isRunning: Bool { process.withLock { $0.isRunning } }

    /// Waits until `extract` finds something in stderr (or stdout) and returns it; throws when
    /// the process ends first or `timeout` passes.
    public func waitForOutput(timeout: Duration = .seconds(30), _ extract: (_ stdout: String, _ stderr: String) -> String?) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let found = extract(stdout, stderr) { return found }
            guard isRunning else {
                throw ProcessRunnerError(
                    "the process ended (status \(process.withLock { $0.terminationStatus })) before printing what was expected; stderr: \(stderr)")
            }
            guard ContinuousClock.now < deadline else {
                throw ProcessRunnerError("nothing expected was printed within \(timeout); stderr so far: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the process to end, killing it after `timeout`.
    public func wait(timeout: Duration = .seconds(60)) async throws -> ProcessResult {
        let deadline = ContinuousClock.now + timeout
        var timedOut = false
        while isRunning {
            if ContinuousClock.now >= deadline {
                kill()
                timedOut = true
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        while isRunning { try await Task.sleep(for: .milliseconds(10)) }
        // Let the pipes drain to EOF (a grandchild may hold them; give up after a second).
        let drained = ContinuousClock.now + .seconds(1)
        while output.state.withLock({ $0.openStreams > 0 }), ContinuousClock.now < drained { try await Task.sleep(for: .milliseconds(10)) }
        return ProcessResult(status: process.withLock { $0.terminationStatus }, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }

    /// Kills the process (SIGKILL).
    public func kill() {
        process.withLock { child in
            if child.isRunning { _ = Foundation.kill(child.processIdentifier, SIGKILL) }
        }
    }
}

/// What a child printed so far, shared with the pipe handlers.
final class OutputBuffer: Sendable {
    let state = Mutex<(stdout: Data, stderr: Data, openStreams: Int)>((Data(), Data(), 2))
}

public struct ProcessRunnerError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
