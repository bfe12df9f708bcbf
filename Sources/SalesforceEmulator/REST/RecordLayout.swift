import DealdeckCore

/// How to write the records of one query as JSON, compiled once from its SELECT list.
///
/// Each record starts with `attributes{type,url}`, then the selected fields in SELECT order;
/// a relationship (`Account.Name`, `Owner.Email`) becomes one nested object with its own
/// attributes at the place of its first mention, or `null` when the lookup is empty. Keys
/// and the attributes prefix are pre-encoded bytes, so writing a record is mostly copying.
struct RecordLayout: Sendable {
    indirect enum Item: Sendable {
        /// `"Key":value` read from a field slot.
        case field(key: [UInt8], slot: Int)
        /// `"Account":{…}` read through the reference in `foreignKeySlot`.
        case relationship(key: [UInt8], foreignKeySlot: Int, layout: RecordLayout)
    }

    let type: SObjectType
    let items: [Item]
    /// `{"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/`
    let attributesPrefix: [UInt8]

    /// A layout for dotted paths (`Name`, `Account.Name`) of `type`; nil for a path the
    /// schema does not know (the SOQL validator has already refused those).
    init?(type: SObjectType, paths: [[String]], schema: OrgSchema, version: String) {
        self.type = type
        attributesPrefix = Array(("{\"attributes\":{\"type\":\"\(type.name)\",\"url\":\"/services/data/\(version)/sobjects/\(type.name)/").utf8)
        let objectSchema = schema[type]
        var items: [Item] = []
        var relationshipOrder: [String] = []
        var relationshipPaths: [String: (definition: RelationshipDefinition, paths: [[String]])] = [:]
        var itemPositions: [(isRelationship: Bool, index: Int, name: String)] = []
        var fields: [Item] = []
        for path in paths {
            guard let first = path.first else { return nil }
            if path.count == 1 {
                guard let field = objectSchema.field(named: first) else { return nil }
                fields.append(.field(key: Self.key(field.name), slot: field.slot))
                itemPositions.append((false, fields.count - 1, field.name))
            } else {
                guard let relationship = objectSchema.relationship(named: first) else { return nil }
                if relationshipPaths[relationship.name] == nil {
                    relationshipOrder.append(relationship.name)
                    relationshipPaths[relationship.name] = (relationship, [])
                    itemPositions.append((true, 0, relationship.name))
                }
                relationshipPaths[relationship.name]?.paths.append(Array(path.dropFirst()))
            }
        }
        for position in itemPositions {
            if !position.isRelationship {
                items.append(fields[position.index])
            } else if let entry = relationshipPaths[position.name] {
                guard let nested = RecordLayout(type: entry.definition.target, paths: entry.paths, schema: schema, version: version) else { return nil }
                items.append(.relationship(key: Self.key(entry.definition.name), foreignKeySlot: entry.definition.fieldSlot, layout: nested))
            }
        }
        self.items = items
    }

    /// A layout with every field of the object and no relationships (record GET).
    init(allFieldsOf type: SObjectType, schema: OrgSchema, version: String, only names: [String]? = nil) {
        self.type = type
        attributesPrefix = Array(("{\"attributes\":{\"type\":\"\(type.name)\",\"url\":\"/services/data/\(version)/sobjects/\(type.name)/").utf8)
        let fields = names.map { names in names.compactMap { schema[type].field(named: $0) } } ?? schema[type].fields
        items = fields.map { .field(key: Self.key($0.name), slot: $0.slot) }
    }

    private static func key(_ name: String) -> [UInt8] {
        Array(",\"\(name)\":".utf8)
    }

    /// Appends one record.
    @inline(__always)
    func write<Record: SObjectRecord>(_ record: Record, parents: OrgTables, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: attributesPrefix)
        bytes.append(contentsOf: record.id.rawValue.utf8)
        bytes.append(34)
        bytes.append(125)
        for item in items {
            switch item {
            case .field(let key, let slot):
                bytes.append(contentsOf: key)
                WireValueEncoding.appendJSON(record.value(at: slot), to: &bytes)
            case .relationship(let key, let foreignKeySlot, let layout):
                bytes.append(contentsOf: key)
                if case .id(let parentID) = record.value(at: foreignKeySlot), let parent = parents.record(of: layout.type, id: parentID) {
                    layout.writeExistential(parent, parents: parents, to: &bytes)
                } else {
                    bytes.append(contentsOf: [110, 117, 108, 108])
                }
            }
        }
        bytes.append(125)
    }

    private func writeExistential(_ record: any SObjectRecord, parents: OrgTables, to bytes: inout [UInt8]) {
        write(record, parents: parents, to: &bytes)
    }

    /// The CSV header names in SELECT order (`Id`, `Account.Name`).
    static func csvHeader(for paths: [[String]], schema: OrgSchema, type: SObjectType) -> [String] {
        paths.map { path in
            var objectType = type
            var names: [String] = []
            for (index, component) in path.enumerated() {
                let objectSchema = schema[objectType]
                if index == path.count - 1 {
                    names.append(objectSchema.field(named: component)?.name ?? component)
                } else if let relationship = objectSchema.relationship(named: component) {
                    names.append(relationship.name)
                    objectType = relationship.target
                } else {
                    names.append(component)
                }
            }
            return names.joined(separator: ".")
        }
    }
}
