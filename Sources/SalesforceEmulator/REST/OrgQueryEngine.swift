import DealdeckCore

/// The join between the org and the SOQL engine (`SOQL/`): builds the `SOQLSchema` from the
/// org's object definitions, tells the evaluator how to read each field path from stored
/// records (walking parent relationships through a snapshot), and runs queries.
struct OrgQueryEngine: Sendable {
    let schema: OrgSchema
    let soqlSchema: SOQLSchema
    let orders = SortedOrderCache()

    init(schema: OrgSchema) {
        self.schema = schema
        soqlSchema = SOQLSchema(objects: SObjectType.allCases.map { type in
            let objectSchema = schema[type]
            return SOQLObjectSchema(
                name: type.name,
                fields: objectSchema.fields.map { SOQLFieldSchema(name: $0.name, type: Self.soqlType($0.type)) },
                relationships: objectSchema.relationships.map { SOQLRelationshipSchema(name: $0.name, targetObject: $0.target.name) }
            )
        })
    }

    /// What running a query produced.
    struct Outcome: Sendable {
        var query: SOQLResolvedQuery
        var type: SObjectType
        var rows: QueryRows
        /// `totalSize`: all rows over all pages, or the count for `COUNT()`.
        var totalSize: Int
        /// For `COUNT()` and `COUNT(field)`.
        var count: Int?
    }

    /// Parses and validates SOQL text.
    func resolve(_ text: String) throws(SOQLError) -> SOQLResolvedQuery {
        try soqlSchema.resolve(text)
    }

    /// Runs `query` over a snapshot; `includeDeleted` is queryAll.
    func run(_ query: SOQLResolvedQuery, on snapshot: OrgTables, includeDeleted: Bool, now: SalesforceTimestamp) -> Outcome? {
        guard let type = SObjectType(caseInsensitiveName: query.objectName) else { return nil }
        let parents = snapshot.parentsOnly
        let key = SortedOrderCache.Key(object: type.name, ordering: query.ordering, includeDeleted: includeDeleted, version: snapshot.version)
        switch type {
        case .opportunity:
            // The whole table, recycle bin included, with deleted rows skipped by position:
            // filtering first would copy every record (and retain each of its fields) per query.
            let result = evaluate(
                query, type: type, parents: parents, now: now, key: key, snapshot.opportunities, excluding: includeDeleted ? nil : { $0.isDeleted })
            return Outcome(query: query, type: type, rows: .opportunities(result.rows), totalSize: result.totalSize, count: result.count)
        case .account:
            let result = evaluate(query, type: type, parents: parents, now: now, key: key, snapshot.accounts.filter { includeDeleted || !$0.isDeleted })
            return Outcome(query: query, type: type, rows: .accounts(result.rows), totalSize: result.totalSize, count: result.count)
        case .user:
            let result = evaluate(query, type: type, parents: parents, now: now, key: key, snapshot.users)
            return Outcome(query: query, type: type, rows: .users(result.rows), totalSize: result.totalSize, count: result.count)
        case .opportunityStage:
            let result = evaluate(query, type: type, parents: parents, now: now, key: key, snapshot.stages)
            return Outcome(query: query, type: type, rows: .stages(result.rows), totalSize: result.totalSize, count: result.count)
        }
    }

