/// The records a query matched, kept in their concrete type so writing a page is specialized
/// code rather than existential calls.
enum QueryRows: Sendable {
    case opportunities([OpportunityRecord])
    case accounts([AccountRecord])
    case users([UserRecord])
    case stages([OpportunityStageRecord])

    var count: Int {
        switch self {
        case .opportunities(let rows): return rows.count
        case .accounts(let rows): return rows.count
        case .users(let rows): return rows.count
        case .stages(let rows): return rows.count
        }
    }

    /// Writes rows `range` as comma-separated JSON objects.
    func writeJSON(_ range: Range<Int>, layout: RecordLayout, parents: OrgTables, to bytes: inout [UInt8]) {
        switch self {
        case .opportunities(let rows): Self.write(rows, range, layout, parents, &bytes)
        case .accounts(let rows): Self.write(rows, range, layout, parents, &bytes)
        case .users(let rows): Self.write(rows, range, layout, parents, &bytes)
        case .stages(let rows): Self.write(rows, range, layout, parents, &bytes)
        }
    }

    /// Calls `body` with each row in `range` (the CSV writer).
    func forEach(in range: Range<Int>, _ body: (any SObjectRecord) -> Void) {
        switch self {
        case .opportunities(let rows): for index in range { body(rows[index]) }
        case .accounts(let rows): for index in range { body(rows[index]) }
        case .users(let rows): for index in range { body(rows[index]) }
        case .stages(let rows): for index in range { body(rows[index]) }
        }
    }

    private static func write<Record: SObjectRecord>(
        _ rows: [Record], _ range: Range<Int>, _ layout: RecordLayout, _ parents: OrgTables, _ bytes: inout [UInt8]
    ) {
        var first = true
        for index in range {
            if first { first = false } else { bytes.append(44) }
            layout.write(rows[index], parents: parents, to: &bytes)
        }
    }
}
