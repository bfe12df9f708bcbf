import DealdeckCore

/// The top row: the two list tabs and who is signed in.
public enum TabBar {
    struct Segment {
        var tab: ListTab
        var label: String
        var role: ThemeRole
        var columns: Range<Int>
    }

    static func segments(_ state: AppState) -> [Segment] {
        var segments: [Segment] = []
        var x = 0
        for tab in ListTab.allCases {
            var label = " " + (tab == .mine ? Strings.myOpportunities : Strings.allOpportunities)
            let role: ThemeRole
            if tab == .all && !state.user.isAdmin {
                label += " (\(Strings.adminsOnly))"
                role = .tabDisabled
            } else if tab == state.tab {
                if let total = state.list.total { label += " " + Formatting.count(total) }
                role = .tabActive
            } else {
                role = .tab
            }
            label += " "
            let width = TerminalText.width(label)
            segments.append(Segment(tab: tab, label: label, role: role, columns: x..<(x + width)))
            x += width + 1
        }
        return segments
    }

    static func draw(_ state: AppState, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, role: .text)
        for segment in segments(state) {
            canvas.text(segment.label, x: rect.x + segment.columns.lowerBound, y: rect.y, role: segment.role, maxWidth: rect.maxX - segment.columns.lowerBound)
        }
        let user = " " + state.user.loginName + (state.user.isAdmin ? " (admin)" : "") + " "
        let end = segments(state).last?.columns.upperBound ?? 0
        let userWidth = TerminalText.width(user)
        if rect.width - end > userWidth + 2 {
            canvas.text(user, x: rect.maxX - userWidth, y: rect.y, role: .textDim)
        }
    }

    /// The tab under a column, for mouse clicks.
    public static func tab(at column: Int, state: AppState) -> ListTab? {
        segments(state).first { $0.columns.contains(column) }?.tab
    }
}
