import DealdeckCore

extension RESTEndpoint {
    /// `/sobjects/…`: global describe, object info, describe, replication and records.
    func sobjects(_ call: Call) -> EmulatorResponse {
        let resource = call.resource
        let method = call.request.method
        guard resource.count >= 2 else {
            return requireGET(call) ?? .json(200, describeCache.document("global|" + call.version) {
                DescribeDocument(schema: engine.schema, version: call.version).global()
            })
        }
        guard let type = SObjectType(caseInsensitiveName: resource[1]) else {
            return SalesforceError.notFound.response
        }
        switch resource.count {
        case 2:
            if method == "POST" { return create(call, type: type) }
            return requireGET(call) ?? basicInfo(call, type: type)
        case 3 where resource[2] == "describe":
            return requireGET(call) ?? .json(200, describeCache.document("\(type.name)|\(call.version)") {
                DescribeDocument(schema: engine.schema, version: call.version).full(type)
            })
        case 3 where resource[2] == "updated":
            return requireGET(call) ?? updated(call, type: type)
        case 3 where resource[2] == "deleted":
            return requireGET(call) ?? deleted(call, type: type)
        case 3:
            return record(call, type: type, idText: resource[2])
        default:
            return SalesforceError.notFound.response
        }
    }

    private func basicInfo(_ call: Call, type: SObjectType) -> EmulatorResponse {
        let snapshot = services.org.snapshot()
        var recent: [(id: String, name: String?)] = []
        if type == .opportunity {
            // The five most recently modified live records stand in for "recently viewed".
            var best: [OpportunityRecord] = []
            for record in snapshot.opportunities where !record.isDeleted {
                if best.count < 5 || record.lastModifiedDate > best[best.count - 1].lastModifiedDate {
                    best.append(record)
                    best.sort { $0.lastModifiedDate > $1.lastModifiedDate }
                    if best.count > 5 { best.removeLast() }
                }
            }
            recent = best.map { ($0.id.rawValue, $0.name) }
        }
        return .json(200, DescribeDocument(schema: engine.schema, version: call.version).basicInfo(type, recent: recent))
    }

    /// `GET|PATCH|DELETE /sobjects/X/<id>`.
    private func record(_ call: Call, type: SObjectType, idText: String) -> EmulatorResponse {
        let method = call.request.method
        guard ["GET", "HEAD", "PATCH", "DELETE"].contains(method) else {
            return SalesforceError.methodNotAllowed(method, allowed: ["GET", "HEAD", "PATCH", "DELETE"]).response
        }
        guard let id = SalesforceID(idText) else {
            return SalesforceError(
                status: 400, errorCode: "MALFORMED_ID", message: "\(type.label) ID: id value of incorrect type: \(idText)", fields: ["Id"]
            ).response
        }
        guard id.keyPrefix == type.keyPrefix else {
            return SalesforceError(
                status: 404, errorCode: "NOT_FOUND", message: "Provided external ID field does not exist or is not accessible: \(idText)"
            ).response
        }
        switch method {
        case "PATCH":
            guard type == .opportunity else { return Self.dmlNotSupported(type) }
            let members: [JSONMember]
            switch Self.parseObjectBody(call.request.body, type: type) {
            case .failure(let error): return error.response
            case .success(let parsed): members = parsed
            }
            do {
                try services.org.updateOpportunity(id, members, by: call.session.user.id)
                return EmulatorResponse(status: 204)
            } catch {
                return error.response
            }
        case "DELETE":
            guard type == .opportunity else { return Self.dmlNotSupported(type) }
            do {
                try services.org.deleteOpportunity(id, by: call.session.user.id)
                return EmulatorResponse(status: 204)
            } catch {
                return error.response
            }
        default:
            return getRecord(call, type: type, id: id)
        }
    }

    private func getRecord(_ call: Call, type: SObjectType, id: SalesforceID) -> EmulatorResponse {
        let record: any SObjectRecord
        switch services.org.lookup(type, id: id) {
        case .notFound: return SalesforceError.notFound.response
        case .deleted: return SalesforceError(status: 404, errorCode: "ENTITY_IS_DELETED", message: "entity is deleted", fields: []).response
        case .live(let found): record = found
        }
        var names: [String]?
        if let fields = call.request.queryParameters["fields"] {
            var requested: [String] = []
            for name in fields.split(separator: ",").map({ String($0).trimmingWhitespace() }) where !name.isEmpty {
                guard let field = engine.schema[type].field(named: name) else {
                    return SalesforceError(status: 400, errorCode: "INVALID_FIELD", message: "No such column '\(name)' on sobject of type \(type.name)").response
                }
                if !requested.contains(field.name) { requested.append(field.name) }
            }
            // Salesforce appends Id when `fields` leaves it out.
            if !requested.contains("Id") { requested.append("Id") }
            names = requested
        }
        let layout = RecordLayout(allFieldsOf: type, schema: engine.schema, version: call.version, only: names)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2048)
        layout.write(record, parents: OrgTables(earliestDeletedDateAvailable: SalesforceTimestamp(millisecondsSinceEpoch: 0)), to: &bytes)
        return .json(200, bytes)
    }

    /// `POST /sobjects/Opportunity`: 201 `{"id","success":true,"errors":[]}`.
    private func create(_ call: Call, type: SObjectType) -> EmulatorResponse {
        guard type == .opportunity else { return Self.dmlNotSupported(type) }
        let members: [JSONMember]
        switch Self.parseObjectBody(call.request.body, type: type) {
        case .failure(let error): return error.response
        case .success(let parsed): members = parsed
        }
        do {
            let record = try services.org.createOpportunity(members, by: call.session.user.id)
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("id", record.id.rawValue)
            writer.field("success", true)
            writer.key("errors")
            writer.beginArray()
            writer.endArray()
            writer.endObject()
            return .json(201, writer.bytes)
        } catch {
            return error.response
        }
    }

    /// The emulator writes opportunities only; other objects are read-only here.
    static func dmlNotSupported(_ type: SObjectType) -> EmulatorResponse {
        SalesforceError(
            status: 400, errorCode: "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
            message: "The emulator does not support writing \(type.name) records through the REST API.", fields: []
        ).response
    }

    /// Parses a DML body that must be one JSON object.
    static func parseObjectBody(_ body: [UInt8], type: SObjectType) -> Result<[JSONMember], SalesforceError> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            return .failure(.jsonParser(error.message))
        }
        guard case .object(let members) = value else {
            return .failure(.jsonParser("Cannot deserialize instance of \(type.name) from \(value.tokenName) value or request may be missing a required field at [line:1, column:1]"))
        }
        return .success(members)
    }
}
