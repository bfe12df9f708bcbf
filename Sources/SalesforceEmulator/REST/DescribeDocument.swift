/// Writes describe results (global `/sobjects`, `/sobjects/X/describe`, `/sobjects/X`) in
/// Salesforce's shape: the `DescribeSObjectResult` keys with realistic values, field
/// metadata from the org's schema, picklists and reference targets.
struct DescribeDocument {
    let schema: OrgSchema
    let version: String

    private struct Capabilities {
        var createable: Bool
        var updateable: Bool
        var deletable: Bool
        var undeletable: Bool
        var replicateable: Bool
        var searchable: Bool
        var feedEnabled: Bool
        var mergeable: Bool
    }

    private func capabilities(of type: SObjectType) -> Capabilities {
        switch type {
        case .opportunity:
            return Capabilities(createable: true, updateable: true, deletable: true, undeletable: true, replicateable: true, searchable: true, feedEnabled: true, mergeable: false)
        case .account:
            return Capabilities(createable: true, updateable: true, deletable: true, undeletable: true, replicateable: true, searchable: true, feedEnabled: true, mergeable: true)
        case .user:
            return Capabilities(createable: true, updateable: true, deletable: false, undeletable: false, replicateable: true, searchable: true, feedEnabled: true, mergeable: false)
        case .opportunityStage:
            return Capabilities(createable: false, updateable: false, deletable: false, undeletable: false, replicateable: false, searchable: false, feedEnabled: false, mergeable: false)
        }
    }

