import DealdeckCore

/// One-call evaluation with a single accessor taking the record and the path.
///
/// These build a `SOQLEvaluator` for the call. For many records use `execute` (one compile for
/// the whole run) or keep a `SOQLEvaluator`, rather than calling `matches` record by record.
extension SOQLResolvedQuery {
    /// Whether `record` passes the WHERE clause.
    public func matches<Record>(
        _ record: Record, now: SalesforceTimestamp, value: (Record, SOQLFieldPath) -> SOQLValue
    ) -> Bool {
        withoutActuallyEscaping(value) { value in
            SOQLEvaluator<Record>(query: self, now: now) { path in { value($0, path) } }.matches(record)
        }
    }

    /// `records` in ORDER BY order (stable).
    public func order<Record>(_ records: [Record], value: (Record, SOQLFieldPath) -> SOQLValue) -> [Record] {
        withoutActuallyEscaping(value) { value in
            // Ordering never consults the clock; any instant will do.
            let evaluator = SOQLEvaluator<Record>(query: self, now: SalesforceTimestamp(millisecondsSinceEpoch: 0)) { path in
                { value($0, path) }
            }
            return evaluator.order(records)
        }
    }

    /// WHERE, ORDER BY, OFFSET and LIMIT in one pass, or the count for COUNT queries.
    public func execute<Records: Sequence>(
        _ records: Records, now: SalesforceTimestamp, value: (Records.Element, SOQLFieldPath) -> SOQLValue
    ) -> SOQLResult<Records.Element> {
        withoutActuallyEscaping(value) { value in
            SOQLEvaluator<Records.Element>(query: self, now: now) { path in { value($0, path) } }.execute(records)
        }
    }
}
