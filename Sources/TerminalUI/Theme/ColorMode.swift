import DealdeckCore

/// How many colours the terminal can show, which decides how theme colours are mapped.
public enum ColorMode: String, Equatable, Sendable {
    /// No colour (a dumb terminal, or `NO_COLOR`): attributes only.
    case none
    case basic8
    case basic16
    case indexed256
    /// 24-bit colour (a terminfo entry with direct colour, such as xterm-direct).
    case direct

    /// The mode for a terminal reporting `colors` colours.
    public static func forColorCount(_ colors: Int, noColor: Bool) -> ColorMode {
        if noColor { return .none }
        switch colors {
        case 0x1000000...: return .direct
        case 256...: return .indexed256
        case 16...: return .basic16
        case 8...: return .basic8
        default: return .none
        }
    }

    /// The colour number to give curses, and whether the foreground should be bold to stand in
    /// for a bright ANSI colour the terminal cannot show. -1 is the terminal's default colour.
    public func cursesColor(_ color: ThemeColor) -> (number: Int32, needsBold: Bool) {
        var paletteIndex: Int?
        switch color {
        case .terminalDefault: return (-1, false)
        case .ansi(let index), .indexed(let index): paletteIndex = index
        case .rgb: paletteIndex = nil
        }
        switch self {
        case .none:
            return (-1, false)
        case .basic8:
            let bright = paletteIndex.map { $0 >= 8 && $0 < 16 } ?? false
            return (Int32(color.nearest8 ?? 7), bright)
        case .basic16:
            if let paletteIndex, paletteIndex < 16 { return (Int32(paletteIndex), false) }
            return (Int32(color.nearest8 ?? 7), false)
        case .indexed256:
            return (Int32(color.nearest256 ?? 7), false)
        case .direct:
            if let paletteIndex, paletteIndex < 8 { return (Int32(paletteIndex), false) }
            guard let rgb = XtermPalette.rgb(of: color) else { return (-1, false) }
            // Direct-colour terminfo reads values below 8 as ANSI colours; nudge near-black.
            return (Int32(max(8, rgb.red << 16 | rgb.green << 8 | rgb.blue)), false)
        }
    }
}

/// The xterm 256-colour palette as RGB, for true-colour output and SGR sequences.
public enum XtermPalette {
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    public static func rgb(of color: ThemeColor) -> (red: Int, green: Int, blue: Int)? {
        switch color {
        case .terminalDefault: return nil
        case .rgb(let red, let green, let blue): return (red, green, blue)
        case .ansi(let index), .indexed(let index):
            if index < 16 {
                let value = ansi[max(0, index)]
                return (value.0, value.1, value.2)
            }
            if index >= 232 {
                let level = 8 + (index - 232) * 10
                return (level, level, level)
            }
            let steps = [0, 95, 135, 175, 215, 255]
            let cube = index - 16
            return (steps[cube / 36 % 6], steps[cube / 6 % 6], steps[cube % 6])
        }
    }
}
