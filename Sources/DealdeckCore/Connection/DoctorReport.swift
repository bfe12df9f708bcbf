/// The connection doctor's findings, step by step (shared by `dealdeck doctor` and the setup
/// wizard's Test Connection).
public struct DoctorReport: Equatable, Sendable, Codable {
    public var steps: [DoctorStep]

    public init(steps: [DoctorStep] = []) { self.steps = steps }

    public var passed: Bool { !steps.isEmpty && steps.allSatisfy { $0.status != .failed } }

    /// The first failed step, if any.
    public var firstFailure: DoctorStep? { steps.first { $0.status == .failed } }
}

/// One step of the doctor: host reachable, token endpoint, identity, query, describe.
public struct DoctorStep: Equatable, Sendable, Codable {
    public enum Status: String, Equatable, Sendable, Codable { case passed, failed, skipped }

    /// Stable identifier (`host`, `token`, `identity`, `query`, `describe`).
    public var id: String
    /// What the step checks, e.g. "Token endpoint".
    public var title: String
    public var status: Status
    /// What was seen (e.g. "signed in as dana@acme.com" or "HTTP 400 invalid_client_id").
    public var detail: String
    /// The likely cause in plain words, for failures.
    public var cause: String?
    /// The fix, naming the place in Salesforce Setup where relevant.
    public var fix: String?

    public init(id: String, title: String, status: Status, detail: String, cause: String? = nil, fix: String? = nil) {
        self.id = id
        self.title = title
        self.status = status
        self.detail = detail
        self.cause = cause
        self.fix = fix
    }
}
