import DealdeckCore
import Foundation

/// The emulator's control surface for tests and demos: JSON in, JSON out, no session needed,
/// refused (403) to peers that are not loopback. Calls here never count as API usage and are
/// never hit by injected faults.
///
/// Routes (bodies are JSON objects; every field shown is optional unless marked required):
/// - `GET  /__emulator/` — this route list.
/// - `GET  /__emulator/clock` — `{"now","offsetMilliseconds"}`.
/// - `POST /__emulator/clock/advance` `{"seconds": 3600}` (required) — moves org time forward.
/// - `POST /__emulator/sessions/expire` — ends every access token / session.
/// - `POST /__emulator/refresh-tokens/revoke` — revokes every refresh token.
/// - `GET  /__emulator/faults` — queued faults. `DELETE /__emulator/faults` — clears them.
/// - `POST /__emulator/faults` `{"kind": "serverUnavailable" (required), "count": 1, "after": 0,
///   "pathContains": "/query/", "delaySeconds": 2, "truncateAfterBytes": 64}` → `{"id"}`.
///   Kinds: serverUnavailable, html500, html503, invalidSession, requestLimitExceeded,
///   concurrentRequestLimitExceeded, queryTimeout, apiDisabled, slow, truncated.
/// - `GET  /__emulator/usage` — `{"used","limit","bulkJobs"}`; `POST /__emulator/usage/reset`;
///   `POST /__emulator/usage/limit` `{"dailyLimit": 100}` (required).
/// - `GET  /__emulator/records/Opportunity/<id>` — every field, recycle bin included.
/// - `POST /__emulator/records/Opportunity` `{"fields": {"Name": …, "StageName": …,
///   "CloseDate": …} (required), "systemModstamp", "lastModifiedDate", "createdDate",
///   "asUser": "<username>"}` → `{"id","record"}`.
/// - `PATCH /__emulator/records/Opportunity/<id>` `{"fields": {…}, "systemModstamp",
///   "lastModifiedDate", "asUser"}` → `{"id","record"}`; `"systemModstamp"` copies another
///   record's stamp exactly to build ties.
/// - `DELETE /__emulator/records/Opportunity/<id>` — to the recycle bin.
/// - `POST /__emulator/records/Opportunity/<id>/undelete` — back from the recycle bin.
/// - `POST /__emulator/opportunities/touch` `{"count": 50}` or `{"ids": […]}`, plus
///   `"systemModstamp"` (default now) → `{"ids","systemModstamp"}`: one identical stamp.
/// - `GET  /__emulator/opportunities[?includeDeleted=true]` — `{"totalSize","records"}`, every
///   live opportunity with all fields plus `Account{Name}` and `Owner{Name,Email}`.
/// - `POST /__emulator/recycle-bin/purge` `{"deletedBefore": "<dateTime>"}` → `{"purged"}`.
/// - `POST /__emulator/auth/username-password-flow` `{"blocked": true}` (required).
/// - `POST /__emulator/auth/device/approve` / `…/deny` `{"userCode": "ABCD1234"}` (required).
/// - `POST /__emulator/users/active` `{"username": …, "active": false}` (both required).
/// - `GET  /__emulator/stats` — record counts (deleted included), usage, open cursors.
/// - `POST /__emulator/state/save` — writes the state file now (when one is configured).
///
/// Errors are `{"error": "<message>"}` with 400, 403, 404 or 405.
public struct ControlEndpoint: EmulatorEndpoint {
    static let prefix = "/__emulator"

    let services: EmulatorServices

    public init(services: EmulatorServices) {
        self.services = services
    }

    public func respond(to request: EmulatorRequest) async -> EmulatorResponse? {
        guard request.path == Self.prefix || request.path.hasPrefix(Self.prefix + "/") else { return nil }
        if let peer = request.remoteAddress, !Self.isLoopback(peer) {
            return Self.error(403, "The control surface only answers loopback clients.")
        }
        let route = Array(request.pathComponents.dropFirst())
        let body: JSONValue
        if request.body.isEmpty {
            body = .object([])
        } else {
            do {
                body = try JSONParser.parse(request.body)
            } catch {
                return Self.error(400, "The body is not JSON: \(error.message)")
            }
        }
        return handle(request.method, route, body, request)
    }

