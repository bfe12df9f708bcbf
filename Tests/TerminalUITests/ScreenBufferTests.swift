import DealdeckCore
import Testing
@testable import TerminalUI

@Suite struct ScreenBufferTests {
    let theme = ThemeSpec(name: "test", styles: [:])

    func canvas(_ width: Int, _ height: Int) -> Canvas {
        Canvas(buffer: ScreenBuffer(size: Size(width: width, height: height), theme: theme), glyphs: .unicode)
    }

    @Test func wideCharactersTakeTwoCellsAndKeepColumnsAligned() {
        var canvas = canvas(10, 1)
        let used = canvas.text("商談|", x: 0, y: 0, role: .text)
        #expect(used == 5)
        #expect(canvas.buffer[0, 0].grapheme == "商")
        #expect(canvas.buffer[0, 1].isWideContinuation)
        #expect(canvas.buffer[0, 4].grapheme == "|")
        #expect(canvas.buffer.plainText() == "商談|")
    }

    @Test func aWideCharacterThatWouldStraddleTheEdgeIsLeftOut() {
        var canvas = canvas(3, 1)
        let used = canvas.text("a商談", x: 0, y: 0, role: .text)
        #expect(used == 3)
        #expect(canvas.buffer.lineText(0) == "a商")
        var narrow = self.canvas(2, 1)
        narrow.text("a商", x: 0, y: 0, role: .text)
        #expect(narrow.buffer.lineText(0) == "a")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = canvas(6, 1)
        canvas.text("商談", x: 0, y: 0, role: .text)
        canvas.text("x", x: 1, y: 0, role: .text)
        #expect(canvas.buffer.lineText(0) == " x談")
        #expect(!canvas.buffer[0, 1].isWideContinuation)
        canvas.text("y", x: 2, y: 0, role: .text)
        #expect(canvas.buffer.lineText(0) == " xy")
        #expect(!canvas.buffer[0, 3].isWideContinuation)
    }

    @Test func combiningMarksStayWithTheirLetterAndEmojiAreWide() {
        var canvas = canvas(12, 1)
        let used = canvas.text("e\u{301}🚀x", x: 0, y: 0, role: .text)
        #expect(used == 4)
        #expect(canvas.buffer[0, 0].grapheme == "e\u{301}")
        #expect(canvas.buffer[0, 3].grapheme == "x")
    }

    @Test func escapeSequencesNeverReachTheBuffer() {
        var canvas = canvas(30, 1)
        canvas.text("\u{1B}]2;pwned\u{07}\u{202E}x\u{9B}", x: 0, y: 0, role: .text)
        let scalars = canvas.buffer.cells.flatMap { $0.grapheme.unicodeScalars }
        #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(canvas.buffer.lineText(0).hasPrefix("␛]2;pwned␇"))
    }

    @Test func drawingIsClippedToTheGivenRectangle() {
        var canvas = canvas(10, 3)
        canvas.clipped(to: Rect(x: 2, y: 1, width: 3, height: 1)) { canvas in
            canvas.fill(Rect(x: 0, y: 0, width: 10, height: 3), role: .border, with: "#")
            canvas.text("abcdef", x: 0, y: 1, role: .text)
        }
        #expect(canvas.buffer.plainText() == "\n  cde\n")
    }

    @Test func unlimitedWidthDoesNotOverflow() {
        var canvas = canvas(5, 1)
        #expect(canvas.text("hello world", x: 3, y: 0, role: .text, maxWidth: Int.max) == 2)
        #expect(canvas.link("abc", url: "https://x", x: 0, y: 0, role: .link) == 3)
    }

    @Test func linksAreRecordedAsSpansWithTheirURL() {
        var canvas = canvas(20, 2)
        canvas.link("https://a", url: "https://a/b", x: 2, y: 1, role: .link)
        #expect(canvas.buffer.hyperlinks == [Hyperlink(row: 1, column: 2, width: 9, url: "https://a/b")])
    }

    @Test func styledTextMarksEveryRoleChange() {
        var canvas = canvas(12, 1)
        canvas.text("ab", x: 0, y: 0, role: .title)
        canvas.text("cd", x: 3, y: 0, role: .link)
        #expect(canvas.buffer.styledText() == "{title}ab{text} {link}cd")
    }

    @Test func zeroSizedBuffersAreHarmless() {
        var canvas = canvas(0, 0)
        canvas.text("x", x: 0, y: 0, role: .text)
        canvas.fill(Rect(x: -5, y: -5, width: 50, height: 50), role: .text)
        #expect(canvas.buffer.plainText() == "")
    }

    @Test func wrappingCountsDisplayWidth() {
        #expect(TextWrap.wrap("one two three", width: 7) == ["one two", "three"])
        #expect(TextWrap.wrap("商談商談商談", width: 4) == ["商談", "商談", "商談"])
        #expect(TextWrap.wrap("a\nb", width: 5) == ["a", "b"])
        #expect(TextWrap.wrap("abcdefgh", width: 3) == ["abc", "def", "gh"])
        #expect(TextWrap.chunks("https://example.com/x", width: 8) == ["https://", "example.", "com/x"])
        #expect(TextWrap.wrap("x", width: 0).isEmpty)
    }
}
