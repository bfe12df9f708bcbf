import DealdeckCore
import Foundation
import Synchronization

/// Interactive approval: the web-server flow's login, account and Allow/Deny pages, and the
/// device flow's `/setup/connect` pages. The endpoint renders whatever page these return.
extension AuthAuthority {
    /// Opens a validated authorize request.
    ///
    /// `prompt` is honoured as Salesforce documents it: `login` always shows the login form,
    /// `consent` always shows the approval page, `select_account` shows the account chooser when
    /// the browser is signed in; values combine. `immediate` (`immediate=true` or `prompt=none`)
    /// never shows a page: without a signed-in browser and an earlier approval it redirects with
    /// `immediate_unsuccessful`.
    func beginAuthorization(
        _ request: AuthorizationRequest, browserSession: String?, prompt: Set<String>, immediate: Bool
    ) -> AuthorizationOutcome {
        let now = clock.now()
        return ledger.withLock { ledger in
            pruneTickets(in: &ledger, at: now)
            let signedIn = browserUser(browserSession, in: ledger, at: now)
            var ticket = AuthorizationTicket(
                purpose: .webServer(request), userId: nil, forceConsent: prompt.contains("consent"), createdAt: now
            )
            if immediate {
                guard let signedIn, !prompt.contains("login"), !ticket.forceConsent,
                    ledger.approvals.contains(Self.approvalKey(signedIn.id, request.clientId))
                else {
                    return AuthorizationOutcome(
                        .redirect(
                            Self.callback(
                                request.redirectURI,
                                [("error", "immediate_unsuccessful"), ("error_description", "immediate unsuccessful")],
                                state: request.state
                            )
                        )
                    )
                }
                ticket.userId = signedIn.id
                return AuthorizationOutcome(complete(ticket, allow: true, in: &ledger, at: now))
            }
            let ticketId = OAuthTokenFactory.identifier(prefix: "tkt-")
            guard let signedIn, !prompt.contains("login") else {
                ledger.tickets[ticketId] = ticket
                return AuthorizationOutcome(.login(ticket: ticketId, usernameHint: request.usernameHint, message: nil))
            }
            if prompt.contains("select_account") {
                ledger.tickets[ticketId] = ticket
                return AuthorizationOutcome(.chooseAccount(ticket: ticketId, user: signedIn))
            }
            ticket.userId = signedIn.id
            return AuthorizationOutcome(advance(ticketId, ticket, in: &ledger, at: now))
        }
    }

    /// Opens the approval of a device request from its user code (`/setup/connect`). Nil when no
    /// pending, unexpired request has that code. `forceLogin` is `prompt=login`.
    func beginDeviceApproval(userCode: String, browserSession: String?, forceLogin: Bool) -> AuthorizationOutcome? {
        let now = clock.now()
        let code = Self.normalizedUserCode(userCode)
        return ledger.withLock { ledger -> AuthorizationOutcome? in
            pruneTickets(in: &ledger, at: now)
            guard let deviceCode = pendingDeviceCode(userCode: code, in: ledger, at: now) else { return nil }
            // Salesforce always asks a device user to Allow; there is no remembered approval.
            var ticket = AuthorizationTicket(purpose: .device(deviceCode: deviceCode), userId: nil, forceConsent: true, createdAt: now)
            let ticketId = OAuthTokenFactory.identifier(prefix: "tkt-")
            guard let signedIn = browserUser(browserSession, in: ledger, at: now), !forceLogin else {
                ledger.tickets[ticketId] = ticket
                return AuthorizationOutcome(.login(ticket: ticketId, usernameHint: nil, message: nil))
            }
            ticket.userId = signedIn.id
            return AuthorizationOutcome(advance(ticketId, ticket, in: &ledger, at: now))
        }
    }

