import DealdeckCore

extension ControlEndpoint {
    /// `…/records/Opportunity[/<id>[/undelete]]`.
    func records(_ method: String, _ rest: [String], _ body: JSONValue) -> EmulatorResponse {
        var options = OrgStore.WriteOptions(enforceAccess: false)
        for (key, assign) in [
            ("systemModstamp", { (value: SalesforceTimestamp) in options.systemModstamp = value }),
            ("lastModifiedDate", { options.lastModifiedDate = $0 }),
            ("createdDate", { options.createdDate = $0 }),
        ] as [(String, (SalesforceTimestamp) -> Void)] {
            if let text = body[key]?.stringValue {
                guard let timestamp = SalesforceTimestamp(text) else { return Self.error(400, "\"\(key)\" is not a dateTime: \(text)") }
                assign(timestamp)
            }
        }
        var actor = services.identity.apiUser.id
        if let username = body["asUser"]?.stringValue {
            guard let user = services.org.snapshot().users.first(where: { $0.username.lowercased() == username.lowercased() }) else {
                return Self.error(404, "No user \(username).")
            }
            actor = user.id
        }
        var fields: [JSONMember] = []
        if case .object(let members)? = body["fields"] { fields = members }

        if rest.isEmpty {
            guard method == "POST" else { return Self.error(405, "Use POST to create, or add /<id>.") }
            do {
                let record = try services.org.createOpportunity(fields, by: actor, options: options)
                return recordResponse(record)
            } catch {
                return error.response
            }
        }
        guard let id = SalesforceID(rest[0]) else { return Self.error(400, "\(rest[0]) is not a Salesforce ID.") }
        if rest.count == 2 {
            guard rest[1] == "undelete", method == "POST" else { return Self.error(404, "Use POST …/<id>/undelete.") }
            do {
                try services.org.undeleteOpportunity(id, by: actor)
                return Self.ok()
            } catch {
                return error.response
            }
        }
        switch method {
        case "GET":
            guard let record = services.org.snapshot().opportunity(id) else { return Self.error(404, "No opportunity \(id.rawValue).") }
            return recordResponse(record)
        case "PATCH":
            do {
                let record = try services.org.updateOpportunity(id, fields, by: actor, options: options)
                return recordResponse(record)
            } catch {
                return error.response
            }
        case "DELETE":
            do {
                try services.org.deleteOpportunity(id, by: actor)
                return Self.ok()
            } catch {
                return error.response
            }
        default:
            return Self.error(405, "Use GET, PATCH or DELETE on a record.")
        }
    }

    /// `POST …/opportunities/touch`.
    func touch(_ body: JSONValue) -> EmulatorResponse {
        var stamp: SalesforceTimestamp?
        if let text = body["systemModstamp"]?.stringValue {
            guard let parsed = SalesforceTimestamp(text) else { return Self.error(400, "\"systemModstamp\" is not a dateTime.") }
            stamp = parsed
        }
        var ids: [SalesforceID]?
        if case .array(let values)? = body["ids"] {
            var parsed: [SalesforceID] = []
            for value in values {
                guard let text = value.stringValue, let id = SalesforceID(text) else { return Self.error(400, "\"ids\" must be Salesforce IDs.") }
                parsed.append(id)
            }
            ids = parsed
        }
        let count = body["count"]?.intValue ?? 0
        guard ids != nil || count > 0 else { return Self.error(400, "Give \"count\" (a positive integer) or \"ids\".") }
        do {
            let result = try services.org.touchOpportunities(count: count, ids: ids, at: stamp)
            return Self.ok { writer in
                writer.key("ids")
                writer.beginArray()
                for id in result.ids { writer.string(id.rawValue) }
                writer.endArray()
                writer.key("systemModstamp")
                writer.timestamp(result.systemModstamp)
            }
        } catch {
            return error.response
        }
    }

    /// `GET …/opportunities`: the org's opportunities, field for field.
    func dump(includeDeleted: Bool) -> EmulatorResponse {
        let snapshot = services.org.snapshot()
        let layout = Self.fullLayout(schema: services.org.schema)
        let parents = snapshot.parentsOnly
        let records = snapshot.opportunities.filter { includeDeleted || !$0.isDeleted }
        var prefix = Array("{\"totalSize\":".utf8)
        WireNumberFormat.appendInteger(records.count, to: &prefix)
        prefix.append(contentsOf: ",\"records\":[".utf8)
        return .json(200, layout.renderJSON(RowList(records), 0..<records.count, parents: parents, prefix: prefix, suffix: Array("]}".utf8)))
    }

    private func recordResponse(_ record: OpportunityRecord) -> EmulatorResponse {
        var bytes: [UInt8] = Array("{\"ok\":true,\"id\":\"\(record.id.rawValue)\",\"record\":".utf8)
        Self.fullLayout(schema: services.org.schema).write(record, parents: services.org.snapshot().parentsOnly, to: &bytes)
        bytes.append(125)
        return .json(200, bytes)
    }

    /// Every Opportunity field plus the parent names a client caches.
    static func fullLayout(schema: OrgSchema) -> RecordLayout {
        var paths = schema.opportunity.fields.map { [$0.name] }
        paths.append(["Account", "Name"])
        paths.append(["Owner", "Name"])
        paths.append(["Owner", "Email"])
        // Every path comes from the schema, so the layout always builds.
        return RecordLayout(type: .opportunity, paths: paths, schema: schema, version: "v\(APIVersion.newest).0")
            ?? RecordLayout(allFieldsOf: .opportunity, schema: schema, version: "v\(APIVersion.newest).0")
    }
}
