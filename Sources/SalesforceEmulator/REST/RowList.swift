/// The rows of a query result: a snapshot table, and the positions in it to visit in order
/// (nil: the whole table as it is).
///
/// Holding positions rather than copied records means a query over 200,000 rows neither
/// retains nor even touches each record before its page is written; records live in separate
/// heap objects, so touching them all costs a cache miss each.
struct RowList<Record: SObjectRecord>: RandomAccessCollection, Sendable {
    let base: [Record]
    let positions: [Int]?

    init(_ base: [Record], positions: [Int]? = nil) {
        self.base = base
        self.positions = positions
    }

    var startIndex: Int { 0 }
    var endIndex: Int { positions?.count ?? base.count }

    subscript(position: Int) -> Record {
        if let positions { return base[positions[position]] }
        return base[position]
    }

    /// Runs `body` with raw access to the rows: `record(i)` is the `i`-th row.
    @inline(__always)
    func withRows<Result>(_ body: ((Int) -> Record) -> Result) -> Result {
        base.withUnsafeBufferPointer { base in
            if let positions {
                return positions.withUnsafeBufferPointer { positions in body { base[positions[$0]] } }
            }
            return body { base[$0] }
        }
    }
}
