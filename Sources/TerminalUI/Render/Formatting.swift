import DealdeckCore
import Foundation

/// Small, locale-independent formatting for the UI (so snapshots do not depend on the machine).
public enum Formatting {
    /// `1,000,000`.
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + String(grouped.reversed())
    }

    /// "just now", "5 min ago", "3 h ago", "2 days ago".
    public static func age(from then: Date, to now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(then)))
        switch seconds {
        case ..<45: return "just now"
        case ..<3600: return "\(max(1, (seconds + 30) / 60)) min ago"
        case ..<(48 * 3600): return "\(seconds / 3600) h ago"
        default: return "\(seconds / 86_400) days ago"
        }
    }

    /// The age of a Salesforce timestamp.
    public static func age(of timestamp: SalesforceTimestamp, now: Date) -> String {
        age(from: Date(timeIntervalSince1970: timestamp.secondsSinceEpoch), to: now)
    }

    /// `2025-03-31 14:05Z`: a timestamp people read, to the minute, in UTC.
    public static func minute(_ timestamp: SalesforceTimestamp) -> String {
        let text = timestamp.description
        guard text.count >= 16 else { return text }
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + "Z"
    }
}
