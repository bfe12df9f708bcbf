import CNCursesW
import Foundation
import Glibc
import TerminalUI

extension CursesTerminal {
    /// Reads every key curses has (non-blocking) and reports each as an event, in one place at
    /// the boundary (TermKit's `toAppKeyEvent`).
    func readInput() {
        while true {
            var character: wint_t = 0
            let result = wget_wch(dd_stdscr(), &character)
            if result == dd_err() { return }
            if result == dd_key_code_yes() {
                handleKeyCode(Int32(character))
            } else if let chord = Self.chord(forCharacter: UInt32(character)) {
                emit(.key(chord))
            }
        }
    }

    private func handleKeyCode(_ code: Int32) {
        switch code {
        case KEY_RESIZE:
            updateSize()
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == dd_ok() else { return }
            if let mouse = mouseEvent(event) { emit(.mouse(mouse)) }
        default:
            if let chord = Self.chord(forKeyCode: code) { emit(.key(chord)) }
        }
    }

    func emit(_ event: TerminalEvent) {
        eventContinuation.yield(event)
    }

    /// A character from `get_wch` as a chord: control bytes become Ctrl-letters or special keys.
    static func chord(forCharacter value: UInt32) -> KeyChord? {
        switch value {
        case 10, 13: return .special(.enter)
        case 27: return .special(.escape)
        case 9: return .special(.tab)
        case 127: return .special(.backspace)
        case 0: return .control(" ")
        case 1...26: return Unicode.Scalar(value + 96).map { .control(Character($0)) }
        case 28...31: return nil
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    /// A curses key code as a chord.
    static func chord(forKeyCode code: Int32) -> KeyChord? {
        switch code {
        case KEY_UP: return .special(.up)
        case KEY_DOWN: return .special(.down)
        case KEY_LEFT: return .special(.left)
        case KEY_RIGHT: return .special(.right)
        case KEY_NPAGE: return .special(.pageDown)
        case KEY_PPAGE: return .special(.pageUp)
        case KEY_HOME, KEY_A1: return .special(.home)
        case KEY_END, KEY_C1, KEY_LL: return .special(.end)
        case KEY_ENTER: return .special(.enter)
        case KEY_BACKSPACE: return .special(.backspace)
        case KEY_DC: return .special(.delete)
        case KEY_IC: return .special(.insert)
        case KEY_BTAB: return .special(.backTab)
        default:
            for number in 1...24 where code == dd_key_f(Int32(number)) { return .function(number) }
            return nil
        }
    }

    /// Press is a click (mouseinterval 0 means curses reports presses, not clicks); two presses
    /// on one cell within 400 ms are a double click. Buttons 4 and 5 are the wheel.
    private func mouseEvent(_ event: MEVENT) -> MouseEvent? {
        let position = Position(row: Int(event.y), column: Int(event.x))
        let state = event.bstate
        if state & dd_button4_pressed() != 0 { return MouseEvent(kind: .wheelUp, position: position) }
        if state & dd_button5_pressed() != 0 { return MouseEvent(kind: .wheelDown, position: position) }
        guard state & (dd_button1_pressed() | dd_button1_clicked() | dd_button1_double_clicked()) != 0 else { return nil }
        let now = Date().timeIntervalSince1970
        defer { lastClick = (position, now) }
        if state & dd_button1_double_clicked() != 0 { return MouseEvent(kind: .doubleClick, position: position) }
        if let last = lastClick, last.position == position, now - last.time < 0.4 {
            lastClick = nil
            return MouseEvent(kind: .doubleClick, position: position)
        }
        return MouseEvent(kind: .click, position: position)
    }
}
