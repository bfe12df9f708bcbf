/// One area of the emulator's HTTP surface (OAuth, REST, control…).
public protocol EmulatorEndpoint: Sendable {
    /// Answers the request, or returns nil when the path is not this endpoint's.
    func respond(to request: EmulatorRequest) async -> EmulatorResponse?
}
