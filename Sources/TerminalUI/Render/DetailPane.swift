import DealdeckCore
import Foundation

/// The detail pane: the selected opportunity's fields, members, freshness, the "See more
/// details in CRM system" link (plain text always, a hyperlink where the terminal can) and the
/// wrapped description.
public enum DetailPane {
    /// One drawn line: runs of text, each with a role and maybe a link target.
    struct Line {
        var runs: [(text: String, role: ThemeRole, url: String?)]

        init(_ text: String = "", role: ThemeRole = .text, url: String? = nil) {
            runs = text.isEmpty ? [] : [(text, role, url)]
        }
    }

    static func draw(_ state: AppState, in rect: Rect, on canvas: inout Canvas) {
        canvas.fill(rect, role: .text)
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
        guard inner.width > 0, inner.height > 0 else { return }
        let lines = self.lines(state, width: inner.width)
        let scroll = min(state.detail.scroll, max(0, lines.count - inner.height))
        for (offset, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            var x = inner.x
            for run in line.runs {
                if let url = run.url {
                    x += canvas.link(run.text, url: url, x: x, y: inner.y + offset, role: run.role, maxWidth: inner.maxX - x)
                } else {
                    x += canvas.text(run.text, x: x, y: inner.y + offset, role: run.role, maxWidth: inner.maxX - x)
                }
            }
        }
    }

    /// The pane's content laid out for a width.
    static func lines(_ state: AppState, width: Int) -> [Line] {
        guard let detail = state.detail.record, state.list.extent ?? 0 > 0 else {
            let message = state.detail.loadingID != nil ? Strings.loading : (state.list.extent == 0 ? "" : Strings.nothingSelected)
            return TextWrap.wrap(message, width: width).map { Line($0, role: .textDim) }
        }
        let o = detail.opportunity
        var lines = TextWrap.wrap(o.name, width: width).map { Line($0, role: .title) }
        if let deletedAt = detail.deletedAt {
            lines.append(Line(Strings.deletedInSalesforce + " " + Formatting.minute(deletedAt), role: .statusError))
        }
        lines.append(Line())
        let owner = [o.ownerName, o.ownerEmail.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
        let members = detail.members.map { $0.userLoginName + ($0.source == .owner ? " (owner)" : "") }.joined(separator: ", ")
        let synced = detail.syncedAt.map { Formatting.age(of: $0, now: state.now) + " · " + Formatting.minute($0) } ?? "—"
        let fields: [(String, String, ThemeRole)] = [
            ("Amount", AmountFormatting.amount(o.amount, currency: o.currencyIsoCode), .amount),
            ("Stage", o.stageName, OpportunityTable.stageRole(o)),
            ("Probability", AmountFormatting.percent(o.probability), .text),
            ("Close Date", o.closeDate.description, .text),
            ("Account", o.accountName ?? "—", .text),
            ("Owner", owner.isEmpty ? "—" : owner, .text),
            ("Type", o.type ?? "—", .text),
            ("Lead Source", o.leadSource ?? "—", .text),
            ("Next Step", o.nextStep ?? "—", .text),
            ("Forecast Category", o.forecastCategoryName ?? "—", .text),
            ("Members", members.isEmpty ? "—" : members, .text),
            ("Last synced", synced, .text),
            ("ID", o.id.rawValue, .textDim),
        ]
        let labelWidth = width >= 44 ? 18 : 0
        for (label, value, role) in fields {
            if labelWidth == 0 {
                // Narrow panes: label above value, so values keep the whole width.
                lines.append(Line(label, role: .label))
                lines += TextWrap.wrap(value, width: max(1, width - 2)).map { Line("  " + $0, role: role) }
                continue
            }
            let wrapped = TextWrap.wrap(value, width: max(1, width - labelWidth))
            for (index, text) in wrapped.enumerated() {
                var line = Line(index == 0 ? TerminalText.fit(label, toWidth: labelWidth) : String(repeating: " ", count: labelWidth), role: .label)
                line.runs.append((text, role, nil))
                lines.append(line)
            }
        }
        lines.append(Line())
        lines.append(Line(Strings.linkTitle + ":", role: .label))
        if let instanceURL = state.instanceURL {
            let url = RecordLink.url(instanceURL: instanceURL, id: o.id)
            lines += TextWrap.chunks(url, width: width).map { Line($0, role: .link, url: url) }
        } else {
            lines += TextWrap.wrap(Strings.linkNotYet, width: width).map { Line($0, role: .textDim) }
        }
        if let description = o.description, !description.trimmingWhitespace().isEmpty {
            lines.append(Line())
            lines.append(Line(Strings.descriptionTitle, role: .label))
            lines += TextWrap.wrap(description, width: width).map { Line($0, role: .text) }
        }
        return lines
    }
}
