/// A colour as a theme file writes it: `default` (the terminal's own), one of the 16 ANSI
/// names, `colorN` (0–255) or `#rrggbb` (true colour, mapped to the nearest of 256 when the
/// terminal cannot show it).
public enum ThemeColor: Equatable, Hashable, Sendable {
    case terminalDefault
    case ansi(Int)
    case indexed(Int)
    case rgb(red: Int, green: Int, blue: Int)

    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright_black", "bright_red", "bright_green", "bright_yellow", "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
    ]

    public init?(parsing text: String) {
        let lowered = text.trimmingWhitespace().lowercased().replacingAll("-", with: "_")
        if lowered == "default" || lowered == "none" {
            self = .terminalDefault
        } else if let index = Self.ansiNames.firstIndex(of: lowered) {
            self = .ansi(index)
        } else if lowered == "gray" || lowered == "grey" {
            self = .ansi(8)
        } else if lowered.hasPrefix("color"), let number = Int(lowered.dropFirst(5)), (0...255).contains(number) {
            self = .indexed(number)
        } else if lowered.hasPrefix("#"), lowered.count == 7, let value = Int(lowered.dropFirst(), radix: 16) {
            self = .rgb(red: value >> 16 & 0xFF, green: value >> 8 & 0xFF, blue: value & 0xFF)
        } else {
            return nil
        }
    }

    /// The nearest xterm-256 colour index (for terminals without true colour).
    public var nearest256: Int? {
        switch self {
        case .terminalDefault: return nil
        case .ansi(let index), .indexed(let index): return index
        case .rgb(let red, let green, let blue):
            let steps = [0, 95, 135, 175, 215, 255]
            func cube(_ value: Int) -> Int { steps.indices.min { abs(steps[$0] - value) < abs(steps[$1] - value) } ?? 0 }
            let (r, g, b) = (cube(red), cube(green), cube(blue))
            let cubeIndex = 16 + 36 * r + 6 * g + b
            let cubeDistance = abs(steps[r] - red) + abs(steps[g] - green) + abs(steps[b] - blue)
            let gray = max(0, min(23, ((red + green + blue) / 3 - 8) / 10))
            let grayValue = 8 + gray * 10
            let grayDistance = abs(grayValue - red) + abs(grayValue - green) + abs(grayValue - blue)
            return grayDistance < cubeDistance ? 232 + gray : cubeIndex
        }
    }

    /// The nearest of the 8 basic colours (for 8/16-colour terminals).
    public var nearest8: Int? {
        switch self {
        case .terminalDefault: return nil
        case .ansi(let index): return index % 8
        case .indexed(let index) where index < 16: return index % 8
        case .indexed, .rgb:
            guard let rgb = approximateRGB else { return nil }
            let bright = max(rgb.0, rgb.1, rgb.2)
            guard bright > 60 else { return 0 }
            let threshold = bright / 2
            return (rgb.0 > threshold ? 1 : 0) | (rgb.1 > threshold ? 2 : 0) | (rgb.2 > threshold ? 4 : 0)
        }
    }

    private var approximateRGB: (Int, Int, Int)? {
        switch self {
        case .rgb(let red, let green, let blue): return (red, green, blue)
        case .indexed(let index) where index >= 232:
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        case .indexed(let index) where index >= 16:
            let steps = [0, 95, 135, 175, 215, 255]
            let cube = index - 16
            return (steps[cube / 36], steps[cube / 6 % 6], steps[cube % 6])
        default: return nil
        }
    }
}
