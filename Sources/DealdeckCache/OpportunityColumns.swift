import DealdeckCore
import Foundation
import GRDB

/// The opportunity table's columns and the one place rows become `Opportunity` values and back.
enum OpportunityColumns {
    static let selectList = """
        id, name, account_id, account_name, stage_name, amount_cents, currency_iso_code, close_date, \
        probability, type, lead_source, next_step, description, forecast_category_name, is_closed, is_won, \
        owner_id, owner_name, owner_email, created_date, last_modified_date, system_modstamp
        """

    /// Decodes a row selected with `selectList` plus `deleted_at` and `synced_at`.
    static func cachedOpportunity(from row: Row) throws -> CachedOpportunity {
        try CachedOpportunity(
            opportunity: opportunity(from: row),
            deletedAt: (row["deleted_at"] as Int64?).map(SalesforceTimestamp.init(millisecondsSinceEpoch:)),
            syncedAt: SalesforceTimestamp(millisecondsSinceEpoch: row["synced_at"]))
    }

    /// Decodes a row selected with `selectList` (prefixed or not).
    static func opportunity(from row: Row) throws -> Opportunity {
        let idText: String = row["id"]
        guard let id = SalesforceID(idText) else { throw CacheCorruption.badValue(column: "id", value: idText) }
        let ownerText: String = row["owner_id"]
        guard let ownerId = SalesforceID(ownerText) else { throw CacheCorruption.badValue(column: "owner_id", value: ownerText) }
        let closeText: String = row["close_date"]
        guard let closeDate = CalendarDate(closeText) else { throw CacheCorruption.badValue(column: "close_date", value: closeText) }
        let cents: Int64? = row["amount_cents"]
        let probability: String? = row["probability"]
        let accountText: String? = row["account_id"]
        return Opportunity(
            id: id,
            name: row["name"],
            accountId: accountText.flatMap(SalesforceID.init),
            accountName: row["account_name"],
            stageName: row["stage_name"],
            amount: cents.map(Money.amount(cents:)),
            currencyIsoCode: row["currency_iso_code"],
            closeDate: closeDate,
            probability: probability.flatMap(Money.decimal),
            type: row["type"],
            leadSource: row["lead_source"],
            nextStep: row["next_step"],
            description: row["description"],
            forecastCategoryName: row["forecast_category_name"],
            isClosed: row["is_closed"],
            isWon: row["is_won"],
            ownerId: ownerId,
            ownerName: row["owner_name"],
            ownerEmail: row["owner_email"],
            createdDate: SalesforceTimestamp(millisecondsSinceEpoch: row["created_date"]),
            lastModifiedDate: SalesforceTimestamp(millisecondsSinceEpoch: row["last_modified_date"]),
            systemModstamp: SalesforceTimestamp(millisecondsSinceEpoch: row["system_modstamp"])
        )
    }

    /// Inserts one row (failing on an ID already cached): parameters in `OpportunityRows.Column`
    /// order, then `deleted_at`, `synced_at`.
    static let insertSQL = """
        INSERT INTO opportunity (
            id, name, account_id, account_name, stage_name, amount_cents, currency_iso_code, close_date,
            probability, type, lead_source, next_step, description, forecast_category_name, is_closed, is_won,
            owner_id, owner_name, owner_email, created_date, last_modified_date, system_modstamp, deleted_at, synced_at
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Upserts one row, parameters as for `insertSQL`.
    static let upsertSQL = insertSQL + """

        ON CONFLICT(id) DO UPDATE SET
            name = excluded.name, account_id = excluded.account_id, account_name = excluded.account_name,
            stage_name = excluded.stage_name, amount_cents = excluded.amount_cents,
            currency_iso_code = excluded.currency_iso_code, close_date = excluded.close_date,
            probability = excluded.probability, type = excluded.type, lead_source = excluded.lead_source,
            next_step = excluded.next_step, description = excluded.description,
            forecast_category_name = excluded.forecast_category_name, is_closed = excluded.is_closed,
            is_won = excluded.is_won, owner_id = excluded.owner_id, owner_name = excluded.owner_name,
            owner_email = excluded.owner_email, created_date = excluded.created_date,
            last_modified_date = excluded.last_modified_date, system_modstamp = excluded.system_modstamp,
            deleted_at = excluded.deleted_at, synced_at = excluded.synced_at
        """
}

/// A value in the cache that no Dealdeck version would have written.
struct CacheCorruption: Error, CustomStringConvertible {
    let column: String
    let value: String

    static func badValue(column: String, value: String) -> CacheCorruption { CacheCorruption(column: column, value: value) }

    var description: String { "column \(column) holds '\(value)'" }
}
