import DealdeckCore

/// The doctor's report plus what it means for the caller.
public struct DoctorDiagnosis: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable, Codable {
        case passed
        /// The first failure needs a new sign-in (exit code 3).
        case signInNeeded = "sign-in-needed"
        /// The first failure is the network (exit code 5).
        case network
        /// Anything else (exit code 1).
        case failed
    }

    public var report: DoctorReport
    public var verdict: Verdict
    /// Who is signed in, when the identity step passed.
    public var identity: SalesforceIdentity?

    public init(report: DoctorReport, verdict: Verdict, identity: SalesforceIdentity? = nil) {
        self.report = report
        self.verdict = verdict
        self.identity = identity
    }
}
