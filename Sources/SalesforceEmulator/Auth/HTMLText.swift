/// HTML escaping for the sign-in pages. Every value that reaches a page (usernames, hints,
/// scopes, ticket IDs, messages) goes through here, because the username and `login_hint` come
/// straight from the request.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
