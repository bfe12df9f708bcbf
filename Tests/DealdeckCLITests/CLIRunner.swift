import Foundation

/// Runs the real `dealdeck` binary against a temporary home, like a person at a shell would.
struct CLIRunner {
    let home: String

    init() {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-cli-\(UUID().uuidString)").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable next to the test bundle (or `DEALDECK_BIN`).
    static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["DEALDECK_BIN"] { return explicit }
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDirectory, bundleDirectory.deletingLastPathComponent()].map { $0.appendingPathComponent("dealdeck").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DEALDECK_HOME"] = home
        environment.removeValue(forKey: "DEALDECK_USER")
        environment["USER"] = "nobody-in-particular"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting so a chatty child never blocks on a full pipe.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: home) }
}
