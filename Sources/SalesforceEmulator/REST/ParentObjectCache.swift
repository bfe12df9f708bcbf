import DealdeckCore
import Synchronization

/// The parent objects of a page (`"Account":{…}`, `"Owner":{…}`), each rendered once.
///
/// A page of 2,000 opportunities has perhaps 25 distinct owners and a thousand accounts;
/// rendering each parent once and copying its bytes is much cheaper than walking and escaping
/// it for every row, and keeping the rendered objects for a cursor's later pages (in
/// `RenderedParents`) renders each parent once per query. The first pass (`resolve`) looks
/// parents up in row order and notes which object each row uses; the second (`writeNext`)
/// replays those notes in the same order, so no lookup happens twice.
struct ParentObjectCache {
    /// Rendered objects and where each parent ID's object is, per nested layout.
    struct Table: Sendable {
        var rendered: [[[UInt8]]]
        var positions: [[SalesforceID: Int]]

        init(count: Int) {
            rendered = Array(repeating: [], count: count)
            positions = Array(repeating: [:], count: count)
        }
    }

    private let layout: RecordLayout
    private let parents: OrgTables
    /// Per row and relationship, in order: the rendered object's index, or -1 for `null`.
    private var choices: [Int32] = []
    private var replay = 0

    init(layout: RecordLayout, parents: OrgTables, rows: Int) {
        self.layout = layout
        self.parents = parents
        if !layout.nested.isEmpty { choices.reserveCapacity(rows * layout.nested.count) }
    }

    /// Finds (rendering on first sight) the parent object `record` has through `step`, notes
    /// it for `writeNext`, and returns its size.
    mutating func resolve<Record: SObjectRecord>(_ record: Record, step: RecordLayout.Step, in table: inout Table) -> Int {
        guard case .id(let parentID) = record.value(at: step.slot) else {
            choices.append(-1)
            return 4
        }
        if let position = table.positions[step.nested][parentID] {
            choices.append(Int32(position))
            return table.rendered[step.nested][position].count
        }
        let child = layout.nested[step.nested]
        guard let parent = parents.record(of: child.type, id: parentID) else {
            choices.append(-1)
            return 4
        }
        let bytes = child.renderParent(parent, parents: parents)
        let position = table.rendered[step.nested].count
        table.rendered[step.nested].append(bytes)
        table.positions[step.nested][parentID] = position
        choices.append(Int32(position))
        return bytes.count
    }

    /// Writes the next noted parent object (or `null`).
    mutating func writeNext(step: RecordLayout.Step, from table: Table, to writer: inout RawByteWriter) {
        let choice = choices[replay]
        replay += 1
        if choice < 0 {
            writer.null()
        } else {
            table.rendered[step.nested][Int(choice)].withUnsafeBufferPointer { writer.bytes($0) }
        }
    }
}

/// Parent objects rendered for one cursor, kept for its later pages.
///
/// Pages of one cursor render at the same time (the emulator renders two pages ahead), so
/// the cursor keeps a few tables: a render takes one out, owns it uniquely (adding to it in
/// place), and puts it back when done; a render that finds none free starts a new one. Each
/// table soon holds the cursor's parents, so no render waits for another. (One table shared
/// by copy-on-write copied its dictionaries on every page: a third of the render time.)
final class RenderedParents: Sendable {
    /// More free tables than renders that can overlap would only hold memory.
    private static let maximumTables = QueryCursorStore.prefetchDepth + 1

    private let free = Mutex<[ParentObjectCache.Table]>([])

    /// Runs `body` with a free table for `count` relationships (a new one when none is free).
    func withTable<Result: Sendable>(count: Int, _ body: (inout ParentObjectCache.Table) -> Result) -> Result {
        var table = free.withLock { tables -> ParentObjectCache.Table? in
            guard let index = tables.lastIndex(where: { $0.rendered.count == count }) else { return nil }
            return tables.remove(at: index)
        } ?? ParentObjectCache.Table(count: count)
        let result = body(&table)
        free.withLock { tables in
            if tables.count < Self.maximumTables { tables.append(table) }
        }
        return result
    }
}
