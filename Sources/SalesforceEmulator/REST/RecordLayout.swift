import DealdeckCore

/// How to write the records of one query as JSON, compiled once from its SELECT list.
///
/// Each record starts with `attributes{type,url}`, then the selected fields in SELECT order;
/// a relationship (`Account.Name`, `Owner.Email`) becomes one nested object with its own
/// attributes at the place of its first mention, or `null` when the lookup is empty.
///
/// The layout is flat on purpose: every `"Key":` is a slice of one pre-encoded byte array and
/// each step is a plain value, so writing a field copies bytes and touches no reference
/// counts. (An array of enums with array payloads cost a retain and release per field, the
/// largest single cost of a page.)
struct RecordLayout: Sendable {
    /// One field or relationship of the output, in order.
    struct Step: Sendable {
        /// Where `,"Key":` starts in `keys`, and its length.
        var keyStart: Int
        var keyLength: Int
        /// The field slot; for a relationship, the slot of the reference field.
        var slot: Int
        /// The index in `nested` for a relationship; -1 for a field.
        var nested: Int
    }

    let type: SObjectType
    /// `{"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/`
    let attributesPrefix: [UInt8]
    let keys: [UInt8]
    let steps: [Step]
    let nested: [RecordLayout]

    private init(type: SObjectType, version: String, entries: [(key: String, slot: Int, nested: RecordLayout?)]) {
        self.type = type
        attributesPrefix = Array(("{\"attributes\":{\"type\":\"\(type.name)\",\"url\":\"/services/data/\(version)/sobjects/\(type.name)/").utf8)
        var keys: [UInt8] = []
        var steps: [Step] = []
        var nested: [RecordLayout] = []
        for entry in entries {
            let encoded = Array(",\"\(entry.key)\":".utf8)
            var step = Step(keyStart: keys.count, keyLength: encoded.count, slot: entry.slot, nested: -1)
            if let child = entry.nested {
                step.nested = nested.count
                nested.append(child)
            }
            keys += encoded
            steps.append(step)
        }
        self.keys = keys
        self.steps = steps
        self.nested = nested
    }

    /// A layout for dotted paths (`Name`, `Account.Name`) of `type`; nil for a path the
    /// schema does not know (the SOQL validator has already refused those).
    init?(type: SObjectType, paths: [[String]], schema: OrgSchema, version: String) {
        let objectSchema = schema[type]
        var order: [(isRelationship: Bool, name: String, slot: Int)] = []
        var relationshipPaths: [String: (definition: RelationshipDefinition, paths: [[String]])] = [:]
        for path in paths {
            guard let first = path.first else { return nil }
            if path.count == 1 {
                guard let field = objectSchema.field(named: first) else { return nil }
                order.append((false, field.name, field.slot))
            } else {
                guard let relationship = objectSchema.relationship(named: first) else { return nil }
                if relationshipPaths[relationship.name] == nil {
                    relationshipPaths[relationship.name] = (relationship, [])
                    order.append((true, relationship.name, relationship.fieldSlot))
                }
                relationshipPaths[relationship.name]?.paths.append(Array(path.dropFirst()))
            }
        }
        var entries: [(key: String, slot: Int, nested: RecordLayout?)] = []
        for item in order {
            if item.isRelationship, let entry = relationshipPaths[item.name] {
                guard let child = RecordLayout(type: entry.definition.target, paths: entry.paths, schema: schema, version: version) else { return nil }
                entries.append((item.name, item.slot, child))
            } else {
                entries.append((item.name, item.slot, nil))
            }
        }
        self.init(type: type, version: version, entries: entries)
    }

    /// A layout with every field of the object (or the `only` ones) and no relationships
    /// (record GET).
    init(allFieldsOf type: SObjectType, schema: OrgSchema, version: String, only names: [String]? = nil) {
        let fields = names.map { names in names.compactMap { schema[type].field(named: $0) } } ?? schema[type].fields
        self.init(type: type, version: version, entries: fields.map { ($0.name, $0.slot, nil) })
    }

