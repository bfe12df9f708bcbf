import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// What a person reads when a sync stops: one sentence on what happened, one on what to do.
    /// Every case says the cache is kept, because it is: pages are committed as they arrive.
    static func failure(from error: any Error) -> SyncFailure {
        switch error {
        case let failure as SyncFailure:
            return failure
        case SourceError.cancelled:
            return failure(from: CancellationError())
        case let sourceError as SourceError:
            return failure(from: sourceError)
        case let cacheError as CacheError:
            return SyncFailure(reason: .other, message: cacheError.description, cause: "cache")
        case is CancellationError:
            return SyncFailure(
                reason: .cancelled, message: "The sync was cancelled.",
                fix: "Everything downloaded so far is kept; the next sync resumes from there.", cause: "cancelled")
        default:
            return SyncFailure(
                reason: .other, message: "The sync stopped on an unexpected error: \(error).",
                fix: "Run `dealdeck sync` again; if it keeps failing, run `dealdeck doctor`.", cause: "unexpected")
        }
    }

    static func failure(from error: SourceError) -> SyncFailure {
        let resume = "The cache keeps everything synced so far and the next sync resumes from there."
        switch error {
        case .signInNeeded(let message):
            return SyncFailure(
                reason: .signInNeeded, message: sentence(message),
                fix: "The cached opportunities stay browsable meanwhile.", cause: error.code)
        case .rateLimited(let message):
            return SyncFailure(
                reason: .rateLimited, message: "Salesforce refused the sync because the org's API request limit is reached (\(unpunctuated(message))).",
                fix: "The limit counts the last 24 hours, so try again in a few hours. " + resume, cause: error.code)
        case .network(let message):
            return SyncFailure(reason: .network, message: sentence(message), fix: resume, cause: error.code)
        case .cancelled:
            return failure(from: CancellationError())
        case .restartRequired, .invalidQueryLocator:
            return SyncFailure(
                reason: .other, message: "Salesforce kept invalidating the query while Dealdeck paged through it.",
                fix: "Run `dealdeck sync` again. " + resume, cause: error.code)
        case .other(let code, let message):
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
            switch code {
            case "API_DISABLED_FOR_ORG":
                return SyncFailure(
                    reason: .other, message: "The REST API is not enabled for this Salesforce org.",
                    fix: "Group, Essentials and Professional editions lack it; an admin can enable \"API Enabled\" on your profile in other editions.",
                    cause: code)
            case "QUERY_TIMEOUT":
                return SyncFailure(
                    reason: .other, message: "Salesforce kept timing out on the Opportunity query.",
                    fix: "Run `dealdeck sync` again later. " + resume, cause: code)
            default:
                return SyncFailure(
                    reason: .other, message: "Salesforce answered \(code): \(text)",
                    fix: "Run `dealdeck doctor` to check the connection. " + resume, cause: code)
            }
        }
    }
}

/// `text` as one sentence ending with a full stop.
private func sentence(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.hasSuffix(".") || trimmed.hasSuffix("!") || trimmed.hasSuffix("?") ? trimmed : trimmed + "."
}

/// `text` without a closing full stop, to quote inside another sentence.
private func unpunctuated(_ text: String) -> String {
    var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    while trimmed.hasSuffix(".") { trimmed.removeLast() }
    return trimmed
}

extension SourceError {
    /// Errors after which the current query restarts from the checkpoint rather than failing.
    var restartsQuery: Bool {
        switch self {
        case .restartRequired, .invalidQueryLocator: return true
        case .other(let code, _): return code == "QUERY_TIMEOUT"
        default: return false
        }
    }

    /// The field an INVALID_FIELD error names ("No such column 'Foo' on entity …"), if any.
    var invalidFieldName: String? {
        guard case .other("INVALID_FIELD", let message) = self else { return nil }
        guard let start = message.range(of: "No such column '") else { return nil }
        let rest = message[start.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }

    var isInvalidField: Bool {
        if case .other("INVALID_FIELD", _) = self { return true }
        return false
    }
}
