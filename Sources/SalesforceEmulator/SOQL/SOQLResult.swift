/// What a query returns over a set of records.
public struct SOQLResult<Record> {
    /// The selected records in result order, after OFFSET and LIMIT; empty for COUNT queries.
    public var records: [Record]
    /// Salesforce's `totalSize`: the number of rows the query returns over all its pages
    /// (after OFFSET and LIMIT); for `COUNT()` the count; for `COUNT(field)` one aggregate row.
    public var totalSize: Int
    /// The value of `COUNT()` or `COUNT(field)`; nil for field queries.
    public var count: Int?

    public init(records: [Record], totalSize: Int, count: Int? = nil) {
        self.records = records
        self.totalSize = totalSize
        self.count = count
    }
}

extension SOQLResult: Sendable where Record: Sendable {}
