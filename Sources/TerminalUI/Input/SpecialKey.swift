/// Keys that are not characters.
public enum SpecialKey: String, CaseIterable, Hashable, Sendable {
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete, insert
}