    /// Appends one record (record GET, control surface).
    func write<Record: SObjectRecord>(_ record: Record, parents: OrgTables, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: renderJSON(RowList([record]), 0..<1, parents: parents))
    }

    /// `prefix`, then `records[range]` separated by commas, then `suffix`, as one array.
    ///
    /// Two passes: the first adds up each record's largest possible size (and renders each
    /// distinct parent object once into `ParentObjectCache`), the second writes into a buffer
    /// of that size through a raw pointer, so nothing grows or is copied on the way.
    /// `sharedParents` carries rendered parent objects from page to page of one cursor.
    func renderJSON<Record: SObjectRecord>(
        _ records: RowList<Record>, _ range: Range<Int>, parents: OrgTables, prefix: [UInt8] = [], suffix: [UInt8] = [],
        sharedParents: RenderedParents? = nil
    ) -> [UInt8] {
        guard !nested.isEmpty else {
            var table = ParentObjectCache.Table(count: 0)
            return render(records, range, parents: parents, prefix: prefix, suffix: suffix, table: &table)
        }
        guard let sharedParents else {
            var table = ParentObjectCache.Table(count: nested.count)
            return render(records, range, parents: parents, prefix: prefix, suffix: suffix, table: &table)
        }
        return sharedParents.withTable(count: nested.count) { table in
            render(records, range, parents: parents, prefix: prefix, suffix: suffix, table: &table)
        }
    }

    private func render<Record: SObjectRecord>(
        _ records: RowList<Record>, _ range: Range<Int>, parents: OrgTables, prefix: [UInt8], suffix: [UInt8],
        table: inout ParentObjectCache.Table
    ) -> [UInt8] {
        var cache = ParentObjectCache(layout: self, parents: parents, rows: range.count)
        let perRecordFixed = attributesPrefix.count + RawByteWriter.maximumID + 1 + keys.count + 1
        var bound = prefix.count + suffix.count + range.count * (perRecordFixed + 1)
        records.withBuffers { rows, positions in
            steps.withUnsafeBufferPointer { steps in
                for index in range {
                    let position = positions?[index] ?? index
                    bound += rows[position].maximumJSONBytes
                    for step in steps where step.nested >= 0 {
                        bound += cache.resolve(rows[position], step: step, in: &table)
                    }
                }
            }
        }
        let rendered = table
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var writer = RawByteWriter(start)
            writer.bytes(prefix)
            records.withBuffers { rows, positions in
                keys.withUnsafeBufferPointer { keys in
                    steps.withUnsafeBufferPointer { steps in
                        var first = true
                        for index in range {
                            if first { first = false } else { writer.byte(44) }
                            write(rows[positions?[index] ?? index], keys: keys, steps: steps, cache: &cache, table: rendered, to: &writer)
                        }
                    }
                }
            }
            writer.bytes(suffix)
            count = writer.cursor - start
        }
    }

    @inline(__always)
    private func write<Record: SObjectRecord>(
        _ record: Record, keys: UnsafeBufferPointer<UInt8>, steps: UnsafeBufferPointer<Step>, cache: inout ParentObjectCache,
        table: ParentObjectCache.Table, to writer: inout RawByteWriter
    ) {
        writer.bytes(attributesPrefix)
        writer.raw(record.id.rawValue)
        writer.byte(34)
        writer.byte(125)
        record.withEncodedJSONValues { values in
            for step in steps {
                writer.bytes(UnsafeBufferPointer(rebasing: keys[step.keyStart..<(step.keyStart + step.keyLength)]))
                if step.nested >= 0 {
                    cache.writeNext(step: step, from: table, to: &writer)
                } else if let values {
                    values.write(slot: step.slot, to: &writer)
                } else {
                    record.writeJSON(slot: step.slot, to: &writer)
                }
            }
        }
        writer.byte(125)
    }

    /// One parent object (`{"attributes":…,"Name":…}`) on its own, in one allocation.
    func renderParent(_ record: any SObjectRecord, parents: OrgTables) -> [UInt8] {
        guard nested.isEmpty else {
            // Parents of parents (`Account.Owner.Name`) are rare: take the general path.
            return renderOpened(record, parents: parents)
        }
        let bound = attributesPrefix.count + RawByteWriter.maximumID + 2 + keys.count + record.maximumJSONBytes
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var writer = RawByteWriter(start)
            writer.bytes(attributesPrefix)
            writer.raw(record.id.rawValue)
            writer.byte(34)
            writer.byte(125)
            keys.withUnsafeBufferPointer { keys in
                for step in steps {
                    writer.bytes(UnsafeBufferPointer(rebasing: keys[step.keyStart..<(step.keyStart + step.keyLength)]))
                    record.writeJSON(slot: step.slot, to: &writer)
                }
            }
            writer.byte(125)
            count = writer.cursor - start
        }
    }

    private func renderOpened<Record: SObjectRecord>(_ record: Record, parents: OrgTables) -> [UInt8] {
        renderJSON(RowList([record]), 0..<1, parents: parents, prefix: [], suffix: [])
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
