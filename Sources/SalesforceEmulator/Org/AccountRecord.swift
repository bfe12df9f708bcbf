import DealdeckCore

/// One stored account: the parent of opportunities, mostly read for `Account.Name`.
///
/// Fields live in shared immutable storage (see `OpportunityRecord`), so copies are one retain.
@dynamicMemberLookup
public struct AccountRecord: SObjectRecord, Equatable {
    /// The stored values.
    public struct Fields: RecordFields, Codable, Equatable {
        public var id: SalesforceID
        public var isDeleted: Bool = false
        public var name: String
        public var type: String?
        public var billingCity: String?
        public var billingCountry: String?
        public var phone: String?
        public var website: String?
        public var industry: String?
        public var annualRevenueCents: Int64?
        public var numberOfEmployees: Int?
        public var currencyIsoCode: String?
        public var ownerId: SalesforceID
        public var createdDate: SalesforceTimestamp
        public var createdById: SalesforceID
        public var lastModifiedDate: SalesforceTimestamp
        public var lastModifiedById: SalesforceID
        public var systemModstamp: SalesforceTimestamp

        public func value(at slot: Int) -> WireValue {
            guard let field = Field(rawValue: slot) else { return .null }
            switch field {
            case .id: return .id(id)
            case .isDeleted: return .boolean(isDeleted)
            case .name: return .string(name)
            case .type: return type.map(WireValue.string) ?? .null
            case .billingCity: return billingCity.map(WireValue.string) ?? .null
            case .billingCountry: return billingCountry.map(WireValue.string) ?? .null
            case .phone: return phone.map(WireValue.string) ?? .null
            case .website: return website.map(WireValue.string) ?? .null
            case .industry: return industry.map(WireValue.string) ?? .null
            case .annualRevenue: return annualRevenueCents.map(WireValue.cents) ?? .null
            case .numberOfEmployees: return numberOfEmployees.map(WireValue.integer) ?? .null
            case .currencyIsoCode: return currencyIsoCode.map(WireValue.string) ?? .null
            case .ownerId: return .id(ownerId)
            case .createdDate: return .dateTime(createdDate)
            case .createdById: return .id(createdById)
            case .lastModifiedDate: return .dateTime(lastModifiedDate)
            case .lastModifiedById: return .id(lastModifiedById)
            case .systemModstamp: return .dateTime(systemModstamp)
            }
        }

        /// Every string escaped at worst, every other field at most 32 bytes.
        var maximumJSONBytes: Int {
            RawByteWriter.maximumQuoted(name) + RawByteWriter.maximumQuoted(type) + RawByteWriter.maximumQuoted(billingCity) + RawByteWriter.maximumQuoted(billingCountry) + RawByteWriter.maximumQuoted(phone) + RawByteWriter.maximumQuoted(website) + RawByteWriter.maximumQuoted(industry) + RawByteWriter.maximumQuoted(currencyIsoCode) + Field.allCases.count * 32
        }
    }

    private var storage: RecordStorage<Fields>

    public init(_ fields: Fields) {
        storage = RecordStorage(fields)
    }

    /// All stored values at once (a write replaces the storage).
    public var fields: Fields {
        get { storage.fields }
        set { storage = RecordStorage(newValue) }
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<Fields, Value>) -> Value {
        storage.fields[keyPath: keyPath]
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Fields, Value>) -> Value {
        get { storage.fields[keyPath: keyPath] }
        set {
            var copy = storage.fields
            copy[keyPath: keyPath] = newValue
            storage = RecordStorage(copy)
        }
    }

    public var id: SalesforceID { storage.fields.id }
    public var maximumJSONBytes: Int { storage.maximumJSONBytes }
    public var isDeleted: Bool {
        get { storage.fields.isDeleted }
        set { self[dynamicMember: \.isDeleted] = newValue }
    }
    public var systemModstamp: SalesforceTimestamp {
        get { storage.fields.systemModstamp }
        set { self[dynamicMember: \.systemModstamp] = newValue }
    }

    public func value(at slot: Int) -> WireValue {
        storage.fields.value(at: slot)
    }

    public static func == (lhs: AccountRecord, rhs: AccountRecord) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    /// Field slots, in describe order.
    public enum Field: Int, CaseIterable {
        case id, isDeleted, name, type, billingCity, billingCountry, phone, website, industry, annualRevenue
        case numberOfEmployees, currencyIsoCode, ownerId, createdDate, createdById, lastModifiedDate, lastModifiedById, systemModstamp
    }

    static func fieldDefinitions(multiCurrency: Bool) -> [FieldDefinition] {
        typealias F = FieldDefinition
        let definitions: [(Field, FieldDefinition)] = [
            (.id, F("Id", "Account ID", .id)),
            (.isDeleted, F("IsDeleted", "Deleted", .boolean).system()),
            (.name, F("Name", "Account Name", .string).with { $0.length = 255; $0.nillable = false; $0.nameField = true }),
            (.type, F("Type", "Account Type", .picklist).with { $0.length = 255; $0.picklistValues = AccountRecord.typeValues.map { .init($0) } }),
            (.billingCity, F("BillingCity", "Billing City", .string).with { $0.length = 40 }),
            (.billingCountry, F("BillingCountry", "Billing Country", .string).with { $0.length = 80 }),
            (.phone, F("Phone", "Account Phone", .phone).with { $0.length = 40 }),
            (.website, F("Website", "Website", .url).with { $0.length = 255 }),
            (.industry, F("Industry", "Industry", .picklist).with { $0.length = 255; $0.picklistValues = AccountRecord.industryValues.map { .init($0) } }),
            (.annualRevenue, F("AnnualRevenue", "Annual Revenue", .currency)),
            (.numberOfEmployees, F("NumberOfEmployees", "Employees", .int).with { $0.digits = 8 }),
            (.currencyIsoCode, F("CurrencyIsoCode", "Account Currency", .picklist).with {
                $0.length = 3; $0.restrictedPicklist = true; $0.defaultedOnCreate = true
                $0.picklistValues = OrgSchema.currencyCodes.enumerated().map { .init($1, isDefault: $0 == 0) }
            }),
            (.ownerId, F("OwnerId", "Owner ID", .reference).with {
                $0.referenceTo = ["User"]; $0.relationshipName = "Owner"; $0.nillable = false; $0.defaultedOnCreate = true
            }),
            (.createdDate, F("CreatedDate", "Created Date", .datetime).system()),
            (.createdById, F("CreatedById", "Created By ID", .reference).with { $0.referenceTo = ["User"]; $0.relationshipName = "CreatedBy" }.system()),
            (.lastModifiedDate, F("LastModifiedDate", "Last Modified Date", .datetime).system()),
            (.lastModifiedById, F("LastModifiedById", "Last Modified By ID", .reference).with { $0.referenceTo = ["User"]; $0.relationshipName = "LastModifiedBy" }.system()),
            (.systemModstamp, F("SystemModstamp", "System Modstamp", .datetime).system()),
        ]
        return definitions.compactMap { field, definition in
            if field == .currencyIsoCode && !multiCurrency { return nil }
            var definition = definition
            definition.slot = field.rawValue
            return definition
        }
    }

    public static let typeValues = ["Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other"]
    public static let industryValues = ["Agriculture", "Banking", "Biotechnology", "Chemicals", "Communications", "Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering", "Entertainment", "Finance", "Healthcare", "Hospitality", "Insurance", "Manufacturing", "Media", "Retail", "Technology", "Transportation", "Utilities", "Other"]
}

extension AccountRecord: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }
}
