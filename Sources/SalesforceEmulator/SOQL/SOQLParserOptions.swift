/// Knobs for where the emulator may be more lenient than Salesforce.
public struct SOQLParserOptions: Sendable, Hashable {
    /// Salesforce refuses `a AND b OR c` ("unexpected token: 'OR'") and insists on parentheses.
    /// When false, the parser instead applies the usual precedence (NOT, then AND, then OR).
    public var requiresParenthesesForMixedLogic: Bool

    public init(requiresParenthesesForMixedLogic: Bool = true) {
        self.requiresParenthesesForMixedLogic = requiresParenthesesForMixedLogic
    }
}
