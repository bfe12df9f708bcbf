import DealdeckCore

/// The `?` overlay: every command with its keys, grouped, generated from the keymap, then the
/// filter syntax and the command line. Scrolls when the terminal is short.
public enum HelpOverlay {
    /// One line of the overlay.
    public struct Line: Equatable, Sendable {
        public var keys: String
        public var text: String
        public var role: ThemeRole

        public init(keys: String = "", text: String, role: ThemeRole) {
            self.keys = keys
            self.text = text
            self.role = role
        }
    }

    static let keyColumn = 22

    public static func lines(keymap: Keymap) -> [Line] {
        var lines: [Line] = []
        for group in Command.groups {
            lines.append(Line(text: group, role: .title))
            for command in Command.allCases where command.info.group == group {
                let keys = keymap.chords(for: command).map(\.description).joined(separator: " ")
                lines.append(Line(keys: keys.isEmpty ? Strings.unbound : keys, text: command.info.help, role: .helpText))
            }
            lines.append(Line(text: "", role: .helpText))
        }
        lines += Strings.helpFooter.map { Line(text: $0, role: $0.hasPrefix(" ") ? .helpText : .title) }
        return lines
    }

    /// The overlay's frame for a screen size: below the tabs, above the status bar.
    static func frame(for size: Size) -> Rect {
        let width = min(size.width - 2, 96)
        let height = size.height - 3
        return Rect(x: (size.width - width) / 2, y: 1, width: width, height: height)
    }

    /// How many lines show at once.
    public static func visibleLines(for size: Size) -> Int {
        max(1, frame(for: size).height - 2)
    }

    static func draw(_ state: AppState, scroll: Int, on canvas: inout Canvas) {
        let frame = frame(for: state.size)
        guard frame.width > 4, frame.height > 2 else { return }
        canvas.fill(frame, role: .overlay)
        canvas.box(frame, role: .overlayBorder, title: Strings.helpTitle + " (Esc closes)", titleRole: .overlayBorder)
        let inner = frame.inset(by: 1)
        let all = lines(keymap: state.keymap)
        let keyWidth = min(keyColumn, inner.width / 3)
        canvas.clipped(to: inner) { canvas in
            for (offset, line) in all.dropFirst(scroll).prefix(inner.height).enumerated() {
                let y = inner.y + offset
                if line.keys.isEmpty {
                    canvas.text(line.text, x: inner.x + 1, y: y, role: line.role)
                } else {
                    canvas.fitted(line.keys, x: inner.x + 2, y: y, width: keyWidth, role: line.keys == Strings.unbound ? .textDim : .helpKey)
                    canvas.text(line.text, x: inner.x + 3 + keyWidth, y: y, role: line.role)
                }
            }
        }
        if all.count > inner.height {
            let more = "\(min(all.count, scroll + inner.height))/\(all.count)"
            canvas.text(" " + more + " ", x: frame.maxX - more.count - 4, y: frame.maxY - 1, role: .overlayBorder)
        }
    }
}
