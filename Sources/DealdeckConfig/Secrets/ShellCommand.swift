import Foundation

/// Runs a user-configured command (`key_command`, `password_command`) through `/bin/sh -c`, the
/// way aerc's `source-cred-cmd` and git's credential helpers do, and returns what it printed.
///
/// The command's stdin and stderr stay connected to the terminal so that tools such as `pass`
/// or `gpg` can ask for a passphrase; only stdout is captured. The output is a secret: callers
/// must never log it or put it in an error message.
public enum ShellCommand {
    public struct Output: Sendable {
        public var status: Int32
        /// Everything the command printed on stdout.
        public var stdout: Data
    }

    /// Runs `command` and waits for it. Throws only when the shell cannot be started.
    public static func run(_ command: String) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Read before waiting so a command that prints a lot never blocks on a full pipe.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: data)
    }

    /// The output as text without the trailing newline(s) a shell command usually ends with.
    public static func trimmedText(_ data: Data) -> String {
        var text = String(decoding: data, as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" { text.removeLast() }
        return text
    }
}
