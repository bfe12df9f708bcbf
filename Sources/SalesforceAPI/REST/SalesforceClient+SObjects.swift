import DealdeckCore
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

extension SalesforceClient {
    /// `sobjects/<name>/describe`: fields, types, picklists.
    public func describe(sObject name: String) async throws -> SObjectDescription {
        let sent = try await send(.GET, "\(dataPath)/sobjects/\(FormEncoding.component(name))/describe")
        do {
            return try JSONDecoder().decode(SObjectDescription.self, from: Data(buffer: sent.response.body))
        } catch {
            throw SalesforceAPIError.malformedResponse("the describe answer for \(name) could not be read")
        }
    }

    /// One record by ID; `fields` limits the answer (Salesforce adds `Id`).
    public func record(sObject name: String, id: SalesforceID, fields: [String] = []) async throws -> SalesforceRecord {
        let query = fields.isEmpty ? [] : [("fields", fields.joined(separator: ","))]
        let sent = try await send(.GET, "\(dataPath)/sobjects/\(FormEncoding.component(name))/\(id.rawValue)", query: query)
        return try Self.object(sent)
    }

    /// IDs updated between `start` and `end` (seconds are truncated by Salesforce; at most 30 days back).
    public func updated(sObject name: String, start: SalesforceTimestamp, end: SalesforceTimestamp) async throws -> UpdatedRecords {
        let sent = try await send(
            .GET, "\(dataPath)/sobjects/\(FormEncoding.component(name))/updated/",
            query: [("start", start.description), ("end", end.description)])
        let record = try Self.object(sent)
        let ids = (record["ids"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(SalesforceID.init) }
        return UpdatedRecords(ids: ids, latestDateCovered: record.timestamp("latestDateCovered"))
    }

    /// Records deleted between `start` and `end` (at most 15 days back).
    public func deleted(sObject name: String, start: SalesforceTimestamp, end: SalesforceTimestamp) async throws -> DeletedRecords {
        let sent = try await send(
            .GET, "\(dataPath)/sobjects/\(FormEncoding.component(name))/deleted/",
            query: [("start", start.description), ("end", end.description)])
        let record = try Self.object(sent)
        let entries = (record["deletedRecords"]?.arrayValue ?? []).compactMap { value -> DeletedRecords.Entry? in
            guard let entry = value.recordValue, let id = entry.id("id") else { return nil }
            return DeletedRecords.Entry(id: id, deletedDate: entry.timestamp("deletedDate"))
        }
        return DeletedRecords(
            records: entries, earliestDateAvailable: record.timestamp("earliestDateAvailable"),
            latestDateCovered: record.timestamp("latestDateCovered"))
    }

    /// The org's limits (`DailyApiRequests`, `DailyBulkV2QueryJobs`, …).
    public func limits() async throws -> [String: OrgLimit] {
        let record = try Self.object(try await send(.GET, "\(dataPath)/limits"))
        var limits: [String: OrgLimit] = [:]
        for field in record.fields {
            guard let entry = field.value.recordValue, let max = entry.int("Max"), let remaining = entry.int("Remaining") else { continue }
            limits[field.name] = OrgLimit(max: max, remaining: remaining)
        }
        return limits
    }

    /// The API versions the instance serves, oldest first.
    public func versions() async throws -> [APIVersionInfo] {
        let sent = try await send(.GET, "/services/data/")
        let value = try Self.value(sent)
        return (value.arrayValue ?? []).compactMap { entry in
            guard let record = entry.recordValue, let version = record.string("version") else { return nil }
            return APIVersionInfo(version: version, label: record.string("label") ?? "", url: record.string("url") ?? "")
        }
    }

    /// Who is signed in (OpenID `userinfo` on the instance).
    public func identity() async throws -> SalesforceIdentity {
        let record = try Self.object(try await send(.GET, "/services/oauth2/userinfo"))
        guard let identity = SalesforceIdentity(userinfo: record) else {
            throw SalesforceAPIError.malformedResponse("the userinfo answer lacks user_id, organization_id or preferred_username")
        }
        return identity
    }

    static func value(_ sent: Sent) throws -> SalesforceValue {
        do {
            return try sent.response.body.withUnsafeReadableBytes { bytes throws(JSONScanner.Failure) in try JSONScanner.parse(bytes) }
        } catch {
            throw SalesforceAPIError.malformedResponse("the answer from \(sent.host) is not valid JSON (\(error.message))")
        }
    }

    static func object(_ sent: Sent) throws -> SalesforceRecord {
        guard let record = try value(sent).recordValue else {
            throw SalesforceAPIError.malformedResponse("the answer from \(sent.host) is not a JSON object")
        }
        return record
    }
}