    /// The login form was posted. Browser sign-in takes the password alone: the security token
    /// is only for API logins.
    func submitLogin(ticket ticketId: String, username: String, password: String) -> AuthorizationOutcome {
        let now = clock.now()
        return ledger.withLock { ledger in
            guard var ticket = liveTicket(ticketId, in: ledger, at: now) else { return AuthorizationOutcome(.expired) }
            guard username.lowercased() == credentials.username.lowercased(), password == credentials.password,
                let user = user(username: credentials.username, in: ledger.state)
            else {
                return AuthorizationOutcome(.login(ticket: ticketId, usernameHint: username, message: Self.loginFailedMessage))
            }
            guard user.isActive else {
                if case .webServer(let request) = ticket.purpose {
                    ledger.tickets[ticketId] = nil
                    return AuthorizationOutcome(
                        .redirect(
                            Self.callback(
                                request.redirectURI, [("error", "inactive_user"), ("error_description", "user is inactive")],
                                state: request.state
                            )
                        )
                    )
                }
                return AuthorizationOutcome(.login(ticket: ticketId, usernameHint: username, message: Self.inactiveMessage))
            }
            let sid = OAuthTokenFactory.identifier(prefix: "sid-")
            ledger.browserSessions[sid] = BrowserSession(userId: user.id, signedInAt: now)
            ticket.userId = user.id
            return AuthorizationOutcome(advance(ticketId, ticket, in: &ledger, at: now), newBrowserSession: sid)
        }
    }

    /// The account chooser was posted: continue as the signed-in user, or switch (log in anew).
    func chooseAccount(ticket ticketId: String, continueAsSignedIn: Bool, browserSession: String?) -> AuthorizationOutcome {
        let now = clock.now()
        return ledger.withLock { ledger in
            guard var ticket = liveTicket(ticketId, in: ledger, at: now) else { return AuthorizationOutcome(.expired) }
            guard continueAsSignedIn, let signedIn = browserUser(browserSession, in: ledger, at: now) else {
                return AuthorizationOutcome(.login(ticket: ticketId, usernameHint: nil, message: nil))
            }
            ticket.userId = signedIn.id
            return AuthorizationOutcome(advance(ticketId, ticket, in: &ledger, at: now))
        }
    }

    /// The approval page was posted: Allow or Deny.
    func decide(ticket ticketId: String, allow: Bool) -> AuthorizationOutcome {
        let now = clock.now()
        return ledger.withLock { ledger in
            guard let ticket = liveTicket(ticketId, in: ledger, at: now) else { return AuthorizationOutcome(.expired) }
            guard let userId = ticket.userId, user(id: userId, in: ledger.state)?.isActive == true else {
                return AuthorizationOutcome(.login(ticket: ticketId, usernameHint: nil, message: nil))
            }
            return AuthorizationOutcome(complete(ticket, ticketId: ticketId, allow: allow, in: &ledger, at: now))
        }
    }

    // MARK: Steps

    static let loginFailedMessage =
        "Please check your username and password. If you still can't log in, contact your Salesforce administrator."
    static let inactiveMessage = "Your user account is inactive. Contact your Salesforce administrator."

    /// Upper-cased, without the spaces and dashes people type while copying a code.
    static func normalizedUserCode(_ text: String) -> String {
        String(text.uppercased().filter { $0 != " " && $0 != "-" })
    }

    static func approvalKey(_ userId: SalesforceID, _ clientId: String) -> String { "\(userId.rawValue)|\(clientId)" }

    /// `redirect_uri` plus query parameters, form-encoded as Salesforce does (`+` for spaces, so
    /// `error_description=end-user+denied+authorization`).
    static func callback(_ redirectURI: String, _ pairs: [(String, String)], state: String?) -> String {
        var all = pairs
        if let state { all.append(("state", state)) }
        let query = all.map { formComponent($0.0) + "=" + formComponent($0.1) }.joined(separator: "&")
        return redirectURI + (redirectURI.contains("?") ? "&" : "?") + query
    }

    static func formComponent(_ text: String) -> String {
        FormURLEncoding.percentEncode(text).replacingOccurrences(of: "%20", with: "+")
    }

    func pendingDeviceCode(userCode: String, in ledger: AuthLedger, at now: SalesforceTimestamp) -> String? {
        ledger.devices.values.first { $0.userCode == userCode && $0.status == .pending && !$0.isExpired(at: now) }?.deviceCode
    }

