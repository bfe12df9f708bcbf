import DealdeckCore
import Foundation
import TOMLKit

/// Reads theme files (TOML) into validated `ThemeSpec`s.
///
/// A theme file has `name`, optional `description` and `extends`, and a `[roles]` table whose
/// keys are role names and whose values are inline tables `{ fg = …, bg = …, attrs = [...] }`.
public enum ThemeFile {
    /// Parses and validates theme text; `base` resolves an `extends` name.
    public static func parse(_ text: String, file: String, base: (String) throws(ThemeError) -> ThemeSpec?) throws(ThemeError) -> ThemeSpec {
        let document = try document(from: text, file: file)
        var baseSpec: ThemeSpec?
        if let extends = document.extends {
            guard let found = try base(extends) else {
                throw ThemeError(file: file, line: line(ofKey: "extends", in: text), role: "extends", problem: .unknownBase(extends))
            }
            baseSpec = found
        }
        return try ThemeSpec.resolve(document, file: file, base: baseSpec)
    }

    /// The file's content as a `ThemeDocument`, with each role's line number.
    public static func document(from text: String, file: String) throws(ThemeError) -> ThemeDocument {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(file: file, line: error.source.begin.line, role: "-", problem: .syntax(error.description))
        } catch {
            throw ThemeError(file: file, line: nil, role: "-", problem: .syntax(String(describing: error)))
        }
        var document = ThemeDocument(
            name: table["name"]?.string, description: table["description"]?.string, extends: table["extends"]?.string)
        guard let roles = table["roles"]?.table else {
            if table["roles"] != nil {
                throw ThemeError(file: file, line: line(ofKey: "roles", in: text), role: "roles", problem: .syntax("[roles] must be a table"))
            }
            return document
        }
        for key in roles.keys {
            let lineNumber = line(ofKey: key, in: text)
            guard let entry = roles[key]?.table else {
                throw ThemeError(file: file, line: lineNumber, role: key, problem: .syntax("the role must be an inline table such as { fg = \"red\" }"))
            }
            for field in entry.keys where !["fg", "bg", "attrs"].contains(field) {
                throw ThemeError(file: file, line: lineNumber, role: key, problem: .syntax("unknown field '\(field)'; use fg, bg and attrs"))
            }
            var attributes: [String]?
            if let value = entry["attrs"] {
                guard let array = value.array else {
                    throw ThemeError(file: file, line: lineNumber, role: key, problem: .syntax("attrs must be a list such as [\"bold\"]"))
                }
                attributes = array.map { $0.string ?? "\($0)" }
            }
            document.roles[key] = ThemeDocument.Entry(
                foreground: try colorText(entry["fg"], file: file, line: lineNumber, role: key),
                background: try colorText(entry["bg"], file: file, line: lineNumber, role: key),
                attributes: attributes, line: lineNumber)
        }
        return document
    }

    private static func colorText(_ value: (any TOMLValueConvertible)?, file: String, line: Int?, role: String) throws(ThemeError) -> String? {
        guard let value else { return nil }
        guard let text = value.string else { throw ThemeError(file: file, line: line, role: role, problem: .unknownColor("\(value)")) }
        return text
    }

    /// The first line that defines `key` (`key =` or `"key" =`), for error messages.
    static func line(ofKey key: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            for candidate in [key, "\"\(key)\""] where trimmed.hasPrefix(candidate) {
                let rest = trimmed.dropFirst(candidate.count).drop(while: { $0 == " " || $0 == "\t" })
                if rest.hasPrefix("=") { return index + 1 }
            }
            if trimmed.hasPrefix("[\(key)]") { return index + 1 }
        }
        return nil
    }
}
