import DealdeckCore

extension AppReducer {
    /// Looks the key up in the scopes of the current mode; in text input, unbound printable
    /// keys are typed.
    static func handleKey(_ chord: KeyChord, _ state: inout AppState) -> [Effect] {
        if let command = state.keymap.command(for: chord, in: state.mode.scopes) {
            return run(command, &state)
        }
        guard let character = chord.insertableCharacter else { return [] }
        switch state.mode {
        case .filter(var field, let previous):
            field.insert(character)
            state.mode = .filter(field, previous: previous)
            return applyFilterText(field.text, &state)
        case .command(var field):
            field.insert(character)
            state.mode = .command(field)
            return []
        case .normal, .help:
            return []
        }
    }

    /// Runs one command. Commands of another mode's scope do nothing, so a stray `.command`
    /// action cannot break the mode logic.
    static func run(_ command: Command, _ state: inout AppState) -> [Effect] {
        switch command.info.scope {
        case .textInput: return runTextInput(command, &state)
        case .help: return runHelp(command, &state)
        case .global, .list: break
        }
        let visible = Layout(state).visibleRows
        switch command {
        case .quit:
            state.shouldQuit = true
            return [.quit]
        case .help:
            if case .help = state.mode {
                state.mode = .normal
            } else {
                state.mode = .help(scroll: 0)
            }
            return []
        case .redraw: return [.redraw]
        case .suspend: return [.suspend]
        case .moveDown: return move(by: 1, &state)
        case .moveUp: return move(by: -1, &state)
        case .pageDown: return move(by: visible, scroll: visible, &state)
        case .pageUp: return move(by: -visible, scroll: -visible, &state)
        case .first: return moveTo(0, &state)
        case .last: return moveToLast(&state)
        case .filter:
            state.mode = .filter(TextField(text: state.list.query.filterText), previous: state.list.query.filterText)
            return []
        case .commandLine:
            state.mode = .command(TextField())
            return []
        case .back:
            // A warning or error panel says "Esc closes", so Esc closes it first.
            if let level = state.flash?.level, level == .error || level == .warning {
                state.flash = nil
                return []
            }
            if state.detail.isZoomed {
                state.detail.isZoomed = false
                return ensureWindow(&state)
            }
            if !state.list.query.filterText.isEmpty || state.filterError != nil {
                state.filterError = nil
                return applyFilterText("", &state)
            }
            state.flash = nil
            return []
        case .nextTab, .previousTab: return switchTab(state.tab == .mine ? .all : .mine, &state)
        case .myOpportunities: return switchTab(.mine, &state)
        case .allOpportunities: return switchTab(.all, &state)
        case .sortNext: return stepSort(by: 1, &state)
        case .sortPrevious: return stepSort(by: -1, &state)
        case .sortReverse:
            var sort = state.list.query.sort
            sort.descending.toggle()
            return setSort(sort, &state)
        case .sortByName: return sortBy(.name, &state)
        case .sortByAccount: return sortBy(.account, &state)
        case .sortByStage: return sortBy(.stage, &state)
        case .sortByAmount: return sortBy(.amount, &state)
        case .sortByCloseDate: return sortBy(.closeDate, &state)
        case .sortByProbability: return sortBy(.probability, &state)
        case .sortByOwner: return sortBy(.owner, &state)
        case .toggleDetail:
            state.detail.isVisible.toggle()
            state.detail.isZoomed = false
            return ensureWindow(&state) + syncDetail(&state)
        case .zoomDetail:
            state.detail.isZoomed.toggle()
            if state.detail.isZoomed { state.detail.isVisible = true }
            return ensureWindow(&state) + syncDetail(&state)
        case .detailScrollDown:
            state.detail.scroll += max(1, (Layout(state).detail?.height ?? 2) / 2)
            return []
        case .detailScrollUp:
            state.detail.scroll = max(0, state.detail.scroll - max(1, (Layout(state).detail?.height ?? 2) / 2))
            return []
        case .openLink:
            guard let link = linkOrExplain(&state) else { return [] }
            flash(.info, Strings.opening(link), &state)
            return [.openURL(link)]
        case .copyLink:
            guard let link = linkOrExplain(&state) else { return [] }
            return [.copyToClipboard(link)]
        case .sync: return startSync(.incremental, &state)
        case .fullSync: return startSync(.full, &state)
        case .nextTheme:
            let themes = state.availableThemes
            guard !themes.isEmpty else { return [] }
            let index = themes.firstIndex(of: state.themeName) ?? -1
            return [.loadTheme(themes[(index + 1) % themes.count])]
        case .closeHelp, .helpDown, .helpUp, .helpPageDown, .helpPageUp, .accept, .cancel, .deleteBackward, .deleteWord, .clearInput:
            return []
        }
    }

