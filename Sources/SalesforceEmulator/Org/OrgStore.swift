import DealdeckCore
import Synchronization

/// The emulated org's data: users, accounts, stages, opportunities and the recycle bin.
///
/// All state sits behind one `Mutex`; readers take an O(1) copy-on-write snapshot and work
/// outside the lock, so a 2,000-record page never blocks writers. Writes stamp
/// SystemModstamp (and LastModifiedDate for user edits) from the org clock. Deleted records
/// stay in the recycle bin for 15 days of org time, then vanish on the next access.
public final class OrgStore: Sendable {
    public let schema: OrgSchema
    private let clock: EmulatorClock
    private let identity: OrgIdentity
    private let tables: Mutex<OrgTables>
    private let listeners = Mutex<[@Sendable () -> Void]>([])

    /// How long deleted records stay in the recycle bin.
    public static let recycleBinRetentionMilliseconds: Int64 = 15 * 86_400_000

    public init(configuration: EmulatorConfiguration, identity: OrgIdentity, clock: EmulatorClock, stored: OrgState?) {
        self.clock = clock
        self.identity = identity
        if let stored {
            schema = OrgSchema(multiCurrency: stored.multiCurrency)
            tables = Mutex(stored.tables)
        } else {
            schema = OrgSchema(multiCurrency: configuration.multiCurrency)
            let anchor = SalesforceTimestamp(millisecondsSinceEpoch: clock.now().millisecondsSinceEpoch / 60_000 * 60_000)
            tables = Mutex(OrgGenerator(configuration: configuration, identity: identity, anchor: anchor).generate())
        }
    }

    // MARK: - Reading

    /// The org as it is now (after purging expired recycle-bin records).
    public func snapshot() -> OrgTables {
        let now = clock.now()
        return tables.withLock { tables in
            Self.purgeExpired(&tables, now: now)
            return tables
        }
    }

    /// Where a record stands: live, in the recycle bin, or unknown.
    public enum Lookup: Sendable {
        case live(any SObjectRecord)
        case deleted
        case notFound
    }

    /// Finds one record by type and ID.
    public func lookup(_ type: SObjectType, id: SalesforceID) -> Lookup {
        let snapshot = snapshot()
        guard let record = snapshot.record(of: type, id: id) else { return .notFound }
        if let opportunity = record as? OpportunityRecord, opportunity.isDeleted { return .deleted }
        if let account = record as? AccountRecord, account.isDeleted { return .deleted }
        return .live(record)
    }

    /// Record counts for the control surface.
    public struct Statistics: Sendable {
        public var liveOpportunities: Int
        public var deletedOpportunities: Int
        public var accounts: Int
        public var users: Int
        public var activeUsers: Int
        public var stages: Int
    }

    public func statistics() -> Statistics {
        let snapshot = snapshot()
        let deleted = snapshot.recycleBin.count
        return Statistics(
            liveOpportunities: snapshot.opportunities.count - deleted,
            deletedOpportunities: deleted,
            accounts: snapshot.accounts.count,
            users: snapshot.users.count,
            activeUsers: snapshot.users.filter(\.isActive).count,
            stages: snapshot.stages.count
        )
    }

    /// The state file's copy of the org.
    public func exportState() -> OrgState {
        OrgState(tables: snapshot(), multiCurrency: schema.multiCurrency)
    }

    // MARK: - Writing

    /// Overrides the control surface may apply to a write (tie scenarios, back-dated records).
    public struct WriteOptions: Sendable {
        /// Stamp this SystemModstamp instead of the clock's time.
        public var systemModstamp: SalesforceTimestamp?
        /// Stamp this LastModifiedDate (defaults to the SystemModstamp used).
        public var lastModifiedDate: SalesforceTimestamp?
        /// For creates: this CreatedDate.
        public var createdDate: SalesforceTimestamp?
        /// False lets the write set fields the API treats as read-only (the control surface).
        public var enforceAccess: Bool = true

        public init(systemModstamp: SalesforceTimestamp? = nil, lastModifiedDate: SalesforceTimestamp? = nil, createdDate: SalesforceTimestamp? = nil, enforceAccess: Bool = true) {
            self.systemModstamp = systemModstamp
            self.lastModifiedDate = lastModifiedDate
            self.createdDate = createdDate
            self.enforceAccess = enforceAccess
        }
    }

