import Foundation
import Testing

@testable import SalesforceEmulator

/// The `salesforce-emulator` binary: one JSON ready line, clean stop on SIGTERM, one-line
/// errors for bad arguments.
@Suite struct EmulatorExecutableTests {
    /// The built binary next to the test bundle (or `$EMULATOR_BIN`).
    static var binary: URL? {
        if let path = ProcessInfo.processInfo.environment["EMULATOR_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("salesforce-emulator")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    struct Launched {
        let process: Process
        let readyLine: String
        let stderr: Pipe
    }

    /// Starts the binary and waits for its first stdout line.
    static func launch(_ arguments: [String]) async throws -> Launched {
        let binary = try #require(binary, "build the salesforce-emulator product first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let handle = stdout.fileHandleForReading
        let line = await Task.detached { () -> String in
            var bytes: [UInt8] = []
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                bytes += chunk
                if let newline = bytes.firstIndex(of: 10) { return String(decoding: bytes[..<newline], as: UTF8.self) }
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        return Launched(process: process, readyLine: line, stderr: stderr)
    }

    static func waitForExit(_ process: Process, timeout: Duration = .seconds(20)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning && clock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return !process.isRunning
    }

    @Test func printsOneReadyLineServesAndStopsOnSIGTERM() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-exe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let statePath = directory.appendingPathComponent("state.json").path
        let launched = try await Self.launch(["--port", "0", "--opportunities", "300", "--seed", "3", "--state-file", statePath])
        defer { if launched.process.isRunning { launched.process.terminate() } }

        let ready = try #require(try JSONSerialization.jsonObject(with: Data(launched.readyLine.utf8)) as? [String: String])
        #expect(Set(ready.keys) == ["url", "loginUrl", "myDomainUrl", "consumerKey", "consumerSecret", "username", "password", "securityToken"])
        let url = try #require(ready["url"])
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let versions = try await RESTHarness.send("GET", url + "/services/data/")
        #expect(versions.status == 200)
        let stats = try await RESTHarness.send("GET", url + "/__emulator/stats")
        #expect((stats.object["opportunities"] as? [String: Any])?["total"] as? Int == 300)

        kill(launched.process.processIdentifier, SIGTERM)
        #expect(await Self.waitForExit(launched.process))
        #expect(launched.process.terminationStatus == 0)
        #expect(launched.process.terminationReason == .exit)
        #expect(FileManager.default.fileExists(atPath: statePath))
        let log = String(decoding: launched.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("listening"))
        #expect(!log.contains(ready["password"] ?? "<none>"))
    }

    @Test func stopsOnSIGINTToo() async throws {
        let launched = try await Self.launch(["--opportunities", "50", "--multi-currency", "--daily-api-limit", "10"])
        defer { if launched.process.isRunning { launched.process.terminate() } }
        #expect(launched.readyLine.hasPrefix("{\"url\":"))
        kill(launched.process.processIdentifier, SIGINT)
        #expect(await Self.waitForExit(launched.process))
        #expect(launched.process.terminationStatus == 0)
    }

    @Test(arguments: [["--port", "70000"], ["--opportunities", "-1"], ["--bogus"], ["--seed", "abc"], ["--session-timeout", "0"]])
    func badArgumentsFailWithOneLine(arguments: [String]) async throws {
        let binary = try #require(Self.binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let stderr = Pipe()
        let stdout = Pipe()
        process.standardError = stderr
        process.standardOutput = stdout
        try process.run()
        #expect(await Self.waitForExit(process))
        #expect(process.terminationStatus != 0)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.hasPrefix("salesforce-emulator: "))
        #expect(message.split(separator: "\n").count == 1)
        #expect(stdout.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }

    @Test func busyPortIsAClearError() async throws {
        let launched = try await Self.launch(["--opportunities", "10"])
        defer { if launched.process.isRunning { launched.process.terminate() } }
        let url = try #require((try JSONSerialization.jsonObject(with: Data(launched.readyLine.utf8)) as? [String: String])?["url"])
        let port = try #require(url.split(separator: ":").last.map(String.init))
        let second = Process()
        second.executableURL = Self.binary
        second.arguments = ["--port", port, "--opportunities", "10"]
        let stderr = Pipe()
        second.standardError = stderr
        second.standardOutput = Pipe()
        try second.run()
        #expect(await Self.waitForExit(second))
        #expect(second.terminationStatus != 0)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("salesforce-emulator: "))
        #expect(message.contains(port))
        launched.process.terminate()
        _ = await Self.waitForExit(launched.process)
    }
}
