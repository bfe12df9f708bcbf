import DealdeckCore
import Foundation
import Synchronization

extension RESTEndpoint {
    /// Default and bounds of the page size (`Sforce-Query-Options: batchSize=N`).
    static let defaultBatchSize = 2000
    static let minimumBatchSize = 200

    /// `GET …/query?q=` and `…/queryAll?q=`: the first page, and a cursor for the rest.
    func query(_ call: Call, includeDeleted: Bool) async -> EmulatorResponse {
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
            let renderedParents = RenderedParents()
            if outcome.rows.count > batchSize {
                locator = cursors.open(
                    sessionID: call.session.id, rows: outcome.rows, layout: layout, parents: parents, renderedParents: renderedParents,
                    totalSize: outcome.totalSize, batchSize: batchSize, now: now)
            }
            let first = 0..<min(batchSize, outcome.rows.count)
            let body = Self.renderPage(
                rows: outcome.rows, range: first, totalSize: outcome.totalSize, layout: layout, parents: parents,
                renderedParents: renderedParents, next: locator.map { "\(call.base)/query/\($0)-\(batchSize)" })
            if let locator {
                prefetch(locator: locator, after: first.upperBound, batchSize: batchSize, base: call.base, rows: outcome.rows,
                    totalSize: outcome.totalSize, layout: layout, parents: parents, renderedParents: renderedParents)
            }
            return .json(200, body)
        }
    }

    /// `GET …/query/<locator>-<offset>` (also under `/queryAll/`): a later page.
    func queryPage(_ call: Call, locator text: String) async -> EmulatorResponse {
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
        let body: [UInt8]
        if let ready = cursors.takePrefetch(locator: locator, range: offset..<end, base: call.base) {
            body = await ready.value
        } else {
            body = Self.renderPage(
                rows: cursor.rows, range: offset..<end, totalSize: cursor.totalSize, layout: cursor.layout, parents: cursor.parents,
                renderedParents: cursor.renderedParents, next: next)
        }
        prefetch(locator: locator, after: end, batchSize: batchSize, base: call.base, rows: cursor.rows,
            totalSize: cursor.totalSize, layout: cursor.layout, parents: cursor.parents, renderedParents: cursor.renderedParents)
        return .json(200, body)
    }

    /// Starts rendering the pages after the one just served (`QueryCursorStore.prefetchDepth`
    /// of them, each on its own task), so they are ready, or nearly, when the client asks.
    /// Rendering a page takes longer than reading it, so one page ahead kept one core busy
    /// rendering while the other mostly waited; two pages ahead render side by side on both.
    /// Pages come from the cursor's immutable snapshot, so an early render is exactly what a
    /// late one would be.
    private func prefetch(
        locator: String, after start: Int, batchSize: Int, base: String, rows: QueryRows, totalSize: Int, layout: RecordLayout,
        parents: OrgTables, renderedParents: RenderedParents
    ) {
        var pageStart = start
        for _ in 0..<QueryCursorStore.prefetchDepth {
            let end = min(pageStart + batchSize, rows.count)
            guard pageStart < end else { return }
            let range = pageStart..<end
            pageStart = end
            guard !cursors.hasPrefetch(locator: locator, range: range, base: base) else { continue }
            let next = end < rows.count ? "\(base)/query/\(locator)-\(end)" : nil
            let task = Task.detached {
                Self.renderPage(
                    rows: rows, range: range, totalSize: totalSize, layout: layout, parents: parents, renderedParents: renderedParents,
                    next: next)
            }
            cursors.storePrefetch(locator: locator, range: range, base: base, task: task)
        }
    }

    /// One page of query results as JSON bytes.
    static func renderPage(
        rows: QueryRows, range: Range<Int>, totalSize: Int, layout: RecordLayout, parents: OrgTables, renderedParents: RenderedParents,
        next: String?
    ) -> [UInt8] {
        var prefix = Array("{\"totalSize\":".utf8)
        WireNumberFormat.appendInteger(totalSize, to: &prefix)
        if let next {
            prefix.append(contentsOf: ",\"done\":false,\"nextRecordsUrl\":\"".utf8)
            prefix.append(contentsOf: next.utf8)
            prefix.append(contentsOf: "\",\"records\":[".utf8)
        } else {
            prefix.append(contentsOf: ",\"done\":true,\"records\":[".utf8)
        }
        return rows.renderPage(
            range, layout: layout, parents: parents, prefix: prefix, suffix: Array("]}".utf8), sharedParents: renderedParents)
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
