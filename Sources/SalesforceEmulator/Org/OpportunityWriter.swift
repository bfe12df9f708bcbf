import DealdeckCore

/// Applies a DML body (`POST`/`PATCH` JSON) to an opportunity with Salesforce's rules:
/// field names in any case, read-only fields refused, values converted per field type,
/// StageName driving IsClosed/IsWon/Probability/ForecastCategory, then required fields,
/// restricted picklists, lengths and references checked. Errors carry Salesforce's codes.
struct OpportunityWriter {
    let schema: SObjectSchema
    let tables: OrgTables
    /// False for the control surface, which may set fields the API cannot.
    let enforceAccess: Bool
    let isCreate: Bool

    private typealias Field = OpportunityRecord.Field

    func apply(_ members: [JSONMember], to record: inout OpportunityRecord.Fields) throws(SalesforceError) {
        var readOnly: [String] = []
        var explicitProbability: Int?? = nil
        var explicitCategory: String?? = nil
        var newStage: String?? = nil
        var closeDateGiven: CalendarDate?? = nil
        for member in members where member.name != "attributes" {
            guard let field = schema.field(named: member.name) else {
                throw SalesforceError(status: 400, errorCode: "INVALID_FIELD", message: "No such column '\(member.name)' on sobject of type Opportunity")
            }
            if enforceAccess && !(isCreate ? field.createable : field.updateable) {
                readOnly.append(field.name)
                continue
            }
            guard let slot = Field(rawValue: field.slot) else { continue }
            switch slot {
            case .name: record.name = try requiredText(member, field) ?? ""
            case .description: record.description = try text(member, field)
            case .nextStep: record.nextStep = try text(member, field)
            case .type: record.type = try picklist(member, field, restricted: false)
            case .leadSource: record.leadSource = try picklist(member, field, restricted: false)
            case .stageName: newStage = .some(try text(member, field))
            case .forecastCategoryName: explicitCategory = .some(try picklist(member, field, restricted: true))
            case .currencyIsoCode: record.currencyIsoCode = try picklist(member, field, restricted: true) ?? record.currencyIsoCode
            case .amount: record.amountCents = try cents(member, field)
            case .probability:
                let value = try wholeNumber(member, field)
                if let value, !(0...100).contains(value) {
                    throw SalesforceError(
                        status: 400, errorCode: "NUMBER_OUTSIDE_VALID_RANGE",
                        message: "Probability (%): value outside of valid range on numeric field: \(value)", fields: ["Probability"])
                }
                explicitProbability = .some(value)
            case .closeDate:
                let value = try date(member, field)
                closeDateGiven = .some(value)
                if let value { record.closeDate = value }
            case .lastActivityDate: record.lastActivityDate = try date(member, field)
            case .accountId: record.accountId = try reference(member, field, to: .account)
            case .ownerId:
                if let owner = try reference(member, field, to: .user) { record.ownerId = owner }
            case .isDeleted, .isClosed, .isWon, .forecastCategory, .createdDate, .createdById, .lastModifiedDate,
                .lastModifiedById, .systemModstamp, .id, .fiscal, .fiscalQuarter, .fiscalYear:
                // Reached only without access checks (control surface); system fields are set by the store.
                continue
            }
        }
        if !readOnly.isEmpty {
            throw SalesforceError(
                status: 400, errorCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
                message: "Unable to create/update fields: \(readOnly.joined(separator: ", ")). Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                fields: readOnly)
        }

        var missing: [String] = []
        if record.name.isEmpty { missing.append("Name") }
        switch newStage {
        case .some(.none): missing.append("StageName")
        case .none where isCreate: missing.append("StageName")
        default: break
        }
        switch closeDateGiven {
        case .some(.none): missing.append("CloseDate")
        case .none where isCreate: missing.append("CloseDate")
        default: break
        }
        if !missing.isEmpty {
            throw SalesforceError(
                status: 400, errorCode: "REQUIRED_FIELD_MISSING",
                message: "Required fields are missing: [\(missing.joined(separator: ", "))]", fields: missing)
        }

        if case .some(.some(let stageLabel)) = newStage {
            guard let stage = OpportunityStageRecord.standard(named: stageLabel) else {
                throw SalesforceError(
                    status: 400, errorCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    message: "Stage: bad value for restricted picklist field: \(stageLabel)", fields: ["StageName"])
            }
            record.applyStage(stage, probability: explicitProbability, forecastCategoryName: explicitCategory)
        } else {
            if let explicitProbability { record.probability = explicitProbability }
            if let explicitCategory, !record.isClosed {
                let name = explicitCategory ?? OpportunityStageRecord.standard(named: record.stageName)?.forecastCategoryName ?? "Pipeline"
                record.forecastCategoryName = name
                record.forecastCategory = ForecastCategories.apiValue(forName: name) ?? "Pipeline"
            }
        }
        try checkLength(record.name, "Name", 120)
        try checkLength(record.nextStep, "NextStep", 255)
        try checkLength(record.description, "Description", 32_000)
    }

    // MARK: - Value conversion

    private func deserializeError(_ member: JSONMember, _ typeName: String) -> SalesforceError {
        let shown: String
        switch member.value {
        case .string(let text), .number(let text): shown = text
        case .bool(let value): shown = value ? "true" : "false"
        default: shown = ""
        }
        return .jsonParser(
            "Cannot deserialize instance of \(typeName) from \(member.value.tokenName) value \(shown) or request may be missing a required field at [line:\(member.line), column:\(member.column)]")
    }

    private func text(_ member: JSONMember, _ field: FieldDefinition) throws(SalesforceError) -> String? {
        switch member.value {
        case .null: return nil
        case .string(let value): return value.isEmpty ? nil : value
        case .number(let value): return value
        case .bool(let value): return value ? "true" : "false"
        default: throw deserializeError(member, field.type.rawValue)
        }
    }

    private func requiredText(_ member: JSONMember, _ field: FieldDefinition) throws(SalesforceError) -> String? {
        try text(member, field)
    }

    private func picklist(_ member: JSONMember, _ field: FieldDefinition, restricted: Bool) throws(SalesforceError) -> String? {
        guard let value = try text(member, field) else { return nil }
        if restricted && !field.picklistValues.contains(where: { $0.value == value }) {
            throw SalesforceError(
                status: 400, errorCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                message: "\(field.label): bad value for restricted picklist field: \(value)", fields: [field.name])
        }
        return value
    }

    private func cents(_ member: JSONMember, _ field: FieldDefinition) throws(SalesforceError) -> Int64? {
        switch member.value {
        case .null: return nil
        case .number(let text), .string(let text):
            if text.isEmpty { return nil }
            guard let cents = DecimalText.cents(text) else { throw deserializeError(member, field.type.rawValue) }
            return cents
        default: throw deserializeError(member, field.type.rawValue)
        }
    }

    private func wholeNumber(_ member: JSONMember, _ field: FieldDefinition) throws(SalesforceError) -> Int? {
        switch member.value {
        case .null: return nil
        case .number(let text), .string(let text):
            if text.isEmpty { return nil }
            guard let cents = DecimalText.cents(text), abs(cents) < 1_000_000_000 else { throw deserializeError(member, field.type.rawValue) }
            return Int((cents + (cents >= 0 ? 50 : -50)) / 100)
        default: throw deserializeError(member, field.type.rawValue)
        }
    }

    private func date(_ member: JSONMember, _ field: FieldDefinition) throws(SalesforceError) -> CalendarDate? {
        switch member.value {
        case .null: return nil
        case .string(let text):
            if text.isEmpty { return nil }
            if let date = CalendarDate(text) { return date }
            if let timestamp = SalesforceTimestamp(text) { return timestamp.date }
            throw deserializeError(member, field.type.rawValue)
        default: throw deserializeError(member, field.type.rawValue)
        }
    }

    private func reference(_ member: JSONMember, _ field: FieldDefinition, to target: SObjectType) throws(SalesforceError) -> SalesforceID? {
        let text: String
        switch member.value {
        case .null: return nil
        case .string(let value):
            if value.isEmpty { return nil }
            text = value
        default: throw deserializeError(member, "reference")
        }
        guard let id = SalesforceID(text) else {
            throw SalesforceError(
                status: 400, errorCode: "MALFORMED_ID", message: "\(field.label): id value of incorrect type: \(text)", fields: [field.name])
        }
        guard id.keyPrefix == target.keyPrefix else {
            throw SalesforceError(
                status: 400, errorCode: "FIELD_INTEGRITY_EXCEPTION", message: "\(field.label): id value of incorrect type: \(text)", fields: [field.name])
        }
        switch target {
        case .account:
            guard let account = tables.account(id), !account.isDeleted else {
                throw SalesforceError(status: 400, errorCode: "INVALID_CROSS_REFERENCE_KEY", message: "invalid cross reference id", fields: [field.name])
            }
        case .user:
            guard let user = tables.user(id) else {
                throw SalesforceError(status: 400, errorCode: "INVALID_CROSS_REFERENCE_KEY", message: "invalid cross reference id", fields: [field.name])
            }
            guard user.isActive else {
                throw SalesforceError(
                    status: 400, errorCode: "INACTIVE_OWNER_OR_USER",
                    message: "operation performed with inactive user [\(id.rawValue)] as owner of opportunity", fields: [field.name])
            }
        default:
            break
        }
        return id
    }

    private func checkLength(_ value: String?, _ name: String, _ limit: Int) throws(SalesforceError) {
        guard let value, value.count > limit else { return }
        let label = schema.field(named: name)?.label ?? name
        throw SalesforceError(
            status: 400, errorCode: "STRING_TOO_LONG",
            message: "\(label): data value too large: \(value.prefix(40))… (max length=\(limit))", fields: [name])
    }
}
