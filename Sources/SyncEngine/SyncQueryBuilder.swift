import DealdeckCore

/// Builds every SOQL statement a sync sends. Pure, so each shape is unit-tested.
///
/// The SELECT list is what Dealdeck caches intersected with what describe says the user can see
/// (a field hidden by field-level security would fail the whole query with INVALID_FIELD), with
/// `CurrencyIsoCode` only on multi-currency orgs. Datetimes are written `…Z`, never `+00:00`: a
/// literal `+` in a URL query decodes to a space.
public struct SyncQueryBuilder: Equatable, Sendable {
    /// Field paths in SELECT order (`Id`, `Account.Name`, …).
    public let fields: [String]

    /// Everything Dealdeck caches, in the order it selects it.
    public static let wantedFields = [
        "Id", "Name", "AccountId", "Account.Name", "StageName", "Amount", "CurrencyIsoCode", "CloseDate", "Probability",
        "Type", "LeadSource", "NextStep", "Description", "ForecastCategoryName", "IsClosed", "IsWon", "OwnerId",
        "Owner.Name", "Owner.Email", "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsDeleted",
    ]

    /// Fields without which a cached opportunity cannot exist (or the cursor cannot work).
    public static let requiredFields = ["Id", "Name", "StageName", "CloseDate", "OwnerId", "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsDeleted"]

    public init(fields: [String]) {
        self.fields = fields
    }

    /// The SELECT list for what describe reports.
    /// - Throws: `SyncFailure` when a field Dealdeck cannot do without is hidden from the user.
    public init(schema: SourceSchema) throws(SyncFailure) {
        let visible = Set(schema.fields.map { $0.lowercased() })
        let missing = Self.requiredFields.filter { !visible.contains($0.lowercased()) }
        guard missing.isEmpty else {
            throw SyncFailure(
                reason: .other,
                message: "Your Salesforce user cannot see the Opportunity field\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")), which Dealdeck needs.",
                fix: "Ask your Salesforce admin to give your profile read access to \(missing.count == 1 ? "it" : "them") (field-level security).",
                cause: "FIELD_NOT_VISIBLE")
        }
        fields = Self.wantedFields.filter { path in
            switch path {
            case "Account.Name": return visible.contains("accountid")
            case "Owner.Name", "Owner.Email": return visible.contains("ownerid")
            case "CurrencyIsoCode": return schema.multiCurrency && visible.contains("currencyisocode")
            default: return visible.contains(path.lowercased())
            }
        }
    }

    /// This list without one field (after Salesforce refused it with INVALID_FIELD), or nil when
    /// the field is not in the list or cannot be done without.
    public func dropping(_ name: String) -> SyncQueryBuilder? {
        let lowered = name.lowercased()
        let kept = fields.filter { path in
            path.lowercased() != lowered && path.split(separator: ".").last.map({ $0.lowercased() }) != lowered
        }
        guard kept.count < fields.count else { return nil }
        let required = Set(Self.requiredFields.map { $0.lowercased() })
        guard kept.filter({ required.contains($0.lowercased()) }).count == required.count else { return nil }
        return SyncQueryBuilder(fields: kept)
    }

    public var selectList: String { fields.joined(separator: ", ") }

    /// Full REST sync: every row, recycle bin included (run with queryAll), in cursor order,
    /// resuming after `cursor`.
    public func fullQuery(after cursor: SyncCursor?) -> String {
        var soql = "SELECT \(selectList) FROM Opportunity"
        if let cursor { soql += " WHERE " + Self.after(cursor) }
        return soql + " ORDER BY SystemModstamp, Id"
    }

    /// Incremental sync: rows stamped at or after `since`, resuming after `cursor` (which, when
    /// given, is at or after `since`).
    public func incrementalQuery(since: SalesforceTimestamp, after cursor: SyncCursor?) -> String {
        let condition = cursor.map(Self.after) ?? "SystemModstamp >= \(Self.literal(since))"
        return "SELECT \(selectList) FROM Opportunity WHERE \(condition) ORDER BY SystemModstamp, Id"
    }

    /// Bulk API 2.0 full load: no ORDER BY (it would disable PK chunking).
    public var bulkQuery: String { "SELECT \(selectList) FROM Opportunity" }

    /// The records with these IDs (ID sweep: present in Salesforce, missing from the cache).
    public func byIDs(_ ids: [SalesforceID]) -> String {
        let list = ids.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "SELECT \(selectList) FROM Opportunity WHERE Id IN (\(list))"
    }

    /// Live rows in Salesforce: the verification count.
    public static let countQuery = "SELECT COUNT() FROM Opportunity"

    /// The ID sweep: every live ID in ID order, resuming after `after`.
    public static func idQuery(after: SalesforceID?) -> String {
        guard let after else { return "SELECT Id FROM Opportunity ORDER BY Id" }
        return "SELECT Id FROM Opportunity WHERE Id > '\(after.rawValue)' ORDER BY Id"
    }

    /// `(SystemModstamp, Id)` strictly after the cursor: the tie-break that makes records sharing
    /// a timestamp safe to page through and to resume in the middle of.
    static func after(_ cursor: SyncCursor) -> String {
        let stamp = literal(cursor.systemModstamp)
        return "(SystemModstamp > \(stamp) OR (SystemModstamp = \(stamp) AND Id > '\(cursor.id.rawValue)'))"
    }

    /// A SOQL dateTime literal in UTC with `Z`: whole seconds when there are no milliseconds
    /// (Salesforce's own stamps), else with them, so a cursor is exact.
    public static func literal(_ timestamp: SalesforceTimestamp) -> String {
        let full = timestamp.soqlLiteral  // 2024-01-02T03:04:05.123Z
        guard timestamp.millisecondsSinceEpoch % 1000 == 0, full.hasSuffix(".000Z") else { return full }
        return String(full.dropLast(5)) + "Z"
    }
}
