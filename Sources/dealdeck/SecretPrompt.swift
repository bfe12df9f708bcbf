import DealdeckCore
import Foundation

/// Reads secrets (and the odd plain answer) from the person at the terminal: without echo on a
/// TTY (termios), or one line from stdin when it is not a terminal (scripts, tests). Secrets
/// are never taken from command-line arguments, which other users can see in `ps`.
enum SecretPrompt {
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The environment variable's value when set and not empty, else a prompt.
    static func value(environment name: String, prompt: String, secret: Bool = true) -> String? {
        if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        return read(prompt: prompt, echo: !secret)
    }

    /// Prompts on stderr and reads one line; nil at end of input.
    static func read(prompt: String, echo: Bool) -> String? {
        guard stdinIsTerminal else { return readLine(strippingNewline: true) }
        StandardStream.error.write(prompt)
        guard !echo else { return readLine(strippingNewline: true) }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return readLine(strippingNewline: true) }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            StandardStream.error.write("\n")
        }
        return readLine(strippingNewline: true)
    }
}
