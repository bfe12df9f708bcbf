import DealdeckCore

extension ThemeSpec {
    /// The theme for a terminal that shows no colour (or when `NO_COLOR` is set): colours are
    /// dropped, and roles that were told apart only by colour get attributes instead, so the
    /// selection, the active tab and errors stay visible (TermKit's black-and-white scheme).
    public func attributesOnly() -> ThemeSpec {
        var styles: [ThemeRole: ThemeStyle] = [:]
        for role in ThemeRole.allCases {
            let style = self.style(role)
            var attributes = style.attributes.union(Self.monochromeAttributes[role] ?? [])
            if style.background != .terminalDefault && !style.attributes.contains(.reverse) { attributes.insert(.reverse) }
            styles[role] = ThemeStyle(attributes: attributes)
        }
        return ThemeSpec(name: name, styles: styles)
    }

    /// What each role needs at least, with no colour to lean on.
    static let monochromeAttributes: [ThemeRole: Set<ThemeAttribute>] = [
        .selection: [.reverse], .selectionInactive: [.underline], .tabActive: [.reverse, .bold], .tabDisabled: [.dim],
        .statusBar: [.reverse], .title: [.bold], .header: [.bold, .underline], .statusError: [.bold], .statusWarning: [.bold],
        .helpKey: [.bold], .link: [.underline], .label: [.bold], .stageWon: [.bold], .stageLost: [.dim], .textDim: [.dim],
        .freshnessStale: [.bold], .overlayBorder: [.bold], .progress: [.bold], .inputFocused: [.underline],
    ]
}