    /// The selected record's link, or nil after saying why there is none.
    private static func linkOrExplain(_ state: inout AppState) -> String? {
        if let link = state.selectedLink { return link }
        flash(.warning, state.list.selectedRow == nil ? Strings.noSelection : Strings.noLinkToOpen, &state)
        return nil
    }

    private static func runTextInput(_ command: Command, _ state: inout AppState) -> [Effect] {
        switch state.mode {
        case .filter(var field, let previous):
            switch command {
            case .accept:
                if let error = state.filterError {
                    flash(.warning, error + " " + Strings.needsAcceptableFilter, &state)
                    return []
                }
                state.mode = .normal
                return []
            case .cancel:
                state.mode = .normal
                state.filterError = nil
                return applyFilterText(previous, &state)
            case .deleteBackward: field.deleteBackward()
            case .deleteWord: field.deleteWord()
            case .clearInput: field.clear()
            default: return []
            }
            state.mode = .filter(field, previous: previous)
            return applyFilterText(field.text, &state)
        case .command(var field):
            switch command {
            case .accept:
                state.mode = .normal
                return runColonCommand(field.text, &state)
            case .cancel:
                state.mode = .normal
                return []
            case .deleteBackward:
                if field.text.isEmpty {
                    state.mode = .normal
                    return []
                }
                field.deleteBackward()
            case .deleteWord: field.deleteWord()
            case .clearInput: field.clear()
            default: return []
            }
            state.mode = .command(field)
            return []
        case .normal, .help:
            return []
        }
    }

    private static func runHelp(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard case .help(let scroll) = state.mode else { return [] }
        let page = max(1, HelpOverlay.visibleLines(for: state.size))
        switch command {
        case .closeHelp: state.mode = .normal
        case .helpDown: state.mode = .help(scroll: scroll + 1)
        case .helpUp: state.mode = .help(scroll: scroll - 1)
        case .helpPageDown: state.mode = .help(scroll: scroll + page)
        case .helpPageUp: state.mode = .help(scroll: scroll - page)
        default: return []
        }
        clampHelpScroll(&state)
        return []
    }

    static func clampHelpScroll(_ state: inout AppState) {
        guard case .help(let scroll) = state.mode else { return }
        let maximum = max(0, HelpOverlay.lines(keymap: state.keymap).count - HelpOverlay.visibleLines(for: state.size))
        state.mode = .help(scroll: min(max(0, scroll), maximum))
    }

    static func runColonCommand(_ text: String, _ state: inout AppState) -> [Effect] {
        guard !text.trimmingCharacters(in: " ").isEmpty else { return [] }
        switch ColonCommand.parse(text) {
        case .failure(let error):
            flash(.error, error.message, &state)
            return []
        case .success(let command):
            switch command {
            case .quit: return run(.quit, &state)
            case .help:
                state.mode = .help(scroll: 0)
                return []
            case .sort(let sort): return setSort(sort, &state)
            case .theme(let name?): return [.loadTheme(name)]
            case .theme(nil):
                flash(.info, Strings.themes(state.availableThemes, current: state.themeName), &state)
                return []
            case .filter(let text):
                let effects = applyFilterText(text, &state)
                if let error = state.filterError { flash(.error, error, &state) }
                return effects
            case .tab(let tab): return switchTab(tab, &state)
            case .sync(let kind): return startSync(kind, &state)
            case .open: return run(.openLink, &state)
            case .copy: return run(.copyLink, &state)
            case .detail: return run(.toggleDetail, &state)
            case .mouse(let wanted):
                state.mouseEnabled = wanted ?? !state.mouseEnabled
                flash(.info, state.mouseEnabled ? Strings.mouseOn : Strings.mouseOff, &state)
                return [.setMouse(state.mouseEnabled)]
            case .goTo(let row): return moveTo(row - 1, &state)
            }
        }
    }
}
