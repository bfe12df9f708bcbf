import CNCursesW
import DealdeckCore
import TerminalUI

/// A theme turned into curses attributes and colour pairs, once per theme (lazygit's
/// `UpdateTheme`), so presenting a cell is a table lookup.
struct CursesPalette {
    struct Style {
        var attributes: attr_t
        var pair: Int32
    }

    /// The theme as drawn (attributes only when the terminal has no colour).
    let theme: ThemeSpec
    let source: ThemeSpec
    let mode: ColorMode
    private var styles: [ThemeRole: Style] = [:]

    init(theme: ThemeSpec, mode: ColorMode, pairs: inout ColorPairCache) {
        source = theme
        self.mode = mode
        self.theme = mode == .none ? theme.attributesOnly() : theme
        for role in ThemeRole.allCases {
            let style = self.theme.style(role)
            var attributes = Self.attributes(style.attributes)
            var pair: Int32 = 0
            if mode != .none {
                let foreground = mode.cursesColor(style.foreground)
                let background = mode.cursesColor(style.background)
                if foreground.needsBold { attributes |= dd_a_bold() }
                pair = pairs.pair(foreground: foreground.number, background: background.number)
            }
            styles[role] = Style(attributes: attributes, pair: pair)
        }
    }

    func style(_ role: ThemeRole) -> Style {
        styles[role] ?? Style(attributes: dd_a_normal(), pair: 0)
    }

    /// The SGR sequence for a role, to redraw a span around curses (hyperlinks).
    func sgr(_ role: ThemeRole) -> String {
        TerminalEscapes.sgr(theme.style(role), mode: mode)
    }

    static func attributes(_ set: Set<ThemeAttribute>) -> attr_t {
        var result = dd_a_normal()
        if set.contains(.bold) { result |= dd_a_bold() }
        if set.contains(.dim) { result |= dd_a_dim() }
        if set.contains(.italic) { result |= dd_a_italic() }
        if set.contains(.underline) { result |= dd_a_underline() }
        if set.contains(.reverse) { result |= dd_a_reverse() }
        return result
    }
}
