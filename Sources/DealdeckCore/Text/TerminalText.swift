/// Making untrusted text safe and measurable for a terminal.
///
/// Everything that comes from Salesforce passes through `sanitize` before display: control
/// characters become visible control pictures (ESC → ␛), so escape sequences (`\e]2;pwned\a`),
/// and bidi overrides (which reorder what is shown) become inert. Widths are in terminal
/// columns per grapheme cluster: CJK and emoji take two, combining marks none.
public enum TerminalText {
    /// Replaces control characters, bidi controls and other invisible format characters with
    /// visible stand-ins. Newlines and tabs become spaces unless `keepNewlines` is set.
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isUnsafe(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0A && keepNewlines {
                result.append(scalar)
            } else if value == 0x09 || value == 0x0A || value == 0x0D {
                result.append(" ")
            } else if value < 0x20 {
                result.append(Unicode.Scalar(0x2400 + value) ?? "?")  // ␀…␟ control pictures
            } else if value == 0x7F {
                result.append("\u{2421}")  // ␡
            } else if (0x80...0x9F).contains(value) {
                result.append("\u{FFFD}")
            } else if isBidiControl(value) || isInvisibleFormat(value) {
                result.append("\u{FFFD}")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || isBidiControl(value) || isInvisibleFormat(value)
    }

    private static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x061C
    }

    /// Line/paragraph separators and other format characters some terminals act on.
    private static func isInvisibleFormat(_ value: UInt32) -> Bool {
        value == 0x2028 || value == 0x2029 || value == 0xFEFF || (0xFFF9...0xFFFB).contains(value)
    }

    /// Terminal columns the text occupies.
    public static func width(_ text: String) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// Terminal columns of one grapheme cluster: 0, 1 or 2.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        var sawVisible = false
        for scalar in scalars {
            if isWide(scalar) || scalar.properties.isEmojiPresentation { return 2 }
            if scalar.value == 0xFE0F && scalar != first { return 2 }  // emoji presentation selector
            if !isZeroWidth(scalar) { sawVisible = true }
        }
        return sawVisible ? 1 : 0
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value == 0x200B
        }
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15), as terminals render them.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value) || (0x3041...0x33FF).contains(value)
            || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xA000...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
            || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value)
            || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
    }

    /// Cuts the text to at most `width` columns, ending with `…` when something was cut.
    /// A wide character that would straddle the edge is dropped, never split.
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        guard self.width(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = self.width(of: character)
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    /// Truncates or pads with spaces to exactly `width` columns.
    public static func fit(_ text: String, toWidth width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, toWidth: width)
        let padding = String(repeating: " ", count: max(0, width - self.width(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
