import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// Refuses to make `calls` more API calls when they would bring the org's usage past the
    /// share Dealdeck may use (`sync.max_api_share`). Called with the whole estimate before a
    /// download starts, and with 1 before each further call, so a sync stops between pages,
    /// checkpoint kept, rather than eat the quota other integrations need.
    func ensureQuota(calls: Int) async throws {
        guard let usage = await source.usage(), usage.max > 0 else { return }
        let allowed = Int((Double(usage.max) * configuration.maxAPIShare).rounded(.down))
        guard usage.used + calls > allowed else { return }
        throw quotaFailure(usage: usage, needed: calls, allowed: allowed)
    }

    func quotaFailure(usage: SourceUsage, needed: Int, allowed: Int) -> SyncFailure {
        let share = Int((configuration.maxAPIShare * 100).rounded())
        let latest = clock.now().addingTimeInterval(86_400)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let need = needed == 1 ? "its next call" : "about \(needed) more calls"
        return SyncFailure(
            reason: .rateLimited,
            message: "Salesforce API usage is \(usage.used) of \(usage.max) calls in the last 24 hours, and this sync needs \(need); that would pass the \(share)% share Dealdeck may use (\(allowed) calls).",
            fix: "Try again in a few hours: the limit counts a rolling 24 hours, so by \(formatter.string(from: latest)) at the latest. Or raise max_api_share under [sync] in config.toml. The cache keeps everything synced so far.",
            cause: "api-share \(usage.used)/\(usage.max)")
    }

    /// Calls a full sync of `total` rows is expected to cost, beyond those already made.
    func estimatedFullCalls(total: Int, bulk: Bool) -> Int {
        if bulk {
            // Create, a few polls, the result chunks, then the catch-up pass and the count.
            return 1 + 4 + max(1, (total + configuration.bulkChunkSize - 1) / configuration.bulkChunkSize) + 2
        }
        // The pages, then the catch-up pass and the count.
        return max(1, (total + configuration.batchSize - 1) / configuration.batchSize) + 2
    }
}
