import DealdeckCore
import Foundation

/// The status bar: sync progress or the latest message at the left; position and the age of
/// the last sync at the right, always, so stale data never looks fresh.
enum StatusLine {
    static func draw(_ state: AppState, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, role: .statusBar)
        let right = rightText(state)
        let rightWidth = TerminalText.width(right)
        let rightRole: ThemeRole = isStale(state) ? .statusWarning : .statusBar
        let leftWidth = max(0, rect.width - rightWidth - 2)
        if rightWidth + 1 <= rect.width {
            canvas.text(right, x: rect.maxX - rightWidth - 1, y: rect.y, role: rightRole)
        }
        var x = rect.x + 1
        let limit = rect.x + leftWidth
        // A message (an answer to a key) goes first; the progress comes back when it expires.
        if let flash = state.flash {
            canvas.text(flash.text, x: x, y: rect.y, role: role(flash.level), maxWidth: limit - x)
        } else if let running = state.sync.running {
            let spinner = canvas.glyphs.spinner
            let frame = spinner.isEmpty ? "" : String(spinner[Int(state.now.timeIntervalSince1970 * 4) % spinner.count]) + " "
            let title = Strings.syncTitle(running)
            let progress = running.progress.map(Strings.progressText) ?? "starting…"
            x += canvas.text(frame + title + progress, x: x, y: rect.y, role: .progress, maxWidth: limit - x)
            if let fraction = running.progress?.fraction, limit - x >= 14 {
                let barWidth = min(20, limit - x - 2)
                let filled = Int(Double(barWidth) * fraction)
                let bar = String(repeating: canvas.glyphs.barFull, count: filled) + String(repeating: canvas.glyphs.barEmpty, count: barWidth - filled)
                canvas.text(bar, x: x + 2, y: rect.y, role: .progress)
            }
        }
    }

    /// Columns the left side has for a message.
    static func messageWidth(_ state: AppState, width: Int) -> Int {
        max(0, width - TerminalText.width(rightText(state)) - 3)
    }

    static func role(_ level: Flash.Level) -> ThemeRole {
        switch level {
        case .info: return .statusInfo
        case .success: return .statusSuccess
        case .warning: return .statusWarning
        case .error: return .statusError
        }
    }

    /// "12/2,000 · synced 5 min ago".
    static func rightText(_ state: AppState) -> String {
        var parts: [String] = []
        if let total = state.list.total, total > 0 {
            parts.append(Formatting.count(state.list.selected + 1) + "/" + Formatting.count(total))
        } else if state.list.total == nil, let extent = state.list.extent, extent > 0 {
            // Rows are shown before the count arrives: "12/135+" until then.
            parts.append(Formatting.count(state.list.selected + 1) + "/" + Formatting.count(extent) + "+")
        }
        if let last = state.sync.lastSuccessAt {
            parts.append(Strings.syncedAgo(Formatting.age(of: last, now: state.now)))
        } else {
            parts.append(Strings.neverSynced)
        }
        return parts.joined(separator: " · ")
    }

    /// Over a day since the last sync (or never): the age is drawn as a warning.
    static func isStale(_ state: AppState) -> Bool {
        guard let last = state.sync.lastSuccessAt else { return true }
        return state.now.timeIntervalSince1970 - last.secondsSinceEpoch > 86_400
    }
}
