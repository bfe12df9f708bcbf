import DealdeckCore

/// A column of the opportunity list and how it claims width.
struct TableColumn: Equatable {
    enum ID: CaseIterable {
        case mark, name, account, stage, amount, closeDate, probability, owner
    }

    var id: ID
    var title: String
    var sortField: OpportunitySortField?
    var minimumWidth: Int
    /// Width it grows to before flexible columns share the rest; nil for flexible columns.
    var preferredWidth: Int?
    /// Share of the leftover width (flexible columns only).
    var weight: Int
    var alignRight: Bool

    /// All columns in on-screen order.
    static let all: [TableColumn] = [
        TableColumn(id: .mark, title: " ", sortField: nil, minimumWidth: 1, preferredWidth: 1, weight: 0, alignRight: false),
        TableColumn(id: .name, title: "Name", sortField: .name, minimumWidth: 16, preferredWidth: nil, weight: 5, alignRight: false),
        TableColumn(id: .account, title: "Account", sortField: .account, minimumWidth: 10, preferredWidth: nil, weight: 3, alignRight: false),
        TableColumn(id: .stage, title: "Stage", sortField: .stage, minimumWidth: 10, preferredWidth: 15, weight: 0, alignRight: false),
        TableColumn(id: .amount, title: "Amount", sortField: .amount, minimumWidth: 12, preferredWidth: 14, weight: 0, alignRight: true),
        TableColumn(id: .closeDate, title: "Close Date", sortField: .closeDate, minimumWidth: 11, preferredWidth: 11, weight: 0, alignRight: false),
        TableColumn(id: .probability, title: "Prob.", sortField: .probability, minimumWidth: 5, preferredWidth: 5, weight: 0, alignRight: true),
        TableColumn(id: .owner, title: "Owner", sortField: .owner, minimumWidth: 8, preferredWidth: nil, weight: 2, alignRight: false),
    ]

    /// Which columns survive when the list is narrow: first kept, last dropped.
    static let priority: [ID] = [.mark, .name, .amount, .stage, .closeDate, .account, .owner, .probability]

    /// A column placed at an x offset with a width.
    struct Placed: Equatable {
        var column: TableColumn
        var x: Int
        var width: Int
    }

    /// Lays columns out in `width` cells with one space between them: drops the least
    /// important columns until the rest fit, grows fixed columns to their preferred width, and
    /// shares what is left among the flexible ones.
    static func layout(width: Int) -> [Placed] {
        var chosen: [TableColumn] = []
        var used = 0
        for id in priority {
            guard let column = all.first(where: { $0.id == id }) else { continue }
            let cost = column.minimumWidth + (chosen.isEmpty ? 0 : 1)
            // Strict priority: once a column does not fit, no less important one is shown.
            if used + cost > width { break }
            chosen.append(column)
            used += cost
        }
        chosen.sort { lhs, rhs in
            (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
        }
        var widths = chosen.map(\.minimumWidth)
        var extra = width - used
        // Fixed columns grow in priority order: money is never cut while a stage name has room.
        let growOrder = chosen.indices.sorted { (priority.firstIndex(of: chosen[$0].id) ?? 0) < (priority.firstIndex(of: chosen[$1].id) ?? 0) }
        for index in growOrder {
            guard let preferred = chosen[index].preferredWidth, extra > 0 else { continue }
            let grow = min(extra, preferred - widths[index])
            widths[index] += grow
            extra -= grow
        }
        let totalWeight = chosen.reduce(0) { $0 + $1.weight }
        if totalWeight > 0 && extra > 0 {
            var remaining = extra
            for index in chosen.indices where chosen[index].weight > 0 {
                let share = extra * chosen[index].weight / totalWeight
                widths[index] += share
                remaining -= share
            }
            if let first = chosen.firstIndex(where: { $0.weight > 0 }) { widths[first] += remaining }
        }
        var placed: [Placed] = []
        var x = 0
        for (index, column) in chosen.enumerated() {
            placed.append(Placed(column: column, x: x, width: widths[index]))
            x += widths[index] + 1
        }
        return placed
    }
}