    /// `GET /sobjects`.
    func global() -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 8192)
        writer.beginObject()
        writer.field("encoding", "UTF-8")
        writer.field("maxBatchSize", 200)
        writer.key("sobjects")
        writer.beginArray()
        for type in SObjectType.allCases {
            writer.beginObject()
            writeSummary(type, into: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    /// `GET /sobjects/X`: the summary plus recently changed records.
    func basicInfo(_ type: SObjectType, recent: [(id: String, name: String?)]) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 4096)
        writer.beginObject()
        writer.key("objectDescribe")
        writer.beginObject()
        writeSummary(type, into: &writer)
        writer.endObject()
        writer.key("recentItems")
        writer.beginArray()
        for item in recent {
            writer.beginObject()
            writer.key("attributes")
            writer.beginObject()
            writer.field("type", type.name)
            writer.field("url", "/services/data/\(version)/sobjects/\(type.name)/\(item.id)")
            writer.endObject()
            writer.field("Id", item.id)
            if let name = item.name { writer.field(schema[type].nameField?.name ?? "Name", name) }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private func writeSummary(_ type: SObjectType, into writer: inout JSONWriter) {
        let can = capabilities(of: type)
        writer.field("activateable", false)
        writer.field("associateEntityType", nil)
        writer.field("associateParentEntity", nil)
        writer.field("createable", can.createable)
        writer.field("custom", false)
        writer.field("customSetting", false)
        writer.field("deepCloneable", type == .opportunity)
        writer.field("deletable", can.deletable)
        writer.field("deprecatedAndHidden", false)
        writer.field("feedEnabled", can.feedEnabled)
        writer.field("hasSubtypes", false)
        writer.field("isInterface", false)
        writer.field("isSubtype", false)
        writer.field("keyPrefix", type.keyPrefix)
        writer.field("label", type.label)
        writer.field("labelPlural", type.labelPlural)
        writer.field("layoutable", type != .opportunityStage)
        writer.field("mergeable", can.mergeable)
        writer.field("mruEnabled", type != .opportunityStage)
        writer.field("name", type.name)
        writer.field("queryable", true)
        writer.field("replicateable", can.replicateable)
        writer.field("retrieveable", true)
        writer.field("searchable", can.searchable)
        writer.field("triggerable", type != .opportunityStage)
        writer.field("undeletable", can.undeletable)
        writer.field("updateable", can.updateable)
        writer.key("urls")
        writeURLs(type, full: false, into: &writer)
    }

    private func writeURLs(_ type: SObjectType, full: Bool, into writer: inout JSONWriter) {
        let base = "/services/data/\(version)/sobjects/\(type.name)"
        writer.beginObject()
        if type != .opportunityStage {
            writer.field("compactLayouts", base + "/describe/compactLayouts")
            writer.field("rowTemplate", base + "/{ID}")
            writer.field("approvalLayouts", base + "/describe/approvalLayouts")
            writer.field("listviews", base + "/listviews")
            writer.field("describe", base + "/describe")
            writer.field("quickActions", base + "/quickActions")
            writer.field("layouts", base + "/describe/layouts")
            writer.field("sobject", base)
        } else {
            writer.field("rowTemplate", base + "/{ID}")
            writer.field("describe", base + "/describe")
            writer.field("sobject", base)
        }
        writer.endObject()
    }

    /// `GET /sobjects/X/describe`.
    func full(_ type: SObjectType) -> [UInt8] {
        let can = capabilities(of: type)
        var writer = JSONWriter(reservingCapacity: 65_536)
        writer.beginObject()
        writer.key("actionOverrides"); writer.beginArray(); writer.endArray()
        writer.field("activateable", false)
        writer.field("associateEntityType", nil)
        writer.field("associateParentEntity", nil)
        writer.key("childRelationships")
        writer.beginArray()
        if type == .account || type == .user {
            writer.beginObject()
            writer.field("cascadeDelete", false)
            writer.field("childSObject", "Opportunity")
            writer.field("deprecatedAndHidden", false)
            writer.field("field", type == .account ? "AccountId" : "OwnerId")
            writer.key("junctionIdListNames"); writer.beginArray(); writer.endArray()
            writer.key("junctionReferenceTo"); writer.beginArray(); writer.endArray()
            writer.field("relationshipName", type == .account ? "Opportunities" : nil)
            writer.field("restrictedDelete", false)
            writer.endObject()
        }
        writer.endArray()
        writer.field("compactLayoutable", type != .opportunityStage)
        writer.field("createable", can.createable)
        writer.field("custom", false)
        writer.field("customSetting", false)
        writer.field("dataTranslationEnabled", false)
        writer.field("deepCloneable", type == .opportunity)
        writer.field("defaultImplementation", nil)
        writer.field("deletable", can.deletable)
        writer.field("deprecatedAndHidden", false)
        writer.field("extendedBy", nil)
        writer.field("extendsInterfaces", nil)
        writer.field("feedEnabled", can.feedEnabled)
        writer.key("fields")
        writer.beginArray()
        for field in schema[type].fields { writeField(field, into: &writer) }
        writer.endArray()
        writer.field("hasSubtypes", false)
        writer.field("implementedBy", nil)
        writer.field("implementsInterfaces", nil)
        writer.field("isInterface", false)
        writer.field("isSubtype", false)
        writer.field("keyPrefix", type.keyPrefix)
        writer.field("label", type.label)
        writer.field("labelPlural", type.labelPlural)
        writer.field("layoutable", type != .opportunityStage)
        writer.field("listviewable", nil)
        writer.field("lookupLayoutable", nil)
        writer.field("mergeable", can.mergeable)
        writer.field("mruEnabled", type != .opportunityStage)
        writer.field("name", type.name)
        writer.key("namedLayoutInfos"); writer.beginArray(); writer.endArray()
        writer.field("networkScopeFieldName", nil)
        writer.field("queryable", true)
        writer.key("recordTypeInfos")
        writer.beginArray()
        if type != .opportunityStage {
            writer.beginObject()
            writer.field("active", true)
            writer.field("available", true)
            writer.field("defaultRecordTypeMapping", true)
            writer.field("developerName", "Master")
            writer.field("master", true)
            writer.field("name", "Master")
            writer.field("recordTypeId", "012000000000000AAA")
            writer.key("urls")
            writer.beginObject()
            writer.field("layout", "/services/data/\(version)/sobjects/\(type.name)/describe/layouts/012000000000000AAA")
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
        writer.field("replicateable", can.replicateable)
        writer.field("retrieveable", true)
        writer.field("searchLayoutable", can.searchable)
        writer.field("searchable", can.searchable)
        writer.field("sobjectDescribeOption", "FULL")
        writer.field("triggerable", type != .opportunityStage)
        writer.field("undeletable", can.undeletable)
        writer.field("updateable", can.updateable)
        writer.key("urls")
        writeURLs(type, full: true, into: &writer)
        writer.endObject()
        return writer.bytes
    }

    private func writeField(_ field: FieldDefinition, into writer: inout JSONWriter) {
        let isText = [.string, .textarea, .picklist, .email, .phone, .url].contains(field.type)
        writer.beginObject()
        writer.field("aggregatable", field.type != .textarea)
        writer.field("aiPredictionField", false)
        writer.field("autoNumber", false)
        writer.field("byteLength", isText ? field.length * 3 : (field.holdsIDs ? 18 : 0))
        writer.field("calculated", field.calculated)
        writer.field("calculatedFormula", nil)
        writer.field("cascadeDelete", false)
        writer.field("caseSensitive", false)
        writer.field("compoundFieldName", nil)
        writer.field("controllerName", nil)
        writer.field("createable", field.createable)
        writer.field("custom", false)
        writer.field("defaultValue", nil)
        writer.field("defaultValueFormula", nil)
        writer.field("defaultedOnCreate", field.defaultedOnCreate)
        writer.field("dependentPicklist", false)
        writer.field("deprecatedAndHidden", false)
        writer.field("digits", field.digits)
        writer.field("displayLocationInDecimal", false)
        writer.field("encrypted", false)
        writer.field("externalId", false)
        writer.field("extraTypeInfo", field.type == .textarea ? "plaintextarea" : nil)
        writer.field("filterable", field.filterable)
        writer.field("filteredLookupInfo", nil)
        writer.field("formulaTreatNullNumberAsZero", false)
        writer.field("groupable", field.groupable)
        writer.field("highScaleNumber", false)
        writer.field("htmlFormatted", false)
        writer.field("idLookup", field.idLookup)
        writer.field("inlineHelpText", nil)
        writer.field("label", field.label)
        writer.field("length", field.length)
        writer.field("mask", nil)
        writer.field("maskType", nil)
        writer.field("name", field.name)
        writer.field("nameField", field.nameField)
        writer.field("namePointing", false)
        writer.field("nillable", field.nillable)
        writer.field("permissionable", field.nillable && field.type != .id)
        writer.key("picklistValues")
        writer.beginArray()
        for entry in field.picklistValues {
            writer.beginObject()
            writer.field("active", true)
            writer.field("defaultValue", entry.isDefault)
            writer.field("label", entry.label)
            writer.field("validFor", nil)
            writer.field("value", entry.value)
            writer.endObject()
        }
        writer.endArray()
        writer.field("polymorphicForeignKey", false)
        writer.field("precision", field.precision)
        writer.field("queryByDistance", false)
        writer.field("referenceTargetField", nil)
        writer.key("referenceTo")
        writer.beginArray()
        for target in field.referenceTo { writer.string(target) }
        writer.endArray()
        writer.field("relationshipName", field.relationshipName)
        writer.field("relationshipOrder", nil)
        writer.field("restrictedDelete", false)
        writer.field("restrictedPicklist", field.restrictedPicklist)
        writer.field("scale", field.scale)
        writer.field("searchPrefilterable", field.type == .reference)
        writer.field("soapType", field.type.soapType)
        writer.field("sortable", field.sortable)
        writer.field("type", field.type.rawValue)
        writer.field("unique", false)
        writer.field("updateable", field.updateable)
        writer.field("writeRequiresMasterRead", false)
        writer.endObject()
    }
}
