import DealdeckCore

/// One row of the `OpportunityStage` object: a stage with the defaults it gives an
/// opportunity (probability, forecast category, closed and won flags).
public struct OpportunityStageRecord: SObjectRecord, Codable, Equatable {
    public var id: SalesforceID
    public var masterLabel: String
    public var sortOrder: Int
    public var isClosed: Bool
    public var isWon: Bool
    /// API value (`Pipeline`, `Closed`, `Omitted`…).
    public var forecastCategory: String
    /// Display value (`Pipeline`, `Closed`, `Omitted`…).
    public var forecastCategoryName: String
    public var defaultProbability: Int
    public var description: String?
    public var createdById: SalesforceID
    public var createdDate: SalesforceTimestamp

    /// Field slots, in describe order.
    public enum Field: Int, CaseIterable {
        case id, masterLabel, apiName, isActive, sortOrder, isClosed, isWon, forecastCategory, forecastCategoryName
        case defaultProbability, description, createdById, createdDate, lastModifiedById, lastModifiedDate, systemModstamp
    }

    public var maximumJSONBytes: Int {
        Field.allCases.reduce(0) { $0 + RawByteWriter.maximumJSON(value(at: $1.rawValue)) }
    }

    public func value(at slot: Int) -> WireValue {
        guard let field = Field(rawValue: slot) else { return .null }
        switch field {
        case .id: return .id(id)
        case .masterLabel, .apiName: return .string(masterLabel)
        case .isActive: return .boolean(true)
        case .sortOrder: return .integer(sortOrder)
        case .isClosed: return .boolean(isClosed)
        case .isWon: return .boolean(isWon)
        case .forecastCategory: return .string(forecastCategory)
        case .forecastCategoryName: return .string(forecastCategoryName)
        case .defaultProbability: return .wholeNumber(defaultProbability)
        case .description: return description.map(WireValue.string) ?? .null
        case .createdById, .lastModifiedById: return .id(createdById)
        case .createdDate, .lastModifiedDate, .systemModstamp: return .dateTime(createdDate)
        }
    }

    static func fieldDefinitions() -> [FieldDefinition] {
        typealias F = FieldDefinition
        let definitions: [(Field, FieldDefinition)] = [
            (.id, F("Id", "Opportunity Stage ID", .id)),
            (.masterLabel, F("MasterLabel", "Master Label", .string).with { $0.length = 255; $0.nillable = false; $0.nameField = true }),
            (.apiName, F("ApiName", "Api Name", .string).with { $0.length = 255; $0.nillable = false }),
            (.isActive, F("IsActive", "Active", .boolean)),
            (.sortOrder, F("SortOrder", "Sort Order", .int)),
            (.isClosed, F("IsClosed", "Closed", .boolean)),
            (.isWon, F("IsWon", "Won", .boolean)),
            (.forecastCategory, F("ForecastCategory", "Forecast Type", .picklist).with { $0.length = 40; $0.nillable = false; $0.picklistValues = ForecastCategories.apiEntries }),
            (.forecastCategoryName, F("ForecastCategoryName", "Forecast Category", .picklist).with { $0.length = 40; $0.picklistValues = ForecastCategories.nameEntries }),
            (.defaultProbability, F("DefaultProbability", "Probability (%)", .percent)),
            (.description, F("Description", "Description", .string).with { $0.length = 255 }),
            (.createdById, F("CreatedById", "Created By ID", .reference).with { $0.referenceTo = ["User"]; $0.relationshipName = "CreatedBy" }.system()),
            (.createdDate, F("CreatedDate", "Created Date", .datetime).system()),
            (.lastModifiedById, F("LastModifiedById", "Last Modified By ID", .reference).with { $0.referenceTo = ["User"]; $0.relationshipName = "LastModifiedBy" }.system()),
            (.lastModifiedDate, F("LastModifiedDate", "Last Modified Date", .datetime).system()),
            (.systemModstamp, F("SystemModstamp", "System Modstamp", .datetime).system()),
        ]
        return definitions.map { field, definition in
            var definition = definition
            definition.slot = field.rawValue
            definition.createable = false
            definition.updateable = false
            return definition
        }
    }
}

extension OpportunityStageRecord {
    /// A stage's defaults, as the standard `OpportunityStage` value set defines them (spec §5).
    public struct Standard: Sendable {
        public var label: String
        public var probability: Int
        public var forecastCategoryName: String
        public var isClosed: Bool
        public var isWon: Bool
    }

    /// The ten standard stages in sort order.
    public static let standard: [Standard] = [
        Standard(label: "Prospecting", probability: 10, forecastCategoryName: "Pipeline", isClosed: false, isWon: false),
        Standard(label: "Qualification", probability: 10, forecastCategoryName: "Pipeline", isClosed: false, isWon: false),
        Standard(label: "Needs Analysis", probability: 20, forecastCategoryName: "Pipeline", isClosed: false, isWon: false),
        Standard(label: "Value Proposition", probability: 50, forecastCategoryName: "Pipeline", isClosed: false, isWon: false),
        Standard(label: "Id. Decision Makers", probability: 60, forecastCategoryName: "Pipeline", isClosed: false, isWon: false),
        Standard(label: "Perception Analysis", probability: 70, forecastCategoryName: "Pipeline", isClosed: false, isWon: false),
        Standard(label: "Proposal/Price Quote", probability: 75, forecastCategoryName: "Pipeline", isClosed: false, isWon: false),
        Standard(label: "Negotiation/Review", probability: 90, forecastCategoryName: "Pipeline", isClosed: false, isWon: false),
        Standard(label: "Closed Won", probability: 100, forecastCategoryName: "Closed", isClosed: true, isWon: true),
        Standard(label: "Closed Lost", probability: 0, forecastCategoryName: "Omitted", isClosed: true, isWon: false),
    ]

    /// The standard stage with this exact label (picklist values are case-sensitive on write).
    public static func standard(named label: String) -> Standard? {
        standard.first { $0.label == label }
    }

    /// The `OpportunityStage` rows of a fresh org.
    static func seeded(createdBy: SalesforceID, at createdDate: SalesforceTimestamp) -> [OpportunityStageRecord] {
        standard.enumerated().map { index, stage in
            OpportunityStageRecord(
                id: SalesforceID(keyPrefix: SObjectType.opportunityStage.keyPrefix, pod: "5e", number: 1001 + index),
                masterLabel: stage.label,
                sortOrder: index + 1,
                isClosed: stage.isClosed,
                isWon: stage.isWon,
                forecastCategory: ForecastCategories.apiValue(forName: stage.forecastCategoryName) ?? "Pipeline",
                forecastCategoryName: stage.forecastCategoryName,
                defaultProbability: stage.probability,
                description: nil,
                createdById: createdBy,
                createdDate: createdDate
            )
        }
    }
}
