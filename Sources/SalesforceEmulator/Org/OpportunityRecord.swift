import DealdeckCore

/// One stored opportunity. Money is integer cents and Probability a whole percent, so the
/// org never rounds through a Double; Fiscal fields are derived from CloseDate when read.
///
/// The fields live in shared immutable storage (`RecordStorage`): copying a record, which
/// query pages and cursors do for every row, costs one retain. Field reads and writes go
/// through `Fields` by dynamic member lookup (`record.name`, `record.stageName = …`).
@dynamicMemberLookup
public struct OpportunityRecord: SObjectRecord, Equatable {
    /// The stored values.
    public struct Fields: RecordFields, Codable, Equatable {
        public var id: SalesforceID
        public var isDeleted: Bool = false
        public var accountId: SalesforceID?
        public var name: String
        public var description: String?
        public var stageName: String
        public var amountCents: Int64?
        /// Percent, 0–100.
        public var probability: Int?
        public var closeDate: CalendarDate
        public var type: String?
        public var nextStep: String?
        public var leadSource: String?
        public var isClosed: Bool
        public var isWon: Bool
        /// The API value (`Pipeline`, `BestCase`, `Forecast`, `Closed`, `Omitted`).
        public var forecastCategory: String
        /// The display value (`Pipeline`, `Best Case`, `Commit`, `Closed`, `Omitted`).
        public var forecastCategoryName: String?
        /// Only meaningful on multi-currency orgs.
        public var currencyIsoCode: String?
        public var ownerId: SalesforceID
        public var createdDate: SalesforceTimestamp
        public var createdById: SalesforceID
        public var lastModifiedDate: SalesforceTimestamp
        public var lastModifiedById: SalesforceID
        public var systemModstamp: SalesforceTimestamp
        public var lastActivityDate: CalendarDate?
        /// When the record went to the recycle bin (drives `/deleted/` and the 15-day purge).
        public var deletedDate: SalesforceTimestamp?

        /// Reads one field; `@inline(__always)` because query pages call this millions of times.
        @inline(__always)
        public func value(of field: Field) -> WireValue {
            switch field {
            case .id: return .id(id)
            case .isDeleted: return .boolean(isDeleted)
            case .accountId: return accountId.map(WireValue.id) ?? .null
            case .name: return .string(name)
            case .description: return description.map(WireValue.string) ?? .null
            case .stageName: return .string(stageName)
            case .amount: return amountCents.map(WireValue.cents) ?? .null
            case .probability: return probability.map(WireValue.wholeNumber) ?? .null
            case .closeDate: return .date(closeDate)
            case .type: return type.map(WireValue.string) ?? .null
            case .nextStep: return nextStep.map(WireValue.string) ?? .null
            case .leadSource: return leadSource.map(WireValue.string) ?? .null
            case .isClosed: return .boolean(isClosed)
            case .isWon: return .boolean(isWon)
            case .forecastCategory: return .string(forecastCategory)
            case .forecastCategoryName: return forecastCategoryName.map(WireValue.string) ?? .null
            case .currencyIsoCode: return currencyIsoCode.map(WireValue.string) ?? .null
            case .ownerId: return .id(ownerId)
            case .createdDate: return .dateTime(createdDate)
            case .createdById: return .id(createdById)
            case .lastModifiedDate: return .dateTime(lastModifiedDate)
            case .lastModifiedById: return .id(lastModifiedById)
            case .systemModstamp: return .dateTime(systemModstamp)
            case .lastActivityDate: return lastActivityDate.map(WireValue.date) ?? .null
            case .fiscalQuarter: return .integer((closeDate.month - 1) / 3 + 1)
            case .fiscalYear: return .integer(closeDate.year)
            case .fiscal: return .string("\(closeDate.year) \((closeDate.month - 1) / 3 + 1)")
            }
        }

