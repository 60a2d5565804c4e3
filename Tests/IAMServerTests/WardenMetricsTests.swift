import CoreMetrics
import IAMPolicy
import IAMServices
import Prometheus
import Testing

@Suite("Warden metrics")
struct WardenMetricsTests {
    static func metrics() -> (WardenMetrics, PrometheusCollectorRegistry) {
        let registry = PrometheusCollectorRegistry()
        return (WardenMetrics(factory: PrometheusMetricsFactory(registry: registry)), registry)
    }

    @Test("operation labels come from the operation tables; anything else is unknown")
    func operationLabels() {
        #expect(WardenMetrics.operation("CreateUser", service: .iam) == "CreateUser")
        #expect(WardenMetrics.operation("GetSessionToken", service: .sts) == "GetSessionToken")
        // An STS action sent to IAM, a made-up action, a client's junk, nothing at all.
        #expect(WardenMetrics.operation("GetSessionToken", service: .iam) == "unknown")
        #expect(WardenMetrics.operation("DropAllTables", service: .iam) == "unknown")
        #expect(WardenMetrics.operation("Create\"User\n", service: .iam) == "unknown")
        #expect(WardenMetrics.operation(nil, service: .sts) == "unknown")
        #expect(WardenMetrics.ec2Operation("RunInstances") == "RunInstances")
        #expect(WardenMetrics.ec2Operation("runinstances") == "unknown")
        #expect(WardenMetrics.consoleOperation([]) == "signin")
        #expect(WardenMetrics.consoleOperation(["iam", "users", "Alice"]) == "iam")
        #expect(WardenMetrics.consoleOperation(["users-of-mallory"]) == "unknown")
    }

    @Test("requests are counted by service, operation, outcome and code, with a latency histogram in seconds")
    func requestMetrics() {
        let (metrics, registry) = Self.metrics()
        metrics.recordRequest(service: .iam, operation: "CreateUser", status: 200, errorCode: nil, nanoseconds: 3_000_000)
        metrics.recordRequest(service: .iam, operation: "CreateUser", status: 200, errorCode: nil, nanoseconds: 40_000_000)
        metrics.recordRequest(service: .iam, operation: "CreateUser", status: 403, errorCode: "AccessDenied", nanoseconds: 1_000)
        metrics.recordRequest(service: .sts, operation: "unknown", status: 500, errorCode: "bad code\n{}", nanoseconds: 1_000)
        let text = registry.emitToString()
        #expect(text.contains("# TYPE warden_requests_total counter"))
        #expect(text.contains(#"warden_requests_total{service="iam",operation="CreateUser",outcome="success",code="none"} 2"#))
        #expect(text.contains(#"warden_requests_total{service="iam",operation="CreateUser",outcome="client_error",code="AccessDenied"} 1"#))
        // A code that is not an AWS-style code never becomes a label value.
        #expect(text.contains(#"warden_requests_total{service="sts",operation="unknown",outcome="server_error",code="unknown"} 1"#))
        #expect(!text.contains("bad code"))
        #expect(text.contains("# TYPE warden_request_duration_seconds histogram"))
        #expect(text.contains(#"warden_request_duration_seconds_count{service="iam",operation="CreateUser"} 3"#))
        #expect(text.contains(#"warden_request_duration_seconds_bucket{service="iam",operation="CreateUser",le="0.005"} 2"#))
        #expect(text.contains(#"warden_request_duration_seconds_bucket{service="iam",operation="CreateUser",le="+Inf"} 3"#))
    }

    @Test("decisions are counted by outcome and by the action's service; unknown services are not labels")
    func decisions() {
        let (metrics, registry) = Self.metrics()
        metrics.recordDecision(.allow, action: "iam:CreateUser")
        metrics.recordDecision(.explicitDeny, action: "ec2:RunInstances")
        metrics.recordDecision(.implicitDeny, action: "s3:ListAllMyBuckets")
        metrics.recordDecision(.implicitDeny, action: "evil-\(String(repeating: "x", count: 100)):Do")
        metrics.recordDecision(.implicitDeny, action: "no-colon")
        let text = registry.emitToString()
        #expect(text.contains(#"warden_authorization_decisions_total{decision="allow",service="iam"} 1"#))
        #expect(text.contains(#"warden_authorization_decisions_total{decision="explicit_deny",service="ec2"} 1"#))
        #expect(text.contains(#"warden_authorization_decisions_total{decision="implicit_deny",service="s3"} 1"#))
        #expect(text.contains(#"warden_authorization_decisions_total{decision="implicit_deny",service="unknown"} 2"#))
        #expect(!text.contains("evil"))
    }

    @Test("sign-in and MFA failures have their own counters with bounded reasons")
    func failures() {
        let (metrics, registry) = Self.metrics()
        metrics.recordSignInFailure(.invalid, stage: .password)
        metrics.recordSignInFailure(.invalid, stage: .password)
        metrics.recordSignInFailure(.throttled, stage: .mfa)
        metrics.recordMFAFailure(.invalidCode, source: .api)
        metrics.recordMFAFailure(.unknownDevice, source: .api)
        metrics.recordMFAFailure(.invalidCode, source: .console)
        let text = registry.emitToString()
        #expect(text.contains(#"warden_signin_failures_total{stage="password",reason="invalid"} 2"#))
        #expect(text.contains(#"warden_signin_failures_total{stage="mfa",reason="throttled"} 1"#))
        #expect(text.contains(#"warden_mfa_failures_total{source="api",reason="invalid_code"} 1"#))
        #expect(text.contains(#"warden_mfa_failures_total{source="api",reason="unknown_device"} 1"#))
        #expect(text.contains(#"warden_mfa_failures_total{source="console",reason="invalid_code"} 1"#))
    }

    @Test("two registries never share counts (no process-wide bootstrap)")
    func separateRegistries() {
        let (first, firstRegistry) = Self.metrics()
        let (_, secondRegistry) = Self.metrics()
        first.recordSignInFailure(.invalid, stage: .password)
        #expect(firstRegistry.emitToString().contains("warden_signin_failures_total"))
        #expect(!secondRegistry.emitToString().contains("warden_signin_failures_total"))
    }
}
