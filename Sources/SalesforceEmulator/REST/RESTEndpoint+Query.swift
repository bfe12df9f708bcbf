import DealdeckCore
import Foundation

extension RESTEndpoint {
    /// Default and bounds of the page size (`Sforce-Query-Options: batchSize=N`).
    static let defaultBatchSize = 2000
    static let minimumBatchSize = 200

    /// `GET …/query?q=` and `…/queryAll?q=`: the first page, and a cursor for the rest.
    func query(_ call: Call, includeDeleted: Bool) -> EmulatorResponse {
        guard let text = call.request.queryParameters["q"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return SalesforceError(status: 400, errorCode: "MALFORMED_QUERY", message: "A query string has to be specified").response
        }
        let resolved: SOQLResolvedQuery
        do {
            resolved = try engine.resolve(text)
        } catch {
            return SalesforceError(status: 400, errorCode: error.errorCode, message: error.message).response
        }
        let now = services.clock.now()
        let snapshot = services.org.snapshot()
        guard let outcome = engine.run(resolved, on: snapshot, includeDeleted: includeDeleted, now: now) else {
            return SalesforceError(status: 400, errorCode: "INVALID_TYPE", message: "sObject type '\(resolved.objectName)' is not supported.").response
        }
        switch resolved.selection {
        case .count:
            return .json(200, Array("{\"totalSize\":\(outcome.count ?? outcome.totalSize),\"done\":true,\"records\":[]}".utf8))
        case .countOf:
            let body = "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"AggregateResult\"},\"expr0\":\(outcome.count ?? 0)}]}"
            return .json(200, Array(body.utf8))
        case .fields(let fields):
            guard let layout = RecordLayout(type: outcome.type, paths: fields.map(\.path.components), schema: engine.schema, version: call.version) else {
                return SalesforceError(status: 400, errorCode: "INVALID_FIELD", message: "Unsupported field in query").response
            }
            let batchSize = Self.batchSize(call.request.header("sforce-query-options"))
            let parents = snapshot.parentsOnly
            var locator: String?
            if outcome.rows.count > batchSize {
                locator = cursors.open(
                    sessionID: call.session.id, rows: outcome.rows, layout: layout, parents: parents,
                    totalSize: outcome.totalSize, batchSize: batchSize, now: now)
            }
            return page(
                rows: outcome.rows, range: 0..<min(batchSize, outcome.rows.count), totalSize: outcome.totalSize,
                layout: layout, parents: parents, next: locator.map { "\(call.base)/query/\($0)-\(batchSize)" })
        }
    }

    /// `GET …/query/<locator>-<offset>` (also under `/queryAll/`): a later page.
    func queryPage(_ call: Call, locator text: String) -> EmulatorResponse {
        guard let dash = text.lastIndex(of: "-"), let offset = Int(text[text.index(after: dash)...]), offset >= 0 else {
            return SalesforceError.invalidQueryLocator.response
        }
        let locator = String(text[..<dash])
        let now = services.clock.now()
        guard let cursor = cursors.use(locator, sessionID: call.session.id, now: now, lifetimeSeconds: services.configuration.queryLocatorLifetimeSeconds),
            offset < cursor.rows.count
        else {
            return SalesforceError.invalidQueryLocator.response
        }
        let header = call.request.header("sforce-query-options")
        let batchSize = header == nil ? cursor.batchSize : Self.batchSize(header)
        let end = min(offset + batchSize, cursor.rows.count)
        let next = end < cursor.rows.count ? "\(call.base)/query/\(locator)-\(end)" : nil
        return page(rows: cursor.rows, range: offset..<end, totalSize: cursor.totalSize, layout: cursor.layout, parents: cursor.parents, next: next)
    }

    private func page(rows: QueryRows, range: Range<Int>, totalSize: Int, layout: RecordLayout, parents: OrgTables, next: String?) -> EmulatorResponse {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + range.count * 900)
        bytes.append(contentsOf: "{\"totalSize\":".utf8)
        WireNumberFormat.appendInteger(totalSize, to: &bytes)
        if let next {
            bytes.append(contentsOf: ",\"done\":false,\"nextRecordsUrl\":\"".utf8)
            bytes.append(contentsOf: next.utf8)
            bytes.append(contentsOf: "\",\"records\":[".utf8)
        } else {
            bytes.append(contentsOf: ",\"done\":true,\"records\":[".utf8)
        }
        rows.writeJSON(range, layout: layout, parents: parents, to: &bytes)
        bytes.append(contentsOf: "]}".utf8)
        return .json(200, bytes)
    }

    /// Reads `batchSize=N` from `Sforce-Query-Options`, clamped to 200…2000 as Salesforce does.
    static func batchSize(_ header: String?) -> Int {
        guard let header else { return defaultBatchSize }
        for option in header.split(separator: ",") {
            let parts = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0].lowercased() == "batchsize", let value = Int(parts[1]) {
                return min(max(value, minimumBatchSize), defaultBatchSize)
            }
        }
        return defaultBatchSize
    }
}
