import DealdeckCore

extension RESTEndpoint {
    /// How far back `/updated/` reaches.
    static let updatedWindowMilliseconds: Int64 = 30 * 86_400_000
    /// How far back `/deleted/` reaches (the recycle bin's retention).
    static let deletedWindowMilliseconds: Int64 = 15 * 86_400_000
    /// More IDs than this in one answer is `EXCEEDED_ID_LIMIT` (Salesforce's limit).
    static let defaultReplicationIDLimit = 600_000

    private struct Window {
        var start: SalesforceTimestamp
        /// `latestDateCovered`: the requested end, or now, to the minute.
        var latestCovered: SalesforceTimestamp
    }

    private static func minute(_ timestamp: SalesforceTimestamp) -> SalesforceTimestamp {
        let ms = timestamp.millisecondsSinceEpoch
        let floored = ms >= 0 ? ms / 60_000 * 60_000 : -((-ms + 59_999) / 60_000) * 60_000
        return SalesforceTimestamp(millisecondsSinceEpoch: floored)
    }

    /// Reads and checks `start`/`end` the way getUpdated/getDeleted do: seconds truncated,
    /// start before end, start within the window.
    private func window(_ call: Call, reach: Int64, days: Int) -> Result<Window, SalesforceError> {
        let parameters = call.request.queryParameters
        guard let startText = parameters["start"], let endText = parameters["end"] else {
            return .failure(SalesforceError(status: 400, errorCode: "MISSING_ARGUMENT", message: "start and end query params are required"))
        }
        guard let rawStart = SalesforceTimestamp(startText) else {
            return .failure(SalesforceError(status: 400, errorCode: "INVALID_REPLICATION_DATE", message: "start date is not a valid dateTime: \(startText)"))
        }
        guard let rawEnd = SalesforceTimestamp(endText) else {
            return .failure(SalesforceError(status: 400, errorCode: "INVALID_REPLICATION_DATE", message: "end date is not a valid dateTime: \(endText)"))
        }
        let now = services.clock.now()
        let start = Self.minute(rawStart)
        let end = Self.minute(rawEnd)
        guard start < end else {
            return .failure(SalesforceError(status: 400, errorCode: "INVALID_REPLICATION_DATE", message: "startDate must chronologically precede endDate"))
        }
        guard start >= Self.minute(now.adding(milliseconds: -reach)) else {
            return .failure(SalesforceError(
                status: 400, errorCode: "INVALID_REPLICATION_DATE",
                message: "startDate cannot be more than \(days) days ago"))
        }
        return .success(Window(start: start, latestCovered: min(end, Self.minute(now))))
    }

    /// `GET /sobjects/X/updated/?start=&end=`.
    func updated(_ call: Call, type: SObjectType) -> EmulatorResponse {
        guard type != .opportunityStage else { return Self.notReplicateable(type) }
        let window: Window
        switch self.window(call, reach: Self.updatedWindowMilliseconds, days: 30) {
        case .failure(let error): return error.response
        case .success(let value): window = value
        }
        let snapshot = services.org.snapshot()
        var ids: [SalesforceID] = []
        func consider(_ id: SalesforceID, _ stamp: SalesforceTimestamp, deleted: Bool) {
            if !deleted && stamp >= window.start && stamp < window.latestCovered { ids.append(id) }
        }
        switch type {
        case .opportunity: for record in snapshot.opportunities { consider(record.id, record.systemModstamp, deleted: record.isDeleted) }
        case .account: for record in snapshot.accounts { consider(record.id, record.systemModstamp, deleted: record.isDeleted) }
        case .user: for record in snapshot.users { consider(record.id, record.systemModstamp, deleted: false) }
        case .opportunityStage: break
        }
        guard ids.count <= replicationIDLimit else { return Self.exceededIDLimit.response }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + ids.count * 21)
        bytes.append(contentsOf: "{\"ids\":[".utf8)
        for (index, id) in ids.enumerated() {
            if index > 0 { bytes.append(44) }
            WireValueEncoding.appendJSON(.id(id), to: &bytes)
        }
        bytes.append(contentsOf: "],\"latestDateCovered\":".utf8)
        WireValueEncoding.appendJSON(.dateTime(window.latestCovered), to: &bytes)
        bytes.append(125)
        return .json(200, bytes)
    }

    /// `GET /sobjects/X/deleted/?start=&end=`.
    func deleted(_ call: Call, type: SObjectType) -> EmulatorResponse {
        guard type != .opportunityStage else { return Self.notReplicateable(type) }
        let window: Window
        switch self.window(call, reach: Self.deletedWindowMilliseconds, days: 15) {
        case .failure(let error): return error.response
        case .success(let value): window = value
        }
        let snapshot = services.org.snapshot()
        var deleted: [(id: SalesforceID, date: SalesforceTimestamp)] = []
        if type == .opportunity {
            for (id, date) in snapshot.recycleBin where date >= window.start && date < window.latestCovered {
                deleted.append((id, date))
            }
            deleted.sort { $0.date == $1.date ? $0.id < $1.id : $0.date < $1.date }
        }
        guard deleted.count <= replicationIDLimit else { return Self.exceededIDLimit.response }
        // Rounded up: a purged deletion at 15:57:30 must make 15:58 the earliest safe point.
        let earliest = snapshot.earliestDeletedDateAvailable
        let earliestMinute = Self.minute(earliest) == earliest ? earliest : Self.minute(earliest).adding(milliseconds: 60_000)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + deleted.count * 70)
        bytes.append(contentsOf: "{\"deletedRecords\":[".utf8)
        for (index, entry) in deleted.enumerated() {
            if index > 0 { bytes.append(44) }
            bytes.append(contentsOf: "{\"id\":".utf8)
            WireValueEncoding.appendJSON(.id(entry.id), to: &bytes)
            bytes.append(contentsOf: ",\"deletedDate\":".utf8)
            WireValueEncoding.appendJSON(.dateTime(entry.date), to: &bytes)
            bytes.append(125)
        }
        bytes.append(contentsOf: "],\"earliestDateAvailable\":".utf8)
        WireValueEncoding.appendJSON(.dateTime(earliestMinute), to: &bytes)
        bytes.append(contentsOf: ",\"latestDateCovered\":".utf8)
        WireValueEncoding.appendJSON(.dateTime(window.latestCovered), to: &bytes)
        bytes.append(125)
        return .json(200, bytes)
    }

    private static let exceededIDLimit = SalesforceError(status: 400, errorCode: "EXCEEDED_ID_LIMIT", message: "record limit reached. cannot submit more than 600000 records")

    private static func notReplicateable(_ type: SObjectType) -> EmulatorResponse {
        SalesforceError(status: 400, errorCode: "INVALID_TYPE", message: "sObject type '\(type.name)' is not replicateable").response
    }
}
