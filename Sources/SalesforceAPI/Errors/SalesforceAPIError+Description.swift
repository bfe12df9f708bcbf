import Foundation

extension SalesforceAPIError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "\(url) is not a Salesforce address. Use https://login.salesforce.com, https://test.salesforce.com or your My Domain URL."
        case .insecureURL(let host):
            return "Dealdeck refuses plain http:// to \(host): Salesforce needs https://. Only this machine (the emulator) may use http://."
        case .lightningURL(let given, let suggested):
            return
                "\(given) is a Lightning Experience address, which does not serve sign-in or the API. Use your My Domain address "
                + "\(suggested) instead."
        case .clientCredentialsNeedMyDomain(let host):
            return "The client-credentials flow only works on a My Domain host, not \(host). "
                + "Pass --login-url https://YOURDOMAIN.my.salesforce.com (Setup → My Domain shows it)."
        case .missingConsumerSecret(let method):
            return "The \(method) sign-in needs the connected app's consumer secret. Set DEALDECK_CONSUMER_SECRET or type it when asked."
        case .missingConsumerKey:
            return "No consumer key is configured. Pass --consumer-key with your connected app's Consumer Key."
        case .missingUsername:
            return "The username-password sign-in needs a username. Pass --username with your Salesforce username."
        case .oauth(let failure):
            return Self.describe(failure)
        case .notSignedIn:
            return "Dealdeck is not signed in to Salesforce. Run `dealdeck login`."
        case .sessionExpired:
            return
                "The Salesforce session expired and cannot be renewed without you. Run `dealdeck login` again, or set password_command in [security]."
        case .settingsChanged:
            return "The Salesforce connection settings changed since you signed in, so the old sign-in was revoked. Run `dealdeck login`."
        case .sessionNotValidForREST:
            return "Salesforce says this session is not valid for the REST API: the sign-in lacks the `api` scope. "
                + "Add \"Manage user data via APIs (api)\" to the connected app's scopes and run `dealdeck login --scopes \"api refresh_token\"`."
        case .deviceFlowTimedOut(let minutes):
            return
                "Nobody approved the sign-in code within \(minutes) minutes, so Dealdeck stopped waiting. Run `dealdeck login` again and "
                + "approve it sooner."
        case .deviceFlowDenied:
            return "The sign-in was denied in the browser. Run `dealdeck login` again and choose Allow."
        case .webFlowTimedOut(let minutes):
            return "The browser did not come back within \(minutes) minutes, so Dealdeck stopped waiting. "
                + "Run `dealdeck login --method web` again, or use --method device over SSH."
        case .webFlowFailed(let error, let description):
            if error == "access_denied" || error == "access-denied" {
                return "The sign-in was denied in the browser (\(description)). Run `dealdeck login --method web` again and choose Allow."
            }
            return
                "Salesforce ended the browser sign-in with \(error): \(description). Check the connected app's callback URL and scopes, then "
                + "try again."
        case .stateMismatch:
            return
                "The browser callback did not belong to this sign-in (its state did not match), so it was refused. Run `dealdeck login "
                + "--method web` again."
        case .callbackPortInUse(let port):
            return "Port \(port) on this machine is busy, so the sign-in callback cannot listen there. "
                + "Pass --callback-port with a free port that the connected app's callback URL allows."
        case .tokenStoreFailed(let reason):
            return "A renewed Salesforce token could not be saved (\(reason)), so it was not used. Fix the problem, then run `dealdeck login`."
        case .requestLimitExceeded(let message):
            return "Salesforce's API request limit for this org is used up (REQUEST_LIMIT_EXCEEDED: \(message)). "
                + "Wait for the rolling 24-hour window to free calls, or ask an admin to raise the limit."
        case .apiDisabledForOrg:
            return "The REST API is not enabled for this org or user (API_DISABLED_FOR_ORG): Group, Essentials and Professional editions lack it. "
                + "Ask an admin for the \"API Enabled\" permission, or use an Enterprise, Unlimited, Performance or Developer Edition org."
        case .malformedQuery(let message):
            return "Salesforce could not parse the query (MALFORMED_QUERY): \(Self.oneLine(message)). This is a bug in Dealdeck; please report it."
        case .invalidField(let message):
            return "The query names a field Salesforce does not know or lets this user see (INVALID_FIELD): \(Self.oneLine(message)). "
                + "Check the user's field-level security for Opportunity."
        case .queryTimeout:
            return "Salesforce stopped the query because it ran too long (QUERY_TIMEOUT). Try again; Dealdeck narrows the window on retry."
        case .invalidQueryLocator:
            return "Salesforce no longer knows the query cursor (INVALID_QUERY_LOCATOR). Run the query again."
        case .queryRestartRequired:
            return "The Salesforce session was renewed while a query was being paged, which ended its cursor. Run the query again."
        case .notFound(let code, let message):
            return "Salesforce has no such record or resource (\(code): \(message)). It may have been deleted."
        case .api(let status, let code, let message):
            return "Salesforce refused the request (HTTP \(status) \(code): \(Self.oneLine(message)))."
        case .bulkJobFailed(let id, let state, let message):
            return "The Bulk API job \(id) ended \(state)\(message.map { ": \($0)" } ?? ""). Run the sync again; it falls back to the REST API."
        case .bulkJobTimedOut(let id):
            return "The Bulk API job \(id) did not finish in time. Run the sync again later."
        case .htmlResponse(let status, let host):
            return "\(host) answered with a web page (HTTP \(status)) instead of Salesforce's API: the My Domain may be wrong or expired, "
                + "or Salesforce is down for maintenance. Check the address in Setup → My Domain, or try again later."
        case .serverUnavailable(let status, let host):
            return "Salesforce at \(host) is unavailable (HTTP \(status)) even after several retries. Try again in a few minutes."
        case .unexpectedStatus(let status, let host):
            return "\(host) answered HTTP \(status), which Dealdeck did not expect. Run `dealdeck doctor` to find out why."
        case .network(let host, let reason):
            return "Dealdeck could not reach \(host): \(reason). Check the network connection and the login URL."
        case .malformedResponse(let what):
            return "Salesforce's answer could not be read (\(what)). Try again; if it persists, run `dealdeck doctor`."
        }
    }

    static func describe(_ failure: OAuthFailure) -> String {
        if failure.error == "invalid_client_id" {
            return "Salesforce does not know this consumer key (invalid_client_id). "
                + "Check it in Setup → App Manager, or wait: a new or changed connected app takes up to 10 minutes to work."
        }
        if failure.error == "invalid_client" {
            return "Salesforce refused the consumer secret (invalid_client). Copy it again from the connected app and set DEALDECK_CONSUMER_SECRET."
        }
        if failure.isExpiredToken {
            return "The stored Salesforce sign-in expired or was revoked. Run `dealdeck login` again."
        }
        if failure.isInactiveUser {
            return "The Salesforce user is inactive (inactive user). Ask an admin to reactivate them in Setup → Users, or sign in as another user."
        }
        if failure.isWrongDomain {
            return "The client-credentials flow only works on a My Domain host (request not supported on this domain). "
                + "Pass --login-url https://YOURDOMAIN.my.salesforce.com."
        }
        if failure.isAuthenticationFailure {
            return "Salesforce refused the username, password or security token (authentication failure). "
                + "Check them, or use --method device or web if the org blocks the username-password flow."
        }
        if failure.error == "unsupported_grant_type" {
            return
                "This sign-in method is not enabled for the connected app (unsupported_grant_type). Enable it in the app's OAuth settings, "
                + "or choose another --method."
        }
        if failure.error == "invalid_scope" {
            return
                "The connected app does not offer the requested scopes (invalid_scope). Use --scopes \"api refresh_token\" or add the scopes "
                + "to the app."
        }
        return "Salesforce refused the sign-in (\(failure.summary)). Run `dealdeck doctor` for the likely cause."
    }

    /// Salesforce query messages span lines (query excerpt, caret, position); one line reads better.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "^" }
            .joined(separator: " ")
    }
}