    /// The user the browser is signed in as, when its session is known, young enough and active.
    private func browserUser(_ sid: String?, in ledger: AuthLedger, at now: SalesforceTimestamp) -> OrgUserIdentity? {
        guard let sid, let session = ledger.browserSessions[sid],
            now.millisecondsSinceEpoch - session.signedInAt.millisecondsSinceEpoch < sessionLifetimeMilliseconds,
            let user = user(id: session.userId, in: ledger.state), user.isActive
        else { return nil }
        return user
    }

    private func liveTicket(_ id: String, in ledger: AuthLedger, at now: SalesforceTimestamp) -> AuthorizationTicket? {
        guard let ticket = ledger.tickets[id],
            now.millisecondsSinceEpoch - ticket.createdAt.millisecondsSinceEpoch < AuthorizationTicket.lifetimeMilliseconds
        else { return nil }
        return ticket
    }

    private func pruneTickets(in ledger: inout AuthLedger, at now: SalesforceTimestamp) {
        ledger.tickets = ledger.tickets.filter {
            now.millisecondsSinceEpoch - $0.value.createdAt.millisecondsSinceEpoch < AuthorizationTicket.lifetimeMilliseconds
        }
        ledger.codes = ledger.codes.filter {
            now.millisecondsSinceEpoch - $0.value.issuedAt.millisecondsSinceEpoch < AuthorizationCodeGrant.lifetimeMilliseconds
        }
        ledger.browserSessions = ledger.browserSessions.filter {
            now.millisecondsSinceEpoch - $0.value.signedInAt.millisecondsSinceEpoch < sessionLifetimeMilliseconds
        }
    }

    /// After the user is known: the approval page if it must be shown, else straight through.
    private func advance(
        _ ticketId: String, _ ticket: AuthorizationTicket, in ledger: inout AuthLedger, at now: SalesforceTimestamp
    ) -> AuthorizationOutcome.Page {
        guard let userId = ticket.userId, let user = user(id: userId, in: ledger.state) else {
            ledger.tickets[ticketId] = ticket
            return .login(ticket: ticketId, usernameHint: nil, message: nil)
        }
        switch ticket.purpose {
        case .webServer(let request):
            if ticket.forceConsent || !ledger.approvals.contains(Self.approvalKey(userId, request.clientId)) {
                ledger.tickets[ticketId] = ticket
                return .approve(ticket: ticketId, user: user, scopes: request.scopes, isDevice: false)
            }
            return complete(ticket, ticketId: ticketId, allow: true, in: &ledger, at: now)
        case .device(let deviceCode):
            ledger.tickets[ticketId] = ticket
            return .approve(ticket: ticketId, user: user, scopes: ledger.devices[deviceCode]?.scopes ?? [], isDevice: true)
        }
    }

    /// Allow or Deny: a callback with a code or `access_denied`, or the device request decided.
    private func complete(
        _ ticket: AuthorizationTicket, ticketId: String? = nil, allow: Bool, in ledger: inout AuthLedger,
        at now: SalesforceTimestamp
    ) -> AuthorizationOutcome.Page {
        if let ticketId { ledger.tickets[ticketId] = nil }
        guard let userId = ticket.userId else { return .expired }
        switch ticket.purpose {
        case .webServer(let request):
            guard allow else {
                return .redirect(
                    Self.callback(
                        request.redirectURI,
                        [("error", "access_denied"), ("error_description", "end-user denied authorization")],
                        state: request.state
                    )
                )
            }
            ledger.approvals.insert(Self.approvalKey(userId, request.clientId))
            let code = OAuthTokenFactory.authorizationCode()
            ledger.codes[code] = AuthorizationCodeGrant(request: request, userId: userId, issuedAt: now)
            return .redirect(Self.callback(request.redirectURI, [("code", code)], state: request.state))
        case .device(let deviceCode):
            guard let device = ledger.devices[deviceCode], device.status == .pending, !device.isExpired(at: now) else {
                return .expired
            }
            ledger.devices[deviceCode]?.status = allow ? .approved(userId) : .denied
            return .deviceFinished(approved: allow)
        }
    }
}
