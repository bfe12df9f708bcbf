import DealdeckCore
import Foundation
import SyncEngine

/// How `dealdeck sync` shows a run: a redrawn progress bar on a terminal, one plain line per
/// phase (and every few seconds) otherwise, JSON lines with `--json`, nothing with `--quiet`.
/// The summary line at the end says what changed, the verification, API calls and duration.
struct SyncOutput: Sendable {
    enum Mode: Sendable {
        case bar, lines, json, quiet
    }

    let mode: Mode

    /// Prints the events of one run until it ends; returns the outcome the last event carried.
    func follow(_ events: AsyncStream<SyncEvent>) async -> SyncOutcome? {
        var lastDraw = Date.distantPast
        var lastPhase: SyncPhase?
        var started = Date()
        for await event in events {
            switch event {
            case .started(let kind):
                started = Date()
                switch mode {
                case .json: Self.writeJSONLine(SyncEventJSON.started(kind))
                case .lines: Self.write("Syncing (\(kind.rawValue))…\n")
                case .bar, .quiet: break
                }
            case .progress(let progress):
                let now = Date()
                let phaseChanged = progress.phase != lastPhase
                switch mode {
                case .json:
                    Self.writeJSONLine(SyncEventJSON.progress(progress))
                case .bar where phaseChanged || now.timeIntervalSince(lastDraw) >= 0.1:
                    Self.write("\r\u{1B}[2K" + SyncText.bar(progress, width: Self.terminalWidth))
                    lastDraw = now
                case .lines where phaseChanged || now.timeIntervalSince(lastDraw) >= 2:
                    Self.write(SyncText.line(progress) + "\n")
                    lastDraw = now
                default:
                    break
                }
                lastPhase = progress.phase
            case .finished(let run):
                switch mode {
                case .json: Self.writeJSONLine(SyncEventJSON.finished(run))
                case .bar: Self.write("\r\u{1B}[2K" + SyncText.summary(run, seconds: Date().timeIntervalSince(started)) + "\n")
                case .lines: Self.write(SyncText.summary(run, seconds: Date().timeIntervalSince(started)) + "\n")
                case .quiet: break
                }
                return .success(run)
            case .failed(let failure):
                switch mode {
                case .json: Self.writeJSONLine(SyncEventJSON.failed(failure))
                case .bar: Self.write("\r\u{1B}[2K")
                case .lines, .quiet: break
                }
                return .failure(failure)
            }
        }
        return nil
    }

    static func write(_ text: String) {
        StandardStream.output.write(text)
    }

    static func writeJSONLine<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(value) else { return }
        data.append(0x0A)
        StandardStream.output.write(data)
    }

    /// Whether stdout is a terminal (the bar is drawn only then).
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static var terminalWidth: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 80
    }
}

/// The words and numbers of sync output, shared by the bar, the lines and the log table.
enum SyncText {
    /// `Downloading ▕██████▌     ▏ 54%  5,400/10,000  12,345/s  ETA 0:04  7 calls`.
    static func bar(_ progress: SyncProgress, width: Int) -> String {
        var tail = ""
        if let total = progress.recordsTotal { tail += "  \(number(progress.recordsDone))/\(number(total))" } else if progress.recordsDone > 0 {
            tail += "  \(number(progress.recordsDone))"
        }
        if progress.recordsPerSecond > 0 { tail += "  \(number(Int(progress.recordsPerSecond)))/s" }
        if let eta = progress.etaSeconds, eta >= 1 { tail += "  ETA \(clock(eta))" }
        tail += "  \(progress.apiCallsUsed) call\(progress.apiCallsUsed == 1 ? "" : "s")"
        let label = progress.phase.label
        guard let fraction = progress.fraction else { return TerminalText.fit(label + tail, toWidth: width - 1, alignRight: false) }
        let percent = " \(Int((fraction * 100).rounded(.down)))%"
        let barWidth = max(10, min(30, width - 1 - label.count - tail.count - percent.count - 3))
        let cells = fraction * Double(barWidth)
        let full = Int(cells.rounded(.down))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let partial = full < barWidth ? partials[Int((cells - Double(full)) * 8)] : ""
        let filled = String(repeating: "█", count: full) + partial
        let bar = "▕" + filled + String(repeating: " ", count: max(0, barWidth - full - (partial.isEmpty ? 0 : 1))) + "▏"
        return TerminalText.fit(label + " " + bar + percent + tail, toWidth: width - 1, alignRight: false)
    }

    /// `Downloading: page 3, 600/1,000 records, 1,234 records/s, 4 API calls`.
    static func line(_ progress: SyncProgress) -> String {
        var parts: [String] = []
        if progress.pages > 0 { parts.append("page \(progress.pages)") }
        if let total = progress.recordsTotal {
            parts.append("\(number(progress.recordsDone))/\(number(total)) records")
        } else if progress.recordsDone > 0 {
            parts.append("\(number(progress.recordsDone)) records")
        }
        if progress.recordsPerSecond > 0 { parts.append("\(number(Int(progress.recordsPerSecond))) records/s") }
        if let eta = progress.etaSeconds, eta >= 1 { parts.append("ETA \(clock(eta))") }
        parts.append("\(progress.apiCallsUsed) API call\(progress.apiCallsUsed == 1 ? "" : "s")")
        return progress.phase.label + ": " + parts.joined(separator: ", ")
    }

    /// `Synced (incremental): 12 new, 3 updated, 1 deleted, 0 undeleted · verified 2000/2000 · 4 API calls · 1.2 s`.
    static func summary(_ run: SyncRun, seconds: Double) -> String {
        let counts = run.counts
        var text = "Synced (\(run.kind.rawValue)): \(number(counts.new)) new, \(number(counts.updated)) updated, "
        text += "\(number(counts.deleted)) deleted, \(number(counts.undeleted)) undeleted"
        if let verification = run.verification { text += " · " + verification.summary }
        text += " · \(run.apiCallsUsed) API call\(run.apiCallsUsed == 1 ? "" : "s") · " + duration(seconds)
        return text
    }

    static func result(_ run: SyncRun) -> String {
        if let error = run.error { return "failed: " + (run.errorCause ?? error) }
        return run.endedAt == nil ? "running" : "ok"
    }

    /// `1,234,567`.
    static func number(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `0.4 s`, `12 s`, `3 min 05 s`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 60 { return "\(Int(seconds.rounded())) s" }
        let whole = Int(seconds.rounded())
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    /// `4:05`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole >= 3600 { return String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60) }
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }

    /// A local time for the log table: `2025-01-02 14:03`.
    static func localTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
