import DealdeckCore
import Foundation
import Synchronization

/// Revocation and introspection.
extension AuthAuthority {
    /// Revokes an access token (that session only) or a refresh token (its whole chain and
    /// every session issued from it). False when the token is unknown, already revoked or rotated.
    func revoke(token: String) -> Bool {
        let now = clock.now()
        return ledger.withLock { ledger in
            if let session = ledger.state.sessions[token], isLive(session, at: now) {
                ledger.state.sessions[token] = nil
                return true
            }
            if let record = ledger.state.refreshTokens[token], !record.rotated {
                revokeChain(record.chain, in: &ledger)
                return true
            }
            return false
        }
    }

    /// Describes a live token, or nil (`{"active":false}`) for anything else. `hint` only
    /// decides which kind is looked up first, as RFC 7662 intends.
    func introspect(token: String, hint: String?) -> TokenIntrospection? {
        let now = clock.now()
        return ledger.withLock { ledger -> TokenIntrospection? in
            if hint == "refresh_token" {
                return introspectRefresh(token, in: ledger) ?? introspectAccess(token, in: ledger, at: now)
            }
            return introspectAccess(token, in: ledger, at: now) ?? introspectRefresh(token, in: ledger)
        }
    }

    private func introspectAccess(_ token: String, in ledger: AuthLedger, at now: SalesforceTimestamp) -> TokenIntrospection? {
        guard let session = ledger.state.sessions[token], isLive(session, at: now),
            let user = user(id: session.userId, in: ledger.state), user.isActive
        else { return nil }
        return TokenIntrospection(
            kind: .accessToken, scopes: session.scopes, clientId: session.clientId, username: user.username,
            subject: identityURL(for: user.id), issuedAt: session.issuedAt,
            expiresAt: session.issuedAt.adding(milliseconds: sessionLifetimeMilliseconds)
        )
    }

    private func introspectRefresh(_ token: String, in ledger: AuthLedger) -> TokenIntrospection? {
        guard let record = ledger.state.refreshTokens[token], !record.rotated,
            let user = user(id: record.userId, in: ledger.state), user.isActive
        else { return nil }
        return TokenIntrospection(
            kind: .refreshToken, scopes: record.scopes, clientId: record.clientId, username: user.username,
            subject: identityURL(for: user.id), issuedAt: record.issuedAt, expiresAt: nil
        )
    }
}