    /// Creates an opportunity from a DML body (`POST /sobjects/Opportunity`).
    @discardableResult
    public func createOpportunity(_ members: [JSONMember], by user: SalesforceID, options: WriteOptions = WriteOptions()) throws(SalesforceError) -> OpportunityRecord {
        let now = clock.now()
        let created = try tables.withLock { tables throws(SalesforceError) -> OpportunityRecord in
            Self.purgeExpired(&tables, now: now)
            let stamp = options.systemModstamp ?? now
            let createdDate = options.createdDate ?? stamp
            let defaultStage = OpportunityStageRecord.standard[0]
            var fields = OpportunityRecord.Fields(
                id: OrgGenerator.opportunityID(number: tables.nextOpportunityNumber),
                accountId: nil, name: "", description: nil, stageName: defaultStage.label, amountCents: nil,
                probability: nil, closeDate: now.date, type: nil, nextStep: nil, leadSource: nil,
                isClosed: false, isWon: false, forecastCategory: "Pipeline", forecastCategoryName: "Pipeline",
                currencyIsoCode: schema.multiCurrency ? OrgSchema.currencyCodes[0] : nil,
                ownerId: user, createdDate: createdDate, createdById: user,
                lastModifiedDate: options.lastModifiedDate ?? stamp, lastModifiedById: user, systemModstamp: stamp
            )
            let writer = OpportunityWriter(schema: schema.opportunity, tables: tables, enforceAccess: options.enforceAccess, isCreate: true)
            try writer.apply(members, to: &fields)
            let record = OpportunityRecord(fields)
            tables.nextOpportunityNumber += 1
            tables.appendOpportunity(record)
            tables.version &+= 1
            return record
        }
        notifyListeners()
        return created
    }

    /// Updates an opportunity with PATCH semantics: only the fields in the body change.
    @discardableResult
    public func updateOpportunity(_ id: SalesforceID, _ members: [JSONMember], by user: SalesforceID, options: WriteOptions = WriteOptions()) throws(SalesforceError) -> OpportunityRecord {
        let now = clock.now()
        let updated = try tables.withLock { tables throws(SalesforceError) -> OpportunityRecord in
            Self.purgeExpired(&tables, now: now)
            guard let index = tables.opportunityIndex[id] else { throw SalesforceError.notFound }
            var fields = tables.opportunities[index].fields
            guard !fields.isDeleted else { throw Self.entityDeleted }
            let writer = OpportunityWriter(schema: schema.opportunity, tables: tables, enforceAccess: options.enforceAccess, isCreate: false)
            try writer.apply(members, to: &fields)
            let stamp = options.systemModstamp ?? now
            fields.systemModstamp = stamp
            fields.lastModifiedDate = options.lastModifiedDate ?? stamp
            fields.lastModifiedById = user
            let record = OpportunityRecord(fields)
            tables.opportunities[index] = record
            tables.version &+= 1
            return record
        }
        notifyListeners()
        return updated
    }

    /// Moves an opportunity to the recycle bin.
    public func deleteOpportunity(_ id: SalesforceID, by user: SalesforceID) throws(SalesforceError) {
        let now = clock.now()
        try tables.withLock { tables throws(SalesforceError) in
            Self.purgeExpired(&tables, now: now)
            guard let index = tables.opportunityIndex[id] else { throw SalesforceError.notFound }
            guard !tables.opportunities[index].isDeleted else { throw Self.entityDeleted }
            var fields = tables.opportunities[index].fields
            fields.isDeleted = true
            fields.deletedDate = now
            fields.systemModstamp = now
            fields.lastModifiedDate = now
            fields.lastModifiedById = user
            tables.opportunities[index].fields = fields
            tables.recycleBin[id] = now
            if tables.oldestDeletion == nil { tables.oldestDeletion = now }
            tables.version &+= 1
        }
        notifyListeners()
    }

    /// Restores an opportunity from the recycle bin.
    public func undeleteOpportunity(_ id: SalesforceID, by user: SalesforceID) throws(SalesforceError) {
        let now = clock.now()
        try tables.withLock { tables throws(SalesforceError) in
            Self.purgeExpired(&tables, now: now)
            guard let index = tables.opportunityIndex[id] else { throw SalesforceError.notFound }
            guard tables.opportunities[index].isDeleted else {
                throw SalesforceError(status: 400, errorCode: "UNDELETE_FAILED", message: "Entity is not in the recycle bin")
            }
            var fields = tables.opportunities[index].fields
            fields.isDeleted = false
            fields.deletedDate = nil
            fields.systemModstamp = now
            fields.lastModifiedDate = now
            fields.lastModifiedById = user
            tables.opportunities[index].fields = fields
            tables.recycleBin[id] = nil
            tables.oldestDeletion = tables.recycleBin.values.min()
            tables.version &+= 1
        }
        notifyListeners()
    }

