import DealdeckCore
import SalesforceAPI
import SyncEngine

extension SalesforceSource {
    /// Runs the requested parts as one Composite Batch: one round trip, one API call.
    public func batch(_ request: SourceBatchRequest) async throws(SourceError) -> SourceBatchResult {
        enum Part { case describe, query, count, deleted }
        var parts: [Part] = []
        var subrequests: [CompositeSubrequest] = []
        if request.describe {
            parts.append(.describe)
            subrequests.append(CompositeSubrequest(url: client.compositeURL("sobjects/Opportunity/describe")))
        }
        if let soql = request.query {
            parts.append(.query)
            subrequests.append(CompositeSubrequest(url: client.compositeQueryURL(soql, includeDeleted: request.includeDeleted)))
        }
        if let soql = request.count {
            parts.append(.count)
            subrequests.append(CompositeSubrequest(url: client.compositeQueryURL(soql, includeDeleted: false)))
        }
        if let window = request.deletedWindow {
            parts.append(.deleted)
            subrequests.append(CompositeSubrequest(url: client.compositeURL(
                "sobjects/Opportunity/deleted/", query: [("start", window.lowerBound.description), ("end", window.upperBound.description)])))
        }
        guard !subrequests.isEmpty else { return SourceBatchResult() }
        let client = self.client
        let answer = try await call { try await client.compositeBatch(subrequests) }

        var result = SourceBatchResult()
        for (part, subresult) in zip(parts, answer.results) {
            switch part {
            case .describe: result.schema = Self.result { () throws(SourceError) in try Self.schema(subresult) }
            case .query:
                result.page = Self.result { () throws(SourceError) in
                    let page: ManualQueryPage
                    do {
                        page = try client.manualQueryPage(from: subresult, generation: answer.generation)
                    } catch let error as SalesforceAPIError {
                        throw error.sourceError
                    } catch {
                        throw SourceError.other(code: "BATCH", message: String(describing: error))
                    }
                    return try Self.page(page)
                }
            case .count: result.count = Self.result { () throws(SourceError) in try Self.count(subresult) }
            case .deleted: result.deletions = Self.result { () throws(SourceError) in try Self.deletions(subresult) }
            }
        }
        return result
    }

    private static func result<T>(_ body: () throws(SourceError) -> T) -> Result<T, SourceError> {
        do {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }

    private static func object(_ subresult: CompositeSubresult) throws(SourceError) -> SalesforceRecord {
        if let error = subresult.error { throw error.sourceError }
        guard let record = subresult.result.recordValue else {
            throw SourceError.other(code: "MALFORMED_RESPONSE", message: "A batched answer is not a JSON object")
        }
        return record
    }

    private static func schema(_ subresult: CompositeSubresult) throws(SourceError) -> SourceSchema {
        let record = try object(subresult)
        let names = (record["fields"]?.arrayValue ?? []).compactMap { $0.recordValue?.string("name") }
        guard !names.isEmpty else { throw SourceError.other(code: "MALFORMED_RESPONSE", message: "The Opportunity describe lists no fields") }
        return SourceSchema(fields: names, multiCurrency: names.contains { $0.lowercased() == "currencyisocode" })
    }

    private static func count(_ subresult: CompositeSubresult) throws(SourceError) -> Int {
        guard let total = try object(subresult).int("totalSize") else {
            throw SourceError.other(code: "MALFORMED_RESPONSE", message: "A batched COUNT() answer has no totalSize")
        }
        return total
    }

    private static func deletions(_ subresult: CompositeSubresult) throws(SourceError) -> SourceDeletions {
        let record = try object(subresult)
        let ids = (record["deletedRecords"]?.arrayValue ?? []).compactMap { $0.recordValue?.id("id") }
        return SourceDeletions(
            ids: ids, earliestDateAvailable: record.timestamp("earliestDateAvailable"), latestDateCovered: record.timestamp("latestDateCovered"))
    }
}