    private func evaluate<Record: SObjectRecord>(
        _ query: SOQLResolvedQuery, type: SObjectType, parents: OrgTables, now: SalesforceTimestamp, key: SortedOrderCache.Key,
        _ table: [Record], excluding excluded: ((Record) -> Bool)? = nil
    ) -> (rows: RowList<Record>, totalSize: Int, count: Int?) {
        let evaluator = SOQLEvaluator<Record>(query: query, now: now) { path in
            reader(for: path, from: type, parents: parents)
        }
        // Counted in place: handing the evaluator the table without excluded rows copied every
        // record first (half a second of a verification's COUNT() over a million rows).
        if let excluded, let counted: SOQLResult<Int> = evaluator.count(table.lazy.filter({ !excluded($0) })) {
            return (RowList([]), counted.totalSize, counted.count)
        }
        // The paths that hand the evaluator an array get the table without excluded rows.
        var filtered: [Record] { excluded.map { excluded in table.filter { !excluded($0) } } ?? table }
        guard !query.ordering.isEmpty, !query.isCount else { return Self.rows(evaluator.execute(filtered)) }
        let records = table
        var key = key
        key.rows = records.count
        let order: [Int]
        if let cached = orders.order(for: key) {
            order = cached
        } else if let limit = query.limit, (query.offset ?? 0) + limit < records.count / 8 {
            // A small page of a large set: the engine's top-k selection beats a full sort.
            return Self.rows(evaluator.execute(filtered))
        } else {
            // The ordering alone, over every row; WHERE, OFFSET and LIMIT are applied below.
            let sortOnly = SOQLResolvedQuery(
                text: query.text, objectName: query.objectName, selection: .fields([]), condition: nil, ordering: query.ordering,
                limit: nil, offset: nil)
            let sorter = SOQLEvaluator<Record>(query: sortOnly, now: now) { path in
                reader(for: path, from: type, parents: parents)
            }
            var sorted = sorter.executeIndices(records).records
            // Excluded rows (the recycle bin, for `query`) are dropped once, here: the key
            // tells `query` from `queryAll`, and skipping them on every query read each of
            // the table's records again (a tenth of a full paging pass at 200,000 rows).
            if let excluded { sorted.removeAll { excluded(records[$0]) } }
            order = sorted
            orders.store(order, for: key)
        }
        // Positions into `records`, not copies: a page touches only the records it writes.
        var positions: [Int] = []
        var skip = query.offset ?? 0
        let limit = query.limit ?? Int.max
        if limit > 0 {
            if query.condition == nil {
                let start = min(skip, order.count)
                positions = Array(order[start..<(start + min(limit, order.count - start))])
            } else {
                for index in order where evaluator.matches(records[index]) {
                    if skip > 0 {
                        skip -= 1
                        continue
                    }
                    positions.append(index)
                    if positions.count >= limit { break }
                }
            }
        }
        return (RowList(records, positions: positions), positions.count, nil)
    }

    private static func rows<Record: SObjectRecord>(_ result: SOQLResult<Record>) -> (rows: RowList<Record>, totalSize: Int, count: Int?) {
        (RowList(result.records), result.totalSize, result.count)
    }

    /// How to read one field path from a record of `type`: a slot read, or a walk through
    /// parent references (`.null` as soon as a lookup is empty).
    func reader<Record: SObjectRecord>(for path: SOQLFieldPath, from type: SObjectType, parents: OrgTables) -> (Record) -> SOQLValue {
        var objectType = type
        var hops: [(slot: Int, target: SObjectType)] = []
        for name in path.relationships {
            guard let relationship = schema[objectType].relationship(named: name) else { return { _ in .null } }
            hops.append((relationship.fieldSlot, relationship.target))
            objectType = relationship.target
        }
        guard let field = schema[objectType].field(named: path.fieldName) else { return { _ in .null } }
        let slot = field.slot
        if hops.isEmpty {
            return { record in Self.soqlValue(record.value(at: slot)) }
        }
        return { record in
            var current: any SObjectRecord = record
            for hop in hops {
                guard case .id(let parentID) = current.value(at: hop.slot), let parent = parents.record(of: hop.target, id: parentID) else {
                    return .null
                }
                current = parent
            }
            return Self.soqlValue(current.value(at: slot))
        }
    }

    static func soqlValue(_ value: WireValue) -> SOQLValue {
        switch value {
        case .null: return .null
        case .string(let text): return .string(text)
        case .id(let id): return .string(id.rawValue)
        case .boolean(let flag): return .boolean(flag)
        case .integer(let number): return .number(Double(number))
        case .cents(let cents): return .number(Double(cents) / 100)
        case .wholeNumber(let number): return .number(Double(number))
        case .date(let date): return .date(date)
        case .dateTime(let timestamp): return .dateTime(timestamp)
        }
    }

    static func soqlType(_ type: FieldDefinition.FieldType) -> SOQLFieldType {
        switch type {
        case .id: return .id
        case .reference: return .reference
        case .string, .email, .phone, .url: return .string
        case .textarea: return .textarea
        case .picklist: return .picklist
        case .currency: return .currency
        case .percent: return .percent
        case .double: return .double
        case .int: return .int
        case .boolean: return .boolean
        case .date: return .date
        case .datetime: return .dateTime
        }
    }
}
