import DealdeckCore

/// Word wrapping by display width (CJK counts two columns), for descriptions and long values.
public enum TextWrap {
    /// Lines of at most `width` columns. Newlines start new lines; words longer than a line are
    /// broken; the text is sanitized first, so wrapping never splits an escape sequence.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in TerminalText.sanitize(text, keepNewlines: true).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var wordWidth = TerminalText.width(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    let (head, rest) = split(word, atWidth: width)
                    lines.append(head)
                    word = rest
                    wordWidth = TerminalText.width(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    /// Cuts text into chunks of at most `width` columns without breaking a grapheme (URLs).
    public static func chunks(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        var rest = TerminalText.sanitize(text)
        while !rest.isEmpty {
            let (head, tail) = split(rest, atWidth: width)
            result.append(head)
            rest = tail
        }
        return result
    }

    private static func split(_ text: String, atWidth width: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let characterWidth = TerminalText.width(of: text[index])
            if used + characterWidth > width && used > 0 { break }
            used += characterWidth
            index = text.index(after: index)
        }
        return (String(text[..<index]), String(text[index...]))
    }
}