    private func handle(_ method: String, _ route: [String], _ body: JSONValue, _ request: EmulatorRequest) -> EmulatorResponse {
        let path = route.joined(separator: "/")
        if route.first == "records" {
            guard route.count >= 2, route[1].lowercased() == "opportunity" else {
                return Self.error(404, "The control surface edits Opportunity records only: /__emulator/records/Opportunity[/<id>].")
            }
            return records(method, Array(route.dropFirst(2)), body)
        }
        switch (method, path) {
        case ("GET", ""): return Self.ok { $0.field("routes", Self.routeSummary) }
        case ("GET", "clock"): return clock()
        case ("POST", "clock/advance"):
            guard let seconds = body["seconds"]?.doubleValue, seconds >= 0 else { return Self.error(400, "\"seconds\" (a non-negative number) is required.") }
            services.clock.advance(seconds: seconds)
            return clock()
        case ("POST", "sessions/expire"):
            services.auth.expireAllSessions()
            return Self.ok()
        case ("POST", "refresh-tokens/revoke"):
            services.auth.revokeAllRefreshTokens()
            return Self.ok()
        case ("GET", "faults"): return faults()
        case ("POST", "faults"): return addFault(body)
        case ("DELETE", "faults"):
            services.faults.clear()
            return Self.ok()
        case ("GET", "usage"): return usage()
        case ("POST", "usage/reset"):
            services.usage.reset()
            return usage()
        case ("POST", "usage/limit"):
            guard let limit = body["dailyLimit"]?.intValue, limit >= 0 else { return Self.error(400, "\"dailyLimit\" (a non-negative integer) is required.") }
            services.usage.setDailyLimit(limit)
            return usage()
        case ("POST", "opportunities/touch"): return touch(body)
        case ("GET", "opportunities"):
            return dump(includeDeleted: request.queryParameters["includeDeleted"] == "true")
        case ("POST", "recycle-bin/purge"):
            var before: SalesforceTimestamp?
            if let text = body["deletedBefore"]?.stringValue {
                guard let parsed = SalesforceTimestamp(text) else { return Self.error(400, "\"deletedBefore\" is not a dateTime.") }
                before = parsed
            }
            let purged = services.org.purgeRecycleBin(deletedBefore: before)
            return Self.ok { $0.field("purged", purged) }
        case ("POST", "auth/username-password-flow"):
            guard let blocked = body["blocked"]?.boolValue else { return Self.error(400, "\"blocked\" (true or false) is required.") }
            services.auth.setUsernamePasswordFlowBlocked(blocked)
            return Self.ok { $0.field("blocked", blocked) }
        case ("POST", "auth/device/approve"), ("POST", "auth/device/deny"):
            guard let code = body["userCode"]?.stringValue else { return Self.error(400, "\"userCode\" is required.") }
            let found = path.hasSuffix("approve") ? services.auth.approveDevice(userCode: code) : services.auth.denyDevice(userCode: code)
            return found ? Self.ok() : Self.error(404, "No pending device authorization has user code \(code).")
        case ("POST", "users/active"):
            guard let username = body["username"]?.stringValue, let active = body["active"]?.boolValue else {
                return Self.error(400, "\"username\" and \"active\" are required.")
            }
            let inAuth = services.auth.setUserActive(username: username, active: active)
            let inOrg = services.org.setUserActive(username: username, active: active)
            return inAuth || inOrg ? Self.ok { $0.field("active", active) } : Self.error(404, "No user \(username).")
        case ("GET", "stats"): return stats()
        case ("POST", "state/save"):
            guard let path = services.configuration.stateFile else { return Self.error(400, "The emulator was started without --state-file.") }
            do {
                try EmulatorStateFile.save(services: services, to: path)
            } catch {
                return Self.error(500, "Saving failed: \(error)")
            }
            return Self.ok { $0.field("path", path) }
        default:
            return Self.error(404, "No control route \(method) /__emulator/\(path). GET /__emulator/ lists them.")
        }
    }

    private func clock() -> EmulatorResponse {
        let now = services.clock.now()
        return Self.ok { writer in
            writer.key("now")
            writer.timestamp(now)
            writer.key("offsetMilliseconds")
            writer.int64(services.clock.offset)
        }
    }

