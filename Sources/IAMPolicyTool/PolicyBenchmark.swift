package import IAMPolicy
import IAMPolicyCatalog

/// `warden bench policy`: decisions per second and per-decision latency on one core for
/// realistic principals. Run from a release build.
package enum PolicyBenchmark {
    package struct Workload: Sendable {
        package var name: String
        package var policies: PolicySet
        package var requests: [AuthorizationRequest]
    }

    package struct Result: Sendable {
        package var workload: String
        package var statements: Int
        package var decisionsPerSecond: Double
        package var medianNanoseconds: Double
        package var p99Nanoseconds: Double
        package var p999Nanoseconds: Double
        package var allowed: Int
        package var requests: Int
    }

    package static func workloads(forceMFA: String) throws -> [Workload] {
        let catalog = try ManagedPolicyCatalog.shared()
        func managed(_ name: String) throws -> CompiledPolicy {
            guard let policy = try catalog.compiled(name) else { throw PolicySimulateTool.Failure(description: "no managed policy \(name)") }
            return policy
        }
        let account = "123456789012"
        let user = Principal.user("MFAUser", account: account)
        func request(_ action: String, _ resource: String, mfa: Bool?) -> AuthorizationRequest {
            var context = RequestContext()
            context.set("aws:username", .string("MFAUser"))
            context.set("aws:userid", .string("AIDAEXAMPLEEXAMPLE01"))
            context.set("aws:PrincipalArn", .string(user.arn))
            context.set("aws:PrincipalAccount", .string(account))
            context.set("aws:PrincipalType", .string("User"))
            context.set("aws:SecureTransport", .bool(true))
            context.set("aws:SourceIp", .string("203.0.113.7"))
            context.set("aws:CurrentTime", .string("2026-11-29T10:00:00Z"))
            context.set("aws:EpochTime", .number("1795946400"))
            context.set("aws:RequestedRegion", .string("us-east-1"))
            if let mfa {
                context.set("aws:MultiFactorAuthPresent", .bool(mfa))
                if mfa { context.set("aws:MultiFactorAuthAge", .number("30")) }
            }
            return AuthorizationRequest(principal: user, action: action, resource: resource, context: context)
        }
        let me = "arn:aws:iam::\(account):user/MFAUser"
        let tutorial = PolicySet(identity: [try CompiledPolicy(name: "Force_MFA", text: forceMFA), try managed("AmazonEC2FullAccess")])
        let tutorialRequests = [
            request("ec2:DescribeInstances", "*", mfa: true),
            request("ec2:RunInstances", "arn:aws:ec2:us-east-1:\(account):instance/*", mfa: true),
            request("ec2:DescribeInstances", "*", mfa: nil),
            request("ec2:DescribeInstances", "*", mfa: false),
            request("iam:GetUser", me, mfa: false),
            request("iam:ChangePassword", me, mfa: true),
            request("iam:CreateVirtualMFADevice", "arn:aws:iam::\(account):mfa/MFAUser", mfa: false),
            request("s3:ListAllMyBuckets", "*", mfa: true),
        ]
        let readOnly = PolicySet(identity: [try managed("ReadOnlyAccess")])
        let readOnlyRequests = [
            request("ec2:DescribeInstances", "*", mfa: nil),
            request("s3:GetObject", "arn:aws:s3:::bucket/key", mfa: nil),
            request("iam:CreateUser", "arn:aws:iam::\(account):user/bob", mfa: nil),
            request("dynamodb:Query", "arn:aws:dynamodb:us-east-1:\(account):table/t", mfa: nil),
            request("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:\(account):function:f", mfa: nil),
            request("zzz:Unknown", "*", mfa: nil),
        ]
        let mixedNames = ["AmazonS3ReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess", "IAMUserChangePassword",
                          "AmazonSQSFullAccess", "AmazonSNSReadOnlyAccess", "CloudWatchReadOnlyAccess",
                          "AWSLambda_ReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "IAMReadOnlyAccess"]
        var mixed = try mixedNames.map(managed)
        mixed.append(try CompiledPolicy(name: "Force_MFA", text: forceMFA))
        let mixedRequests = tutorialRequests + readOnlyRequests
        return [
            Workload(name: "tutorial (Force_MFA + AmazonEC2FullAccess)", policies: tutorial, requests: tutorialRequests),
            Workload(name: "ReadOnlyAccess", policies: readOnly, requests: readOnlyRequests),
            Workload(name: "10 mixed policies", policies: PolicySet(identity: mixed), requests: mixedRequests),
        ]
    }

    package static func run(_ workload: Workload, seconds: Double) -> Result {
        let requests = workload.requests
        var allowed = 0
        // Warm up, and count the decisions once.
        for request in requests where PolicyEvaluator.evaluate(request, workload.policies).isAllowed { allowed += 1 }
        let clock = ContinuousClock()
        // Throughput: rounds over the request mix until the time is spent.
        var decisions = 0
        var sink = 0
        let start = clock.now
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        while clock.now - start < budget {
            for _ in 0..<1000 {
                for request in requests where PolicyEvaluator.evaluate(request, workload.policies).isAllowed { sink &+= 1 }
            }
            decisions += 1000 * requests.count
        }
        let elapsed = clock.now - start
        // Latency: each decision timed on its own.
        let samples = 200_000
        var latencies: [Int64] = []
        latencies.reserveCapacity(samples)
        for i in 0..<samples {
            let request = requests[i % requests.count]
            let t0 = clock.now
            let decision = PolicyEvaluator.evaluate(request, workload.policies)
            let t1 = clock.now
            if decision.isAllowed { sink &+= 1 }
            latencies.append(nanoseconds(t1 - t0))
        }
        latencies.sort()
        blackHole(sink)
        let statements = workload.policies.identity.reduce(0) { $0 + $1.document.statements.count }
        return Result(
            workload: workload.name, statements: statements,
            decisionsPerSecond: Double(decisions) / Self.seconds(elapsed),
            medianNanoseconds: Double(latencies[samples / 2]),
            p99Nanoseconds: Double(latencies[samples * 99 / 100]),
            p999Nanoseconds: Double(latencies[samples * 999 / 1000]),
            allowed: allowed, requests: requests.count)
    }

    /// What one clock reading pair costs, to read latencies against.
    package static func timerOverheadNanoseconds() -> Double {
        let clock = ContinuousClock()
        var samples: [Int64] = []
        for _ in 0..<100_000 {
            let t0 = clock.now
            let t1 = clock.now
            samples.append(nanoseconds(t1 - t0))
        }
        samples.sort()
        return Double(samples[samples.count / 2])
    }

    private static func nanoseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    @inline(never)
    private static func blackHole(_ value: Int) {
        if value == Int.min { print("") }
    }
}
