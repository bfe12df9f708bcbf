import DealdeckCore
import Foundation
@testable import TerminalUI

/// Builders for UI tests: users, opportunities (friendly and hostile), states, and a fake cache
/// that answers the reducer's reads synchronously.
enum Fixtures {
    /// 2026-01-01 00:00 UTC: every test sees the same clock.
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let today = CalendarDate(year: 2026, month: 1, day: 1) ?? CalendarDate(daysSinceEpoch: 0)
    static let admin = AppUser(loginName: "alice", displayName: "Alice Admin", role: .admin, salesforceUserId: SalesforceID(keyPrefix: "005", pod: "5e", number: 7))
    static let member = AppUser(loginName: "bob", displayName: "Bob Member", role: .member)
    static let instanceURL = "https://acme.my.salesforce.com"

    static func id(_ number: Int, prefix: String = "006") -> SalesforceID {
        SalesforceID(keyPrefix: prefix, pod: "5e", number: number)
    }

    static func opportunity(
        _ number: Int, name: String? = nil, account: String? = "Acme Corp", stage: String = "Prospecting", amount: Decimal? = 15000,
        currency: String? = "USD", close: String = "2026-03-31", probability: Decimal? = 20, owner: String = "Jane Rep",
        description: String? = "Renewal of the platform licence for three years.", isClosed: Bool = false, isWon: Bool = false
    ) -> Opportunity {
        let stamp = SalesforceTimestamp(millisecondsSinceEpoch: 1_767_000_000_000)
        return Opportunity(
            id: id(number), name: name ?? "Deal \(number)", accountId: id(number, prefix: "001"), accountName: account, stageName: stage,
            amount: amount, currencyIsoCode: currency, closeDate: CalendarDate(close) ?? today, probability: probability, type: "New Customer",
            leadSource: "Web", nextStep: "Send the proposal", description: description, forecastCategoryName: "Pipeline", isClosed: isClosed,
            isWon: isWon, ownerId: id(7, prefix: "005"), ownerName: owner, ownerEmail: "jane@example.com", createdDate: stamp, lastModifiedDate: stamp,
            systemModstamp: stamp)
    }

    /// A varied set: stages of every colour, big and small amounts, CJK, emoji, combining
    /// marks and a record whose name tries to set the terminal title.
    static let sample: [Opportunity] = [
        opportunity(1, name: "Acme platform renewal", amount: 125_000, probability: 60, description: "Three-year renewal.\nLegal review pending."),
        opportunity(2, name: "Globex expansion", account: "Globex", stage: "Closed Won", amount: 48_500.5, probability: 100, isClosed: true, isWon: true),
        opportunity(3, name: "商談 東京 プロジェクト", account: "株式会社テスト", stage: "Qualification", amount: 3_000_000, currency: "JPY", probability: 30),
        opportunity(4, name: "Rocket 🚀 launch", account: "Initech", stage: "Closed Lost", amount: 9_999.99, isClosed: true),
        opportunity(5, name: "Cafe\u{301} Socie\u{301}te\u{301}", account: "Société Générale", stage: "Negotiation/Review", amount: 72_000, currency: "EUR", probability: 80),
        opportunity(6, name: "\u{1B}]2;pwned\u{07}", account: "\u{1B}[31mEvil\u{1B}[0m", stage: "Prospecting", amount: nil, probability: nil, owner: "\u{202E}evil"),
        opportunity(7, name: "Umbrella pilot", account: nil, stage: "Prospecting", amount: 500),
    ]

    static func rows(_ opportunities: [Opportunity], syncedAt: SalesforceTimestamp? = SalesforceTimestamp(secondsSinceEpoch: 1_767_225_000)) -> [ListRow] {
        opportunities.map { ListRow(opportunity: $0, syncedAt: syncedAt) }
    }

    static func state(user: AppUser = admin, size: Size = Size(width: 120, height: 30), sync: SyncStatus = SyncStatus(), keymap: Keymap = .standard) -> AppState {
        var state = AppState(user: user, size: size, now: now, today: today, keymap: keymap, themeName: "default",
                             availableThemes: ["dark", "default", "light"], sync: sync)
        state.sync.lastSuccessAt = SalesforceTimestamp(secondsSinceEpoch: 1_767_225_000)
        state.instanceURL = instanceURL
        return state
    }
}

/// Answers the reducer's cache reads from an array, like the runtime does from SQLite, so tests
/// can follow a whole interaction. Filters match names by substring; sorting is by the array.
struct FakeCache {
    var rows: [ListRow]
    var members: [Membership] = []
    /// Like the runtime over a cache whose totals are not counted yet: windows come without a
    /// total and the reducer has to ask for a count.
    var countsSeparately = false

    func answer(_ request: WindowRequest) -> WindowResult {
        let matching = matching(request.query)
        let start = min(request.offset, matching.count)
        let end = min(matching.count, request.offset + request.limit)
        return WindowResult(
            window: ListWindow(query: request.query, offset: request.offset, rows: Array(matching[start..<end])),
            total: countsSeparately ? nil : matching.count, limit: request.limit)
    }

    func matching(_ query: ListQuery) -> [ListRow] {
        var matching = rows
        for term in query.filter.terms {
            if case .text(let word) = term.condition {
                matching = matching.filter { $0.opportunity.name.lowercased().contains(word.lowercased()) != term.negated }
            }
        }
        return matching
    }

    func detail(_ id: SalesforceID) -> OpportunityDetail? {
        rows.first { $0.opportunity.id == id }.map { OpportunityDetail(opportunity: $0.opportunity, members: members, syncedAt: $0.syncedAt) }
    }

    /// Sends an action and answers every read it (and its follow-ups) asks for; returns the other
    /// effects, in order.
    @discardableResult
    func send(_ action: Action, to state: inout AppState) -> [Effect] {
        var pending = [action]
        var others: [Effect] = []
        while !pending.isEmpty {
            let next = pending.removeFirst()
            for effect in AppReducer.reduce(&state, next) {
                switch effect {
                case .loadWindow(let request): pending.append(.windowLoaded(answer(request)))
                case .loadCount(let query): pending.append(.countLoaded(query: query, total: matching(query).count))
                case .loadDetail(let id): pending.append(detail(id).map { .detailLoaded($0) } ?? .detailMissing(id))
                default: others.append(effect)
                }
            }
        }
        return others
    }

    /// Types keys one by one.
    @discardableResult
    func type(_ text: String, into state: inout AppState) -> [Effect] {
        text.flatMap { send(.key(.character($0)), to: &state) }
    }
}
