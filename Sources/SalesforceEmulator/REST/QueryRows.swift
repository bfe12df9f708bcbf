/// The records a query matched, kept in their concrete type so writing a page is specialized
/// code rather than existential calls.
enum QueryRows: Sendable {
    case opportunities(RowList<OpportunityRecord>)
    case accounts(RowList<AccountRecord>)
    case users(RowList<UserRecord>)
    case stages(RowList<OpportunityStageRecord>)

    var count: Int {
        switch self {
        case .opportunities(let rows): return rows.count
        case .accounts(let rows): return rows.count
        case .users(let rows): return rows.count
        case .stages(let rows): return rows.count
        }
    }

    /// `prefix`, rows `range` as comma-separated JSON objects, then `suffix`: a query page.
    func renderPage(
        _ range: Range<Int>, layout: RecordLayout, parents: OrgTables, prefix: [UInt8], suffix: [UInt8], sharedParents: RenderedParents
    ) -> [UInt8] {
        switch self {
        case .opportunities(let rows):
            return layout.renderJSON(rows, range, parents: parents, prefix: prefix, suffix: suffix, sharedParents: sharedParents)
        case .accounts(let rows):
            return layout.renderJSON(rows, range, parents: parents, prefix: prefix, suffix: suffix, sharedParents: sharedParents)
        case .users(let rows):
            return layout.renderJSON(rows, range, parents: parents, prefix: prefix, suffix: suffix, sharedParents: sharedParents)
        case .stages(let rows):
            return layout.renderJSON(rows, range, parents: parents, prefix: prefix, suffix: suffix, sharedParents: sharedParents)
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
}
