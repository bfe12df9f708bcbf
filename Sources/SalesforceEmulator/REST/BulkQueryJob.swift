import DealdeckCore

/// One Bulk API 2.0 query job. The query runs when the job is created (a snapshot, like a
/// cursor); the state then advances one step per status poll, UploadComplete → InProgress →
/// JobComplete, so tests see every state deterministically.
struct BulkQueryJob: Sendable {
    enum State: String, Sendable {
        case uploadComplete = "UploadComplete"
        case inProgress = "InProgress"
        case jobComplete = "JobComplete"
        case aborted = "Aborted"
        case failed = "Failed"
    }

    let id: SalesforceID
    let operation: String
    let object: String
    let createdById: SalesforceID
    let createdDate: SalesforceTimestamp
    var systemModstamp: SalesforceTimestamp
    var state: State
    /// `v62.0`
    let version: String
    let columnDelimiter: String
    let lineEnding: String
    let rows: QueryRows
    /// Field paths in SELECT order (`["Account", "Name"]`).
    let paths: [[String]]
    /// Column headers in SELECT order (`Account.Name`).
    let header: [String]
    let parents: OrgTables
    var polls = 0

    /// The delimiter byte for `columnDelimiter`.
    var delimiterByte: UInt8 {
        switch columnDelimiter {
        case "TAB": return 9
        case "PIPE": return 124
        case "SEMICOLON": return 59
        case "CARET": return 94
        case "BACKQUOTE": return 96
        default: return 44
        }
    }

    static let delimiters = ["COMMA", "TAB", "PIPE", "SEMICOLON", "CARET", "BACKQUOTE"]

    /// Writes the job-info object; `detailed` adds the fields a status poll returns.
    func write(into writer: inout JSONWriter, detailed: Bool) {
        writer.beginObject()
        writer.field("id", id.rawValue)
        writer.field("operation", operation)
        writer.field("object", object)
        writer.field("createdById", createdById.rawValue)
        writer.key("createdDate"); writer.timestamp(createdDate)
        writer.key("systemModstamp"); writer.timestamp(systemModstamp)
        writer.field("state", state.rawValue)
        writer.field("concurrencyMode", "Parallel")
        writer.field("contentType", "CSV")
        writer.key("apiVersion"); writer.rawNumber(String(APIVersion.number(version)) + ".0")
        if detailed {
            writer.field("jobType", "V2Query")
        }
        writer.field("lineEnding", lineEnding)
        writer.field("columnDelimiter", columnDelimiter)
        if detailed {
            writer.field("numberRecordsProcessed", state == .jobComplete ? rows.count : 0)
            writer.field("retries", 0)
            writer.field("totalProcessingTime", state == .jobComplete ? 100 + rows.count / 100 : 0)
            writer.field("isPkChunkingSupported", true)
        }
        writer.endObject()
    }
}
