import DealdeckCore

/// A Bulk API 2.0 query job, as its status says.
public struct BulkQueryJob: Sendable, Equatable {
    /// `query` (live records) or `queryAll` (deleted and archived ones too).
    public enum Operation: String, Sendable {
        case query
        case queryAll
    }

    /// `750…`.
    public var id: String
    public var operation: String
    public var object: String?
    /// `UploadComplete`, `InProgress`, `JobComplete`, `Failed` or `Aborted`.
    public var state: String
    public var numberRecordsProcessed: Int?
    public var errorMessage: String?

    public init(id: String, operation: String, object: String?, state: String, numberRecordsProcessed: Int? = nil, errorMessage: String? = nil) {
        self.id = id
        self.operation = operation
        self.object = object
        self.state = state
        self.numberRecordsProcessed = numberRecordsProcessed
        self.errorMessage = errorMessage
    }

    public var isComplete: Bool { state == "JobComplete" }
    public var hasFailed: Bool { state == "Failed" || state == "Aborted" }

    init?(_ record: SalesforceRecord) {
        guard let id = record.string("id"), let state = record.string("state") else { return nil }
        self.init(
            id: id, operation: record.string("operation") ?? "query", object: record.string("object"), state: state,
            numberRecordsProcessed: record.int("numberRecordsProcessed"), errorMessage: record.string("errorMessage"))
    }
}

/// One chunk of a job's CSV results.
public struct BulkResultChunk: Sendable, Equatable {
    /// Column names in SELECT order, relationship columns as `Account.Name`.
    public var columns: [String]
    /// Values by column; nil is a null (an empty unquoted CSV field).
    public var rows: [[String?]]
    /// Where the next chunk starts; nil after the last chunk (Salesforce sends the text `null`).
    public var locator: String?

    public init(columns: [String], rows: [[String?]], locator: String?) {
        self.columns = columns
        self.rows = rows
        self.locator = locator
    }

    /// A row as a record (text values; `Account.Name` is found by the dotted name), for callers
    /// that read Bulk and REST rows alike. (Dealdeck's sync reads chunks from their bytes instead:
    /// `queryJobResults(_:locator:maxRecords:reading:)`.)
    public func record(at index: Int) -> SalesforceRecord {
        let row = rows[index]
        var fields: [SalesforceRecord.Field] = []
        fields.reserveCapacity(columns.count)
        for (column, name) in columns.enumerated() {
            let value = column < row.count ? row[column] : nil
            fields.append(SalesforceRecord.Field(name: name, value: value.map(SalesforceValue.string) ?? .null))
        }
        return SalesforceRecord(fields: fields)
    }

    /// Every row as a record.
    public var records: [SalesforceRecord] { rows.indices.map(record(at:)) }
}
