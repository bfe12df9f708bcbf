/// A complete, validated theme: a style for every `ThemeRole`.
public struct ThemeSpec: Equatable, Sendable {
    public var name: String
    public var styles: [ThemeRole: ThemeStyle]

    public init(name: String, styles: [ThemeRole: ThemeStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: ThemeRole) -> ThemeStyle { styles[role] ?? .plain }

    /// Validates a document. Without a base, every role must be defined; with one, the
    /// document's entries override the base's. Errors name the file, line and role.
    public static func resolve(_ document: ThemeDocument, file: String, base: ThemeSpec?) throws(ThemeError) -> ThemeSpec {
        var styles = base?.styles ?? [:]
        for (key, entry) in document.roles.sorted(by: { $0.key < $1.key }) {
            guard let role = ThemeRole(rawValue: key) else {
                throw ThemeError(file: file, line: entry.line, role: key, problem: .unknownRole)
            }
            var style = styles[role] ?? ThemeStyle()
            if let text = entry.foreground {
                guard let color = ThemeColor(parsing: text) else {
                    throw ThemeError(file: file, line: entry.line, role: key, problem: .unknownColor(text))
                }
                style.foreground = color
            }
            if let text = entry.background {
                guard let color = ThemeColor(parsing: text) else {
                    throw ThemeError(file: file, line: entry.line, role: key, problem: .unknownColor(text))
                }
                style.background = color
            }
            if let names = entry.attributes {
                var attributes = Set<ThemeAttribute>()
                for name in names {
                    guard let attribute = ThemeAttribute(rawValue: name.lowercased()) else {
                        throw ThemeError(file: file, line: entry.line, role: key, problem: .unknownAttribute(name))
                    }
                    attributes.insert(attribute)
                }
                style.attributes = attributes
            }
            styles[role] = style
        }
        if let missing = ThemeRole.allCases.first(where: { styles[$0] == nil }) {
            throw ThemeError(file: file, line: nil, role: missing.rawValue, problem: .missingRole)
        }
        return ThemeSpec(name: document.name ?? file, styles: styles)
    }
}

/// What is wrong with a theme file, naming the file, the line and the role.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var role: String
    public var problem: Problem

    public enum Problem: Equatable, Sendable {
        case unknownRole
        case unknownColor(String)
        case unknownAttribute(String)
        case missingRole
        case syntax(String)
        case unknownBase(String)
    }

    public init(file: String, line: Int?, role: String, problem: Problem) {
        self.file = file
        self.line = line
        self.role = role
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        switch problem {
        case .unknownRole:
            return "\(place): '\(role)' is not a theme role. Known roles: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", "))."
        case .unknownColor(let color):
            return "\(place): role '\(role)' has the colour '\(color)', which is not one of default, the 16 ANSI names (red, bright_blue…), colorN (0–255) or #rrggbb."
        case .unknownAttribute(let attribute):
            return "\(place): role '\(role)' has the attribute '\(attribute)'; use bold, dim, italic, underline or reverse."
        case .missingRole:
            return "\(place): role '\(role)' is not defined. Define it, or add extends = \"default\" to start from the default theme."
        case .syntax(let message):
            return "\(place): the file is not valid TOML (\(message))."
        case .unknownBase(let base):
            return "\(place): extends = \"\(base)\" names a theme that does not exist."
        }
    }
}