    private func faults() -> EmulatorResponse {
        Self.ok { writer in
            writer.key("faults")
            writer.beginArray()
            for rule in services.faults.pending {
                writer.beginObject()
                writer.field("id", rule.id)
                writer.field("kind", rule.kind.rawValue)
                writer.field("count", rule.count)
                writer.field("after", rule.after)
                writer.field("pathContains", rule.pathContains)
                writer.key("delaySeconds")
                writer.rawNumber(String(rule.delaySeconds))
                writer.field("truncateAfterBytes", rule.truncateAfterBytes)
                writer.endObject()
            }
            writer.endArray()
        }
    }

    private func addFault(_ body: JSONValue) -> EmulatorResponse {
        guard let name = body["kind"]?.stringValue, let kind = FaultInjector.Kind(rawValue: name) else {
            let kinds = FaultInjector.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            return Self.error(400, "\"kind\" must be one of: \(kinds).")
        }
        var rule = FaultInjector.Rule(kind: kind)
        if let count = body["count"]?.intValue { rule.count = max(1, count) }
        if let after = body["after"]?.intValue { rule.after = max(0, after) }
        rule.pathContains = body["pathContains"]?.stringValue
        if let delay = body["delaySeconds"]?.doubleValue { rule.delaySeconds = max(0, delay) }
        if let cut = body["truncateAfterBytes"]?.intValue { rule.truncateAfterBytes = max(0, cut) }
        let id = services.faults.add(rule)
        return Self.ok { $0.field("id", id) }
    }

    private func usage() -> EmulatorResponse {
        let usage = services.usage.usage
        return Self.ok { writer in
            writer.field("used", usage.used)
            writer.field("limit", usage.limit)
            writer.field("bulkJobs", services.usage.bulkJobsUsed)
        }
    }

    private func stats() -> EmulatorResponse {
        let statistics = services.org.statistics()
        let usage = services.usage.usage
        return Self.ok { writer in
            writer.key("opportunities")
            writer.beginObject()
            writer.field("live", statistics.liveOpportunities)
            writer.field("deleted", statistics.deletedOpportunities)
            writer.field("total", statistics.liveOpportunities + statistics.deletedOpportunities)
            writer.endObject()
            writer.field("accounts", statistics.accounts)
            writer.field("users", statistics.users)
            writer.field("activeUsers", statistics.activeUsers)
            writer.field("stages", statistics.stages)
            writer.field("multiCurrency", services.org.schema.multiCurrency)
            writer.key("apiUsage")
            writer.beginObject()
            writer.field("used", usage.used)
            writer.field("limit", usage.limit)
            writer.endObject()
            writer.field("pendingFaults", services.faults.pending.count)
        }
    }

    // MARK: - Helpers

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }

    static func ok(_ fill: (inout JSONWriter) -> Void = { _ in }) -> EmulatorResponse {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.field("ok", true)
        fill(&writer)
        writer.endObject()
        return .json(200, writer.bytes)
    }

    static func error(_ status: Int, _ message: String) -> EmulatorResponse {
        var writer = JSONWriter(reservingCapacity: 128)
        writer.beginObject()
        writer.field("error", message)
        writer.endObject()
        return .json(status, writer.bytes)
    }

    static let routeSummary = """
        GET clock; POST clock/advance {seconds}; POST sessions/expire; POST refresh-tokens/revoke; \
        GET|POST|DELETE faults {kind,count,after,pathContains,delaySeconds,truncateAfterBytes}; \
        GET usage; POST usage/reset; POST usage/limit {dailyLimit}; \
        GET|POST|PATCH|DELETE records/Opportunity[/<id>] {fields,systemModstamp,lastModifiedDate,createdDate,asUser}; \
        POST records/Opportunity/<id>/undelete; POST opportunities/touch {count|ids,systemModstamp}; \
        GET opportunities[?includeDeleted=true]; POST recycle-bin/purge {deletedBefore}; \
        POST auth/username-password-flow {blocked}; POST auth/device/approve|deny {userCode}; \
        POST users/active {username,active}; GET stats; POST state/save
        """
}
