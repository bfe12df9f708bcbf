import Foundation
import TOMLKit

/// Reads and writes `config.toml`.
public enum SettingsFile {
    /// The settings at `path`; defaults when the file does not exist yet.
    public static func load(from path: String) throws(ConfigError) -> DealdeckSettings {
        guard FileManager.default.fileExists(atPath: path) else { return DealdeckSettings() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: PrivateFiles.reason(error))
        }
        do {
            let table = try TOMLTable(string: text)
            return try TOMLDecoder().decode(DealdeckSettings.self, from: table)
        } catch let error as TOMLParseError {
            throw .invalidTOML(path: path, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch let error as DecodingError {
            throw .invalidValue(path: path, key: Self.keyPath(of: error), message: Self.message(of: error))
        } catch {
            throw .unreadable(path: path, reason: String(describing: error))
        }
    }

    /// Writes the settings atomically with mode 0600.
    public static func save(_ settings: DealdeckSettings, to path: String) throws(ConfigError) {
        let text: String
        do {
            text = try TOMLEncoder().encode(settings)
        } catch {
            throw .cannotWrite(path: path, reason: String(describing: error))
        }
        let header = "# Dealdeck settings. Secrets are never stored here; see `dealdeck login`.\n"
        try PrivateFiles.writeAtomically(Data((header + text).utf8), to: path)
    }

    private static func keyPath(of error: DecodingError) -> String {
        let context: DecodingError.Context?
        switch error {
        case .typeMismatch(_, let value), .valueNotFound(_, let value), .dataCorrupted(let value): context = value
        case .keyNotFound(let key, let value): return (value.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        @unknown default: context = nil
        }
        return context?.codingPath.map(\.stringValue).joined(separator: ".") ?? "?"
    }

    private static func message(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): return "expected a value of type \(type)"
        case .valueNotFound(let type, _): return "expected a value of type \(type)"
        case .keyNotFound(let key, _): return "'\(key.stringValue)' is missing"
        case .dataCorrupted(let context): return context.debugDescription
        @unknown default: return "unexpected value"
        }
    }
}
