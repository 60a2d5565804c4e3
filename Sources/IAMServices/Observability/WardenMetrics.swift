public import CoreMetrics
public import IAMPolicy

/// Warden's metrics, written through swift-metrics to the factory it is handed (the server passes a
/// Prometheus factory over its own registry; nothing is bootstrapped globally, so a process can run
/// several servers). Every label value is bounded: operations come from the operation tables,
/// services from a fixed list or the action catalog, error codes from Warden's own errors.
public final class WardenMetrics: Sendable {
    public static let requestsTotal = "warden_requests_total"
    public static let requestDurationSeconds = "warden_request_duration_seconds"
    public static let authorizationDecisionsTotal = "warden_authorization_decisions_total"
    public static let signInFailuresTotal = "warden_signin_failures_total"
    public static let mfaFailuresTotal = "warden_mfa_failures_total"

    /// The front door a request came through.
    public enum Service: String, Sendable, CaseIterable {
        case iam, sts, ec2, console, other
    }

    /// Why a console sign-in step failed.
    public enum SignInFailure: String, Sendable, CaseIterable {
        /// Wrong account, user name, password or MFA code.
        case invalid
        /// Too many recent failures for the user or the client address.
        case throttled
        /// The password expired and cannot be changed at sign-in.
        case expired
    }

    /// Where an MFA code was checked.
    public enum MFASource: String, Sendable, CaseIterable {
        case console, api
    }

    /// Why an MFA check failed.
    public enum MFAFailure: String, Sendable, CaseIterable {
        /// The code is malformed, wrong, out of the window or already used.
        case invalidCode = "invalid_code"
        /// Too many recent failures for the device.
        case throttled
        /// The serial number names no device of the caller.
        case unknownDevice = "unknown_device"
    }

    let factory: any MetricsFactory

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records nothing (tests and tools that do not serve metrics).
    public static var disabled: WardenMetrics { WardenMetrics(factory: NOOPMetricsHandler.instance) }

    /// One finished request: a count by service, operation and outcome, and its latency.
    /// `operation` must already be bounded (`operation(_:service:)`, `ec2Operation(_:)`, `consoleOperation(_:)`).
    public func recordRequest(service: Service, operation: String, status: Int, errorCode: String?, nanoseconds: Int64) {
        let outcome = Self.outcome(status: status)
        let code = outcome == "success" ? "none" : Self.boundedCode(errorCode)
        Counter(label: Self.requestsTotal,
                dimensions: [("service", service.rawValue), ("operation", operation), ("outcome", outcome), ("code", code)],
                factory: factory).increment()
        Timer(label: Self.requestDurationSeconds, dimensions: [("service", service.rawValue), ("operation", operation)],
              factory: factory).recordNanoseconds(max(0, nanoseconds))
    }

    /// One decision of the gate, by outcome and by the service of the action decided.
    public func recordDecision(_ outcome: Decision.Outcome, action: String) {
        Counter(label: Self.authorizationDecisionsTotal,
                dimensions: [("decision", Self.decisionLabel(outcome)), ("service", Self.actionService(action))],
                factory: factory).increment()
    }

    /// A console sign-in step that failed.
    public func recordSignInFailure(_ reason: SignInFailure, stage: ConsoleStage) {
        Counter(label: Self.signInFailuresTotal, dimensions: [("stage", stage.rawValue), ("reason", reason.rawValue)],
                factory: factory).increment()
    }

    /// The console sign-in step a failure happened at.
    public enum ConsoleStage: String, Sendable, CaseIterable {
        case password, mfa
    }

    /// An MFA code that was refused.
    public func recordMFAFailure(_ reason: MFAFailure, source: MFASource) {
        Counter(label: Self.mfaFailuresTotal, dimensions: [("source", source.rawValue), ("reason", reason.rawValue)],
                factory: factory).increment()
    }
}
