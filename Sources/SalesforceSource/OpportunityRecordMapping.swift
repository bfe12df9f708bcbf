import DealdeckCore
import Foundation
import SalesforceAPI
import SyncEngine

/// Turns Salesforce records into `Opportunity` values: REST query records (relationships as
/// nested objects, `"Account": null` when empty) and Bulk API rows (flat `Account.Name` columns,
/// every value text, empty for null) alike.
///
/// One pass over each record's fields, switching on the API name, because this runs for every
/// record of a sync; field names compare by case-insensitive fallback only when the exact
/// spelling (describe's, which Salesforce always uses in answers) is not found.
enum OpportunityRecordMapping {
    /// Maps one record.
    /// - Throws: `SourceError.other("MALFORMED_RECORD")` when a field every opportunity has
    ///   (Id, Name, StageName, CloseDate, OwnerId, the three timestamps) is missing or unreadable.
    static func map(_ record: SalesforceRecord) throws(SourceError) -> SourceRecord {
        var fields = Fields()
        for field in record.fields {
            fields.take(field.name, field.value)
        }
        return try fields.build()
    }

    /// Maps a page.
    static func map(_ records: [SalesforceRecord]) throws(SourceError) -> [SourceRecord] {
        var mapped: [SourceRecord] = []
        mapped.reserveCapacity(records.count)
        for record in records { mapped.append(try map(record)) }
        return mapped
    }

    /// The fields of one record as they are found.
    private struct Fields {
        var id: SalesforceID?
        var name: String?
        var accountId: SalesforceID?
        var accountName: String?
        var stageName: String?
        var amount: Decimal?
        var currencyIsoCode: String?
        var closeDate: CalendarDate?
        var probability: Decimal?
        var type: String?
        var leadSource: String?
        var nextStep: String?
        var description: String?
        var forecastCategoryName: String?
        var isClosed = false
        var isWon = false
        var ownerId: SalesforceID?
        var ownerName: String?
        var ownerEmail: String?
        var createdDate: SalesforceTimestamp?
        var lastModifiedDate: SalesforceTimestamp?
        var systemModstamp: SalesforceTimestamp?
        var isDeleted = false

        mutating func take(_ key: String, _ value: SalesforceValue) {
            switch key {
            case "Id": id = Self.id(value)
            case "Name": name = Self.text(value)
            case "AccountId": accountId = Self.id(value)
            case "Account": accountName = value.recordValue?["Name"].flatMap(Self.text)
            case "Account.Name": accountName = Self.text(value)
            case "StageName": stageName = Self.text(value)
            case "Amount": amount = Self.decimal(value)
            case "CurrencyIsoCode": currencyIsoCode = Self.text(value)
            case "CloseDate": closeDate = Self.text(value).flatMap(CalendarDate.init)
            case "Probability": probability = Self.decimal(value)
            case "Type": type = Self.text(value)
            case "LeadSource": leadSource = Self.text(value)
            case "NextStep": nextStep = Self.text(value)
            case "Description": description = Self.text(value)
            case "ForecastCategoryName": forecastCategoryName = Self.text(value)
            case "IsClosed": isClosed = value.boolValue ?? false
            case "IsWon": isWon = value.boolValue ?? false
            case "OwnerId": ownerId = Self.id(value)
            case "Owner":
                let owner = value.recordValue
                ownerName = owner?["Name"].flatMap(Self.text)
                ownerEmail = owner?["Email"].flatMap(Self.text)
            case "Owner.Name": ownerName = Self.text(value)
            case "Owner.Email": ownerEmail = Self.text(value)
            case "CreatedDate": createdDate = Self.timestamp(value)
            case "LastModifiedDate": lastModifiedDate = Self.timestamp(value)
            case "SystemModstamp": systemModstamp = Self.timestamp(value)
            case "IsDeleted": isDeleted = value.boolValue ?? false
            default:
                // Salesforce answers with describe's spelling; anything else is matched
                // case-insensitively once, off the fast path.
                if let canonical = Self.canonicalNames[key.lowercased()], canonical != key { take(canonical, value) }
            }
        }

        func build() throws(SourceError) -> SourceRecord {
            guard let id, let name, let stageName, let closeDate, let ownerId, let createdDate, let lastModifiedDate, let systemModstamp
            else {
                let missing = [
                    id == nil ? "Id" : nil, name == nil ? "Name" : nil, stageName == nil ? "StageName" : nil,
                    closeDate == nil ? "CloseDate" : nil, ownerId == nil ? "OwnerId" : nil, createdDate == nil ? "CreatedDate" : nil,
                    lastModifiedDate == nil ? "LastModifiedDate" : nil, systemModstamp == nil ? "SystemModstamp" : nil,
                ].compactMap { $0 }
                throw SourceError.other(
                    code: "MALFORMED_RECORD",
                    message: "An opportunity\(id.map { " (\($0))" } ?? "") came without a readable \(missing.joined(separator: ", "))")
            }
            let opportunity = Opportunity(
                id: id, name: name, accountId: accountId, accountName: accountName, stageName: stageName, amount: amount,
                currencyIsoCode: currencyIsoCode, closeDate: closeDate, probability: probability, type: type, leadSource: leadSource,
                nextStep: nextStep, description: description, forecastCategoryName: forecastCategoryName, isClosed: isClosed,
                isWon: isWon, ownerId: ownerId, ownerName: ownerName, ownerEmail: ownerEmail, createdDate: createdDate,
                lastModifiedDate: lastModifiedDate, systemModstamp: systemModstamp)
            return SourceRecord(opportunity: opportunity, isDeleted: isDeleted)
        }

        static let canonicalNames: [String: String] = Dictionary(
            uniqueKeysWithValues: [
                "Id", "Name", "AccountId", "Account", "Account.Name", "StageName", "Amount", "CurrencyIsoCode", "CloseDate",
                "Probability", "Type", "LeadSource", "NextStep", "Description", "ForecastCategoryName", "IsClosed", "IsWon",
                "OwnerId", "Owner", "Owner.Name", "Owner.Email", "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsDeleted",
            ].map { ($0.lowercased(), $0) })

        /// Text, with null (and a Bulk API empty field) as nil. NUL characters are dropped: SQLite
        /// reads text up to the first NUL, so keeping one would cut the rest of the value off.
        static func text(_ value: SalesforceValue) -> String? {
            switch value {
            case .string(let text): return text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "") : text
            case .number(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            default: return nil
            }
        }

        static func id(_ value: SalesforceValue) -> SalesforceID? {
            guard case .string(let text) = value, !text.isEmpty else { return nil }
            return SalesforceID(text)
        }

        static func timestamp(_ value: SalesforceValue) -> SalesforceTimestamp? {
            guard case .string(let text) = value else { return nil }
            return SalesforceTimestamp(text)
        }

        static func decimal(_ value: SalesforceValue) -> Decimal? {
            switch value {
            case .number(let text), .string(let text): return text.isEmpty ? nil : DecimalText.parse(text)
            default: return nil
            }
        }
    }
}
