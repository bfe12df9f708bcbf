import DealdeckCore
import Foundation
import SalesforceAPI
import SyncEngine

/// Turns Salesforce records into `Opportunity` values: REST query records (relationships as
/// nested objects, `"Account": null` when empty). Bulk API rows (flat `Account.Name` columns,
/// every value text, empty for null) are read by `OpportunityCSVRows`, which falls back on
/// `Fields`' conversions for any value off its fast paths.
///
/// One pass over each record's fields, switching on a `Key` resolved from the API name, because
/// this runs for every record of a sync; names compare case-insensitively only when the exact
/// spelling (describe's, which Salesforce always uses in answers) is not found.
enum OpportunityRecordMapping {
    /// Maps one record.
    /// - Throws: `SourceError.other("MALFORMED_RECORD")` when a field every opportunity has
    ///   (Id, Name, StageName, CloseDate, OwnerId, the three timestamps) is missing or unreadable.
    static func map(_ record: SalesforceRecord) throws(SourceError) -> SourceRecord {
        var fields = Fields()
        for field in record.fields {
            guard let key = Key(apiName: field.name) else { continue }
            fields.take(key, field.value)
        }
        return try fields.build()
    }

    /// The error for a record without a readable required field (the REST and Bulk readers alike).
    static func malformed(id: String?, missing: [String]) -> SourceError {
        .other(
            code: "MALFORMED_RECORD",
            message: "An opportunity\(id.map { " (\($0))" } ?? "") came without a readable \(missing.joined(separator: ", "))")
    }

    /// The fields Dealdeck reads, by API name (REST's nested `Account`/`Owner` objects and
    /// Bulk's flat `Account.Name` columns alike).
    enum Key: String, CaseIterable {
        case id = "Id", name = "Name", accountId = "AccountId", account = "Account", accountName = "Account.Name"
        case stageName = "StageName", amount = "Amount", currencyIsoCode = "CurrencyIsoCode", closeDate = "CloseDate"
        case probability = "Probability", type = "Type", leadSource = "LeadSource", nextStep = "NextStep"
        case description = "Description", forecastCategoryName = "ForecastCategoryName", isClosed = "IsClosed", isWon = "IsWon"
        case ownerId = "OwnerId", owner = "Owner", ownerName = "Owner.Name", ownerEmail = "Owner.Email"
        case createdDate = "CreatedDate", lastModifiedDate = "LastModifiedDate", systemModstamp = "SystemModstamp", isDeleted = "IsDeleted"

        /// Salesforce answers with describe's spelling; anything else is matched case-insensitively.
        init?(apiName: String) {
            guard let key = Key(rawValue: apiName) ?? Self.byLowercasedName[apiName.lowercased()] else { return nil }
            self = key
        }

        private static let byLowercasedName: [String: Key] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })
    }

    /// Maps a page.
    static func map(_ records: [SalesforceRecord]) throws(SourceError) -> [SourceRecord] {
        var mapped: [SourceRecord] = []
        mapped.reserveCapacity(records.count)
        for record in records { mapped.append(try map(record)) }
        return mapped
    }

    /// The fields of one record as they are found.
    struct Fields {
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

        mutating func take(_ key: Key, _ value: SalesforceValue) {
            switch key {
            case .id: id = Self.id(value)
            case .name: name = Self.text(value)
            case .accountId: accountId = Self.id(value)
            case .account: accountName = value.recordValue?["Name"].flatMap(Self.text)
            case .accountName: accountName = Self.text(value)
            case .stageName: stageName = Self.text(value)
            case .amount: amount = Self.decimal(value)
            case .currencyIsoCode: currencyIsoCode = Self.text(value)
            case .closeDate: closeDate = Self.text(value).flatMap(CalendarDate.init)
            case .probability: probability = Self.decimal(value)
            case .type: type = Self.text(value)
            case .leadSource: leadSource = Self.text(value)
            case .nextStep: nextStep = Self.text(value)
            case .description: description = Self.text(value)
            case .forecastCategoryName: forecastCategoryName = Self.text(value)
            case .isClosed: isClosed = value.boolValue ?? false
            case .isWon: isWon = value.boolValue ?? false
            case .ownerId: ownerId = Self.id(value)
            case .owner:
                let owner = value.recordValue
                ownerName = owner?["Name"].flatMap(Self.text)
                ownerEmail = owner?["Email"].flatMap(Self.text)
            case .ownerName: ownerName = Self.text(value)
            case .ownerEmail: ownerEmail = Self.text(value)
            case .createdDate: createdDate = Self.timestamp(value)
            case .lastModifiedDate: lastModifiedDate = Self.timestamp(value)
            case .systemModstamp: systemModstamp = Self.timestamp(value)
            case .isDeleted: isDeleted = value.boolValue ?? false
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
                throw OpportunityRecordMapping.malformed(id: id?.rawValue, missing: missing)
            }
            let opportunity = Opportunity(
                id: id, name: name, accountId: accountId, accountName: accountName, stageName: stageName, amount: amount,
                currencyIsoCode: currencyIsoCode, closeDate: closeDate, probability: probability, type: type, leadSource: leadSource,
                nextStep: nextStep, description: description, forecastCategoryName: forecastCategoryName, isClosed: isClosed,
                isWon: isWon, ownerId: ownerId, ownerName: ownerName, ownerEmail: ownerEmail, createdDate: createdDate,
                lastModifiedDate: lastModifiedDate, systemModstamp: systemModstamp)
            return SourceRecord(opportunity: opportunity, isDeleted: isDeleted)
        }

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