    /// Empties the recycle bin now (all of it, or what was deleted before `before`).
    /// Returns how many records were purged.
    @discardableResult
    public func purgeRecycleBin(deletedBefore before: SalesforceTimestamp? = nil) -> Int {
        let cutoff = before ?? SalesforceTimestamp(millisecondsSinceEpoch: Int64.max)
        let purged = tables.withLock { tables in Self.purge(&tables, deletedAtOrBefore: cutoff) }
        if purged > 0 { notifyListeners() }
        return purged
    }

    /// Gives `count` live opportunities (or exactly `ids`) one identical SystemModstamp, as a
    /// batch job would. Returns the IDs touched.
    public func touchOpportunities(count: Int, ids: [SalesforceID]? = nil, at stamp: SalesforceTimestamp? = nil) throws(SalesforceError) -> (ids: [SalesforceID], systemModstamp: SalesforceTimestamp) {
        let now = clock.now()
        let stamp = stamp ?? now
        let touched = try tables.withLock { tables throws(SalesforceError) -> [SalesforceID] in
            Self.purgeExpired(&tables, now: now)
            var indexes: [Int] = []
            if let ids {
                for id in ids {
                    guard let index = tables.opportunityIndex[id], !tables.opportunities[index].isDeleted else {
                        throw SalesforceError(status: 404, errorCode: "NOT_FOUND", message: "No live opportunity \(id.rawValue)")
                    }
                    indexes.append(index)
                }
            } else {
                for index in tables.opportunities.indices where !tables.opportunities[index].isDeleted {
                    indexes.append(index)
                    if indexes.count == count { break }
                }
            }
            for index in indexes { tables.opportunities[index].systemModstamp = stamp }
            tables.version &+= 1
            return indexes.map { tables.opportunities[$0].id }
        }
        notifyListeners()
        return (touched, stamp)
    }

    /// Activates or deactivates a user in the User table. Returns false for an unknown username.
    @discardableResult
    public func setUserActive(username: String, active: Bool) -> Bool {
        let now = clock.now()
        let found = tables.withLock { tables -> Bool in
            guard let index = tables.users.firstIndex(where: { $0.username.lowercased() == username.lowercased() }) else { return false }
            var fields = tables.users[index].fields
            fields.isActive = active
            fields.lastModifiedDate = now
            fields.systemModstamp = now
            tables.users[index].fields = fields
            tables.version &+= 1
            return true
        }
        if found { notifyListeners() }
        return found
    }

    /// Calls `listener` after every write (the state file's debounced autosave).
    public func onChange(_ listener: @escaping @Sendable () -> Void) {
        listeners.withLock { $0.append(listener) }
    }

    // MARK: - Internals

    private static let entityDeleted = SalesforceError(status: 404, errorCode: "ENTITY_IS_DELETED", message: "entity is deleted", fields: [])

    private func notifyListeners() {
        for listener in listeners.withLock({ $0 }) { listener() }
    }

    /// The lazy 15-day purge: cheap unless the oldest deletion has expired.
    private static func purgeExpired(_ tables: inout OrgTables, now: SalesforceTimestamp) {
        guard let oldest = tables.oldestDeletion else { return }
        let cutoff = now.adding(milliseconds: -recycleBinRetentionMilliseconds)
        guard oldest <= cutoff else { return }
        purge(&tables, deletedAtOrBefore: cutoff)
    }

    @discardableResult
    private static func purge(_ tables: inout OrgTables, deletedAtOrBefore cutoff: SalesforceTimestamp) -> Int {
        let expired = tables.recycleBin.filter { $0.value <= cutoff }
        guard !expired.isEmpty else { return 0 }
        if let newest = expired.values.max(), newest > tables.earliestDeletedDateAvailable {
            tables.earliestDeletedDateAvailable = newest
        }
        tables.opportunities.removeAll { expired[$0.id] != nil }
        tables.rebuildIndexes()
        tables.version &+= 1
        return expired.count
    }
}
