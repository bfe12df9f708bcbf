import DealdeckCore
import SalesforceEmulator
import Testing

/// The small org the SOQL tests query, and a record type to run queries over.
enum SOQLFixtures {
    static let schema = SOQLSchema(objects: [
        SOQLObjectSchema(
            name: "Opportunity",
            fields: [
                SOQLFieldSchema(name: "Id", type: .id),
                SOQLFieldSchema(name: "Name", type: .string),
                SOQLFieldSchema(name: "Amount", type: .currency),
                SOQLFieldSchema(name: "Probability", type: .percent),
                SOQLFieldSchema(name: "StageName", type: .picklist),
                SOQLFieldSchema(name: "CloseDate", type: .date),
                SOQLFieldSchema(name: "CreatedDate", type: .dateTime),
                SOQLFieldSchema(name: "SystemModstamp", type: .dateTime),
                SOQLFieldSchema(name: "IsDeleted", type: .boolean),
                SOQLFieldSchema(name: "IsWon", type: .boolean),
                SOQLFieldSchema(name: "Description", type: .textarea),
                SOQLFieldSchema(name: "Competitors__c", type: .multipicklist),
                SOQLFieldSchema(name: "FiscalYear", type: .int),
                SOQLFieldSchema(name: "AccountId", type: .reference),
                SOQLFieldSchema(name: "OwnerId", type: .reference),
            ],
            relationships: [
                SOQLRelationshipSchema(name: "Account", targetObject: "Account"),
                SOQLRelationshipSchema(name: "Owner", targetObject: "User"),
            ]
        ),
        SOQLObjectSchema(
            name: "Account",
            fields: [
                SOQLFieldSchema(name: "Id", type: .id),
                SOQLFieldSchema(name: "Name", type: .string),
                SOQLFieldSchema(name: "Industry", type: .picklist),
                SOQLFieldSchema(name: "OwnerId", type: .reference),
            ],
            relationships: [SOQLRelationshipSchema(name: "Owner", targetObject: "User")]
        ),
        SOQLObjectSchema(
            name: "User",
            fields: [
                SOQLFieldSchema(name: "Id", type: .id),
                SOQLFieldSchema(name: "Name", type: .string),
                SOQLFieldSchema(name: "Email", type: .string),
            ]
        ),
    ])

    /// 2024-03-15T12:00:00Z, a Friday.
    static let now = SalesforceTimestamp(millisecondsSinceEpoch: 1_710_504_000_000)

    struct Account {
        var name: String
        var industry: String?
        var ownerName: String?
    }

    struct Opportunity {
        var id: String
        var name: String
        var amount: Double?
        var stage = "Prospecting"
        var closeDate: CalendarDate?
        var createdDate: SalesforceTimestamp?
        var systemModstamp = SalesforceTimestamp(millisecondsSinceEpoch: 0)
        var isDeleted: Bool?
        var competitors: String?
        var account: Account?
        var ownerName: String?
    }

    static func id(_ number: Int) -> String { SalesforceID(keyPrefix: "006", pod: "5e", number: number).rawValue }

    static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(text) else { fatalError("bad test date \(text)") }
        return date
    }

    static func timestamp(_ text: String) -> SalesforceTimestamp {
        guard let timestamp = SalesforceTimestamp(text) else { fatalError("bad test timestamp \(text)") }
        return timestamp
    }

    /// The accessor a caller would write, keyed on the canonical dotted path.
    static func value(_ record: Opportunity, _ path: SOQLFieldPath) -> SOQLValue {
        switch path.description {
        case "Id": return .string(record.id)
        case "Name": return .string(record.name)
        case "Amount": return record.amount.map(SOQLValue.number) ?? .null
        case "StageName": return .string(record.stage)
        case "CloseDate": return record.closeDate.map(SOQLValue.date) ?? .null
        case "CreatedDate": return record.createdDate.map(SOQLValue.dateTime) ?? .null
        case "SystemModstamp": return .dateTime(record.systemModstamp)
        case "IsDeleted": return record.isDeleted.map(SOQLValue.boolean) ?? .null
        case "Competitors__c": return record.competitors.map(SOQLValue.string) ?? .null
        case "Account.Name": return record.account.map { .string($0.name) } ?? .null
        case "Account.Industry": return record.account?.industry.map(SOQLValue.string) ?? .null
        case "Account.Owner.Name": return record.account?.ownerName.map(SOQLValue.string) ?? .null
        case "Owner.Name": return record.ownerName.map(SOQLValue.string) ?? .null
        default: return .null
        }
    }

    static func resolve(_ text: String) throws -> SOQLResolvedQuery { try schema.resolve(text) }

    /// The error `text` fails with, or nil when it is accepted.
    static func error(_ text: String) -> SOQLError? {
        do {
            _ = try schema.resolve(text)
            return nil
        } catch {
            return error
        }
    }

    /// Names of the records `text` selects, in result order.
    static func names(_ text: String, _ records: [Opportunity]) throws -> [String] {
        try resolve(text).execute(records, now: now, value: value).records.map(\.name)
    }
}

@Suite struct SOQLSchemaTests {
    @Test func looksUpObjectsFieldsAndRelationshipsIgnoringCase() throws {
        let opportunity = try #require(SOQLFixtures.schema.object(named: "oPPortunity"))
        #expect(opportunity.name == "Opportunity")
        #expect(opportunity.field(named: "systemmodstamp")?.name == "SystemModstamp")
        #expect(opportunity.field(named: "SYSTEMMODSTAMP")?.type == .dateTime)
        #expect(opportunity.relationship(named: "owner")?.targetObject == "User")
        #expect(opportunity.field(named: "Owner") == nil)
        #expect(SOQLFixtures.schema.object(named: "Lead") == nil)
    }

    @Test func textAreasCanNeitherBeFilteredNorSorted() {
        #expect(!SOQLFieldType.textarea.isFilterable)
        #expect(!SOQLFieldType.textarea.isSortable)
        #expect(!SOQLFieldType.multipicklist.isSortable)
        for type in SOQLFieldType.allCases where type != .textarea {
            #expect(type.isFilterable, "\(type)")
        }
    }

    @Test func fieldTypesUseDescribeNames() {
        #expect(SOQLFieldType.dateTime.rawValue == "datetime")
        #expect(SOQLFieldType(rawValue: "currency") == .currency)
    }
}