        /// Sets StageName and everything Salesforce derives from it. Probability and the forecast
        /// category keep explicit values given in the same write.
        mutating func applyStage(_ stage: OpportunityStageRecord.Standard, probability explicitProbability: Int??, forecastCategoryName explicitCategory: String??) {
            stageName = stage.label
            isClosed = stage.isClosed
            isWon = stage.isWon
            if let explicitProbability { probability = explicitProbability } else { probability = stage.probability }
            let categoryName: String
            if let explicitCategory, let explicitCategory, !stage.isClosed {
                categoryName = explicitCategory
            } else {
                categoryName = stage.forecastCategoryName
            }
            forecastCategoryName = categoryName
            forecastCategory = ForecastCategories.apiValue(forName: categoryName) ?? "Pipeline"
        }

        /// Every string escaped at worst, every other field at most 32 bytes.
        var maximumJSONBytes: Int {
            RawByteWriter.maximumQuoted(name) + RawByteWriter.maximumQuoted(description) + RawByteWriter.maximumQuoted(stageName) + RawByteWriter.maximumQuoted(type) + RawByteWriter.maximumQuoted(nextStep) + RawByteWriter.maximumQuoted(leadSource) + RawByteWriter.maximumQuoted(forecastCategory) + RawByteWriter.maximumQuoted(forecastCategoryName) + RawByteWriter.maximumQuoted(currencyIsoCode) + Field.allCases.count * 32
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

    // Hot reads spelled out, so table scans do not go through key paths.
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

    public static func == (lhs: OpportunityRecord, rhs: OpportunityRecord) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    /// Field slots, in Salesforce's describe order.
    public enum Field: Int, CaseIterable {
        case id, isDeleted, accountId, name, description, stageName, amount, probability, closeDate, type, nextStep
        case leadSource, isClosed, isWon, forecastCategory, forecastCategoryName, currencyIsoCode, ownerId
        case createdDate, createdById, lastModifiedDate, lastModifiedById, systemModstamp, lastActivityDate
        case fiscalQuarter, fiscalYear, fiscal
    }

    public func value(at slot: Int) -> WireValue {
        guard let field = Field(rawValue: slot) else { return .null }
        return storage.fields.value(of: field)
    }

    @inline(__always)
    public func value(of field: Field) -> WireValue {
        storage.fields.value(of: field)
    }

    /// Copies a field's value from the JSON encoded when the record was stored.
    public func writeJSON(slot: Int, to writer: inout RawByteWriter) {
        storage.encodedValues.withValues { values in
            if let values { values.write(slot: slot, to: &writer) } else { writer.null() }
        }
    }

    @inline(__always)
    public func withEncodedJSONValues<Result>(_ body: (EncodedJSONValues.View?) -> Result) -> Result {
        storage.encodedValues.withValues(body)
    }

    static func fieldDefinitions(multiCurrency: Bool) -> [FieldDefinition] {
        typealias F = FieldDefinition
        let stagePicklist = OpportunityStageRecord.standard.enumerated().map { index, stage in
            FieldDefinition.PicklistEntry(stage.label, isDefault: false)
        }
        let definitions: [(Field, FieldDefinition)] = [
            (.id, F("Id", "Opportunity ID", .id)),
            (.isDeleted, F("IsDeleted", "Deleted", .boolean).system()),
            (.accountId, F("AccountId", "Account ID", .reference).with { $0.referenceTo = ["Account"]; $0.relationshipName = "Account" }),
            (.name, F("Name", "Name", .string).with { $0.length = 120; $0.nillable = false; $0.nameField = true }),
            (.description, F("Description", "Description", .textarea).with { $0.length = 32_000 }),
            (.stageName, F("StageName", "Stage", .picklist).with {
                $0.length = 255; $0.nillable = false; $0.picklistValues = stagePicklist; $0.restrictedPicklist = true
            }),
            (.amount, F("Amount", "Amount", .currency)),
            (.probability, F("Probability", "Probability (%)", .percent).with { $0.precision = 3; $0.scale = 0 }),
            (.closeDate, F("CloseDate", "Close Date", .date).with { $0.nillable = false }),
            (.type, F("Type", "Opportunity Type", .picklist).with { $0.length = 255; $0.picklistValues = OpportunityRecord.typeValues.map { .init($0) } }),
            (.nextStep, F("NextStep", "Next Step", .string).with { $0.length = 255 }),
            (.leadSource, F("LeadSource", "Lead Source", .picklist).with { $0.length = 255; $0.picklistValues = OpportunityRecord.leadSourceValues.map { .init($0) } }),
            (.isClosed, F("IsClosed", "Closed", .boolean).calculatedField().with { $0.nillable = false; $0.calculated = false }),
            (.isWon, F("IsWon", "Won", .boolean).calculatedField().with { $0.nillable = false; $0.calculated = false }),
            (.forecastCategory, F("ForecastCategory", "Forecast Category", .picklist).with {
                $0.length = 40; $0.nillable = false; $0.createable = false; $0.updateable = false
                $0.picklistValues = ForecastCategories.apiEntries
            }),
            (.forecastCategoryName, F("ForecastCategoryName", "Forecast Category", .picklist).with {
                $0.length = 40; $0.picklistValues = ForecastCategories.nameEntries; $0.restrictedPicklist = true
            }),
            (.currencyIsoCode, F("CurrencyIsoCode", "Opportunity Currency", .picklist).with {
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
            (.lastActivityDate, F("LastActivityDate", "Last Activity", .date).calculatedField().with { $0.calculated = false }),
            (.fiscalQuarter, F("FiscalQuarter", "Fiscal Quarter", .int).calculatedField().with { $0.digits = 11; $0.calculated = false }),
            (.fiscalYear, F("FiscalYear", "Fiscal Year", .int).calculatedField().with { $0.digits = 11; $0.calculated = false }),
            (.fiscal, F("Fiscal", "Fiscal Period", .string).calculatedField().with { $0.length = 6; $0.calculated = false }),
        ]
        return definitions.compactMap { field, definition in
            if field == .currencyIsoCode && !multiCurrency { return nil }
            var definition = definition
            definition.slot = field.rawValue
            return definition
        }
    }

    /// `Type` picklist values of a Developer Edition org.
    public static let typeValues = ["Existing Customer - Upgrade", "Existing Customer - Replacement", "Existing Customer - Downgrade", "New Customer"]
    /// `LeadSource` picklist values.
    public static let leadSourceValues = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"]
}

extension OpportunityRecord: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }
}

extension OpportunityRecord.Fields {
    /// Every field (derived ones included) as JSON, in slot order; what query pages copy.
    func encodedJSONValues() -> EncodedJSONValues {
        let fields = OpportunityRecord.Field.allCases
        return EncodedJSONValues(slots: fields.count, bound: maximumJSONBytes) { slot, writer in
            writeJSON(fields[slot], to: &writer)
        }
    }

