extension AppUser {
    /// Login names are 1–64 characters of letters, digits, `.`, `_`, `-` and `@`, starting with a
    /// letter or digit, so they are safe in file names, shell commands and the members tab.
    public static func validateLoginName(_ name: String) throws(AppUserError) -> String {
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .emptyLoginName }
        guard trimmed.count <= 64 else { throw .loginNameTooLong(trimmed) }
        let allowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }
        guard let first = trimmed.first, first.isASCII, first.isLetter || first.isNumber, trimmed.allSatisfy(allowed) else {
            throw .invalidLoginName(trimmed)
        }
        return trimmed.lowercased()
    }

    /// A minimal sanity check: one `@` with text on both sides and a dot in the domain.
    public static func validateEmail(_ email: String) throws(AppUserError) -> String {
        let trimmed = email.trimmingWhitespace()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !trimmed.contains(" ")
        else { throw .invalidEmail(trimmed) }
        return trimmed
    }
}

/// Why a user could not be created.
public enum AppUserError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyLoginName
    case loginNameTooLong(String)
    case invalidLoginName(String)
    case invalidEmail(String)

    public var description: String {
        switch self {
        case .emptyLoginName:
            return "The user name is empty. Give a login name such as 'alice'."
        case .loginNameTooLong(let name):
            return "The user name '\(name.prefix(20))…' is longer than 64 characters. Choose a shorter login name."
        case .invalidLoginName(let name):
            return "The user name '\(name)' contains characters Dealdeck does not allow. Use letters, digits, '.', '_', '-' or '@', starting with a letter or digit."
        case .invalidEmail(let email):
            return "'\(email)' is not an email address. Give it as name@example.com."
        }
    }
}
