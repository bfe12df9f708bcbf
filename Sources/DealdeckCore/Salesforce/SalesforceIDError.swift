/// Why a piece of text is not a Salesforce record ID.
public enum SalesforceIDError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongLength(String, Int)
    case invalidCharacters(String)
    case checksumMismatch(String)

    public var description: String {
        switch self {
        case .wrongLength(let text, let count):
            return "'\(text)' is not a Salesforce ID: it has \(count) characters, but an ID has 15 or 18. Copy the ID from the record's URL or from `dealdeck list`."
        case .invalidCharacters(let text):
            return "'\(text)' is not a Salesforce ID: IDs contain only the letters A–Z, a–z and the digits 0–9."
        case .checksumMismatch(let text):
            return "'\(text)' is not a Salesforce ID: its last three characters do not match the first fifteen. Check for a typo, or use the 15-character form."
        }
    }
}