    /// One field as JSON, written from the stored values without building a `WireValue`.
    private func writeJSON(_ field: OpportunityRecord.Field, to writer: inout RawByteWriter) {
        switch field {
        case .id: writer.id(id)
        case .accountId: writer.id(accountId)
        case .ownerId: writer.id(ownerId)
        case .createdById: writer.id(createdById)
        case .lastModifiedById: writer.id(lastModifiedById)
        case .name: writer.quoted(name)
        case .description: writer.quoted(description)
        case .stageName: writer.quoted(stageName)
        case .type: writer.quoted(type)
        case .nextStep: writer.quoted(nextStep)
        case .leadSource: writer.quoted(leadSource)
        case .forecastCategory: writer.quoted(forecastCategory)
        case .forecastCategoryName: writer.quoted(forecastCategoryName)
        case .currencyIsoCode: writer.quoted(currencyIsoCode)
        case .createdDate: writer.timestamp(createdDate)
        case .lastModifiedDate: writer.timestamp(lastModifiedDate)
        case .systemModstamp: writer.timestamp(systemModstamp)
        case .isDeleted: writer.bytes(isDeleted ? RawByteWriter.trueBytes : RawByteWriter.falseBytes)
        case .isClosed: writer.bytes(isClosed ? RawByteWriter.trueBytes : RawByteWriter.falseBytes)
        case .isWon: writer.bytes(isWon ? RawByteWriter.trueBytes : RawByteWriter.falseBytes)
        case .amount:
            if let cents = amountCents { writer.javaDouble(cents: cents) } else { writer.null() }
        default: writer.json(value(of: field))
        }
    }
}
