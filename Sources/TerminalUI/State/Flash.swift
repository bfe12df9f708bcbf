import Foundation

/// A transient message in the status bar (k9s's flash model): it expires on its own.
public struct Flash: Equatable, Sendable {
    public enum Level: String, Equatable, Sendable {
        case info, success, warning, error
    }

    public var level: Level
    public var text: String
    /// When it disappears; nil keeps it until the next message.
    public var expiresAt: Date?

    public init(level: Level, text: String, expiresAt: Date? = nil) {
        self.level = level
        self.text = text
        self.expiresAt = expiresAt
    }

    /// How long each level stays: errors long enough to read a sentence and act on it.
    static func lifetime(_ level: Level) -> TimeInterval {
        switch level {
        case .info: return 5
        case .success: return 15
        case .warning: return 15
        case .error: return 60
        }
    }
}
