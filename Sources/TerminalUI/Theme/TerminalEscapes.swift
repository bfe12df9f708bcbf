import DealdeckCore
import Foundation

/// The few escape sequences Dealdeck writes itself, around curses: OSC 52 (copy to the
/// clipboard, which also works over SSH) and OSC 8 (hyperlinks), with the SGR to redraw a span
/// in its role's style. Pure, so the exact bytes are unit-tested.
public enum TerminalEscapes {
    static let escape = "\u{1B}"
    static let bell = "\u{07}"
    static let stringTerminator = "\u{1B}\\"

    /// Sets the system clipboard to `text`.
    public static func copyToClipboard(_ text: String) -> String {
        escape + "]52;c;" + Data(text.utf8).base64EncodedString() + bell
    }

    /// Whether a URL is safe inside OSC 8: printable ASCII only, so it cannot end the sequence
    /// early or smuggle in another one.
    public static func isSafeURL(_ url: String) -> Bool {
        !url.isEmpty && url.utf8.count <= 2000 && url.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }

    /// Rewrites `text` at a 0-based position as a hyperlink to `url`, in the given SGR style,
    /// saving and restoring the cursor and attributes (DECSC/DECRC) so curses's idea of the
    /// terminal stays true. Nil when the URL is not safe to embed.
    public static func hyperlink(_ url: String, text: String, row: Int, column: Int, sgr: String) -> String? {
        guard isSafeURL(url) else { return nil }
        let safeText = TerminalText.sanitize(text)
        return escape + "7" + escape + "[\(row + 1);\(column + 1)H" + sgr + escape + "]8;;" + url + stringTerminator + safeText
            + escape + "]8;;" + stringTerminator + escape + "[0m" + escape + "8"
    }

    /// The SGR sequence that draws a style in a colour mode (what curses would send).
    public static func sgr(_ style: ThemeStyle, mode: ColorMode) -> String {
        var codes = ["0"]
        let attributes = style.attributes
        if attributes.contains(.bold) { codes.append("1") }
        if attributes.contains(.dim) { codes.append("2") }
        if attributes.contains(.italic) { codes.append("3") }
        if attributes.contains(.underline) { codes.append("4") }
        if attributes.contains(.reverse) { codes.append("7") }
        if mode != .none {
            codes += colorCodes(style.foreground, mode: mode, base: 30)
            codes += colorCodes(style.background, mode: mode, base: 40)
        }
        return escape + "[" + codes.joined(separator: ";") + "m"
    }

    private static func colorCodes(_ color: ThemeColor, mode: ColorMode, base: Int) -> [String] {
        let (number, needsBold) = mode.cursesColor(color)
        guard number >= 0 else { return [] }
        var codes: [String] = []
        if needsBold && base == 30 { codes.append("1") }
        switch mode {
        case .none:
            return []
        case .basic8:
            codes.append(String(base + Int(number)))
        case .basic16, .indexed256:
            if number < 8 {
                codes.append(String(base + Int(number)))
            } else if number < 16 {
                codes.append(String(base + 60 + Int(number) - 8))
            } else {
                codes += [String(base + 8), "5", String(number)]
            }
        case .direct:
            if number < 8 {
                codes.append(String(base + Int(number)))
            } else {
                codes += [String(base + 8), "2", String(number >> 16 & 0xFF), String(number >> 8 & 0xFF), String(number & 0xFF)]
            }
        }
        return codes
    }
}
