import NIOCore

/// One page of a SOQL query: `totalSize` is the whole query's count, not the page's.
public struct QueryPage: Sendable, Equatable {
    public var totalSize: Int
    public var done: Bool
    /// The next page's path, when `done` is false.
    public var nextRecordsURL: String?
    public var records: [SalesforceRecord]

    public init(totalSize: Int, done: Bool, nextRecordsURL: String?, records: [SalesforceRecord]) {
        self.totalSize = totalSize
        self.done = done
        self.nextRecordsURL = nextRecordsURL
        self.records = records
    }

    /// Reads a query answer in one pass.
    static func parse(_ buffer: ByteBuffer) throws -> QueryPage {
        do {
            return try buffer.withUnsafeReadableBytes { bytes throws(JSONScanner.Failure) in
                var scanner = JSONScanner(bytes)
                var page = QueryPage(totalSize: 0, done: true, nextRecordsURL: nil, records: [])
                var sawDone = false
                try scanner.forEachMember { (name, scanner) throws(JSONScanner.Failure) in
                    switch name {
                    case "totalSize": page.totalSize = try scanner.integer()
                    case "done":
                        page.done = try scanner.bool()
                        sawDone = true
                    case "nextRecordsUrl":
                        page.nextRecordsURL = try scanner.consumeNull() ? nil : try scanner.string(intern: false)
                    case "records":
                        var records: [SalesforceRecord] = []
                        try scanner.forEachElement { (scanner) throws(JSONScanner.Failure) in records.append(try scanner.object()) }
                        page.records = records
                    default: try scanner.skipValue()
                    }
                }
                try scanner.expectEnd()
                // jsforce copes with a missing `done` the same way: a next URL means more to come.
                if !sawDone { page.done = page.nextRecordsURL == nil }
                return page
            }
        } catch {
            throw SalesforceAPIError.malformedResponse("a query page is not valid JSON (\(error.message) at byte \(error.offset))")
        }
    }
}
