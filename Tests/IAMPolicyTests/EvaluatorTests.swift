@testable import IAMPolicy
import Testing

/// Evaluation through the public API (iam-facts §2.6): decisions, their explanations, AWS's
/// AccessDenied phrases, and the service index that makes evaluation fast.
@Suite("Policy evaluator")
struct EvaluatorTests {
    /// Compiles a 2012-10-17 policy from the text of its statements.
    static func policy(_ name: String, _ statements: String) throws -> CompiledPolicy {
        try CompiledPolicy(name: name, text: #"{"Version": "2012-10-17", "Statement": [\#(statements)]}"#)
    }

    /// A policy of one statement with no Sid.
    static func single(_ name: String, _ effect: Effect, _ action: String) throws -> CompiledPolicy {
        try policy(name, #"{"Effect": "\#(effect.rawValue)", "Action": "\#(action)", "Resource": "*"}"#)
    }

    static let alice = Principal.user("alice")
    static let aliceARN = "arn:aws:iam::123456789012:user/alice"

    static func request(_ action: String, on resource: String = "*", _ context: RequestContext = .empty)
        -> AuthorizationRequest {
        AuthorizationRequest(principal: alice, action: action, resource: resource, context: context)
    }

    /// `Outcome Policy#Statement`, or just the outcome when no statement decided.
    static func summary(_ decision: Decision) -> String {
        decision.outcome.rawValue + (decision.decidedBy.map { " \($0)" } ?? "")
    }

    // MARK: Explanations

    static let selfService = """
        {"Sid": "ListS3", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
        {"Sid": "OtherUser", "Effect": "Allow", "Action": "iam:GetUser",
         "Resource": "arn:aws:iam::123456789012:user/bob"},
        {"Sid": "NeedsMFA", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
        {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::123456789012:user/${aws:username}"}
        """

    @Test("the explanation names every statement with why it did or did not apply")
    func traces() throws {
        let policies = PolicySet(identity: [try Self.policy("SelfService", Self.selfService)])
        let request = Self.request("iam:GetUser", on: Self.aliceARN, RequestContext(["aws:username": .string("alice")]))
        let explanation = PolicyEvaluator.explain(request, policies)
        #expect(explanation.statements.map(\.reference.description)
            == ["SelfService#ListS3", "SelfService#OtherUser", "SelfService#NeedsMFA", "SelfService#3"])
        #expect(explanation.statements.map(\.result) == [
            .actionNotMatched,
            .resourceNotMatched,
            .conditionFalse(operator: "Bool", key: "aws:MultiFactorAuthPresent", keyPresent: false),
            .applies,
        ])
        #expect(explanation.statements.allSatisfy { $0.effect == .allow && $0.reference.policyType == .identity })
        #expect(explanation.decision == PolicyEvaluator.evaluate(request, policies))
        #expect(Self.summary(explanation.decision) == "Allow SelfService#3")
        #expect(explanation.lines == [
            "decision: Allow",
            "decided by: SelfService#3 (identity-based policy)",
            "  SelfService#ListS3 Allow: action not matched",
            "  SelfService#OtherUser Allow: resource not matched",
            "  SelfService#NeedsMFA Allow: condition Bool on `aws:MultiFactorAuthPresent` is false (key absent)",
            "  SelfService#3 Allow: applies",
        ])
    }

    @Test("a false condition on a present key says the key was present")
    func conditionOnPresentKey() throws {
        let policies = PolicySet(identity: [try Self.policy("SelfService", Self.selfService)])
        let context = RequestContext(["aws:MultiFactorAuthPresent": .bool(false)])
        let request = Self.request("iam:GetUser", on: Self.aliceARN, context)
        let explanation = PolicyEvaluator.explain(request, policies)
        #expect(explanation.statements[2].result
            == .conditionFalse(operator: "Bool", key: "aws:MultiFactorAuthPresent", keyPresent: true))
        // No aws:username: the variable is unresolved, so the last statement's resource matches nothing.
        #expect(explanation.statements[3].result == .resourceNotMatched)
        #expect(explanation.decision == .implicitDeny(.identity))
        #expect(explanation.lines.contains("reason: no identity-based policy allows the action"))
        #expect(explanation.lines.contains(
            "  SelfService#NeedsMFA Allow: condition Bool on `aws:MultiFactorAuthPresent` is false"))
    }

    @Test("the failing condition is named even when another condition holds")
    func secondConditionFails() throws {
        let regional = try Self.policy("Regional", """
            {"Sid": "EUOnly", "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {
              "StringEquals": {"aws:RequestedRegion": "eu-west-1"},
              "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}}
            """)
        let context = RequestContext(
            ["aws:RequestedRegion": .string("eu-west-1"), "aws:MultiFactorAuthAge": .number(7200)])
        let request = Self.request("ec2:RunInstances", context)
        let explanation = PolicyEvaluator.explain(request, PolicySet(identity: [regional]))
        #expect(explanation.statements.map(\.result)
            == [.conditionFalse(operator: "NumericLessThan", key: "aws:MultiFactorAuthAge", keyPresent: true)])
    }

    @Test("an explicit deny is the deciding statement of the explanation")
    func explicitDenyExplanation() throws {
        let admin = try Self.policy("Admin", """
            {"Sid": "All", "Effect": "Allow", "Action": "iam:*", "Resource": "*"},
            {"Sid": "KeepUsers", "Effect": "Deny", "Action": "iam:DeleteUser", "Resource": "*"}
            """)
        let request = Self.request("iam:DeleteUser", on: Self.aliceARN)
        let explanation = PolicyEvaluator.explain(request, PolicySet(identity: [admin]))
        #expect(Self.summary(explanation.decision) == "ExplicitDeny Admin#KeepUsers")
        #expect(explanation.lines.prefix(2)
            == ["decision: ExplicitDeny", "decided by: Admin#KeepUsers (identity-based policy)"])
        #expect(explanation.lines.contains("  Admin#KeepUsers Deny: applies"))
        #expect(explanation.statements.map(\.effect) == [.allow, .deny])
    }

    @Test("boundary, resource and session statements are traced under their policy type")
    func policyTypes() throws {
        let policies = PolicySet(
            identity: [try Self.policy("Id", #"{"Sid": "S3", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)],
            boundary: try Self.single("Boundary", .allow, "s3:Get*"),
            resource: try Self.policy("Bucket", """
                {"Sid": "BobOnly", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/bob"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"}
                """),
            session: [try Self.single("Session", .allow, "s3:PutObject")])
        let request = Self.request("s3:GetObject", on: "arn:aws:s3:::shared/a")
        let explanation = PolicyEvaluator.explain(request, policies)
        #expect(explanation.statements.map(\.reference.policyType) == [.identity, .boundary, .resource, .session])
        #expect(explanation.statements.map(\.result) == [.applies, .applies, .principalNotMatched, .actionNotMatched])
        #expect(explanation.decision == .implicitDeny(.session))
        #expect(explanation.lines.contains("reason: no session policy allows the action"))
        #expect(explanation.lines.contains("  Bucket#BobOnly Allow: principal not matched"))
    }

    // MARK: AccessDenied phrases

    enum Scenario: String, CaseIterable, Sendable {
        case noPolicies, identityDeny, boundarySilent, sessionSilent, noSessionPolicies
        case boundaryDeny, sessionDeny, resourceDeny, allowed

        var expectedPhrase: String? {
            switch self {
            case .noPolicies: "because no identity-based policy allows the iam:ListUsers action"
            case .identityDeny: "with an explicit deny in an identity-based policy"
            case .boundarySilent: "because no permissions boundary allows the iam:ListUsers action"
            case .sessionSilent, .noSessionPolicies: "because no session policy allows the iam:ListUsers action"
            case .boundaryDeny: "with an explicit deny in a permissions boundary"
            case .sessionDeny: "with an explicit deny in a session policy"
            case .resourceDeny: "with an explicit deny in a resource-based policy"
            case .allowed: nil
            }
        }

        func policies() throws -> PolicySet {
            let allowIAM = try EvaluatorTests.single("AllowIAM", .allow, "iam:*")
            let allowS3 = try EvaluatorTests.single("AllowS3", .allow, "s3:*")
            let deny = try EvaluatorTests.single("Deny", .deny, "iam:List*")
            let resourceDeny = try EvaluatorTests.policy("ResourceDeny", """
                {"Effect": "Deny", "Principal": "*", "Action": "iam:ListUsers", "Resource": "*"}
                """)
            return switch self {
            case .noPolicies: PolicySet(identity: [])
            case .identityDeny: PolicySet(identity: [allowIAM, deny])
            case .boundarySilent: PolicySet(identity: [allowIAM], boundary: allowS3)
            case .sessionSilent: PolicySet(identity: [allowIAM], session: [allowS3])
            case .noSessionPolicies: PolicySet(identity: [allowIAM], session: [])
            case .boundaryDeny: PolicySet(identity: [allowIAM], boundary: deny)
            case .sessionDeny: PolicySet(identity: [allowIAM], session: [allowIAM, deny])
            case .resourceDeny: PolicySet(identity: [allowIAM], resource: resourceDeny)
            case .allowed: PolicySet(identity: [allowIAM], boundary: allowIAM, session: [allowS3, allowIAM])
            }
        }
    }

    @Test("the denial phrase matches AWS's AccessDenied wording", arguments: Scenario.allCases)
    func denialPhrase(_ scenario: Scenario) throws {
        let request = Self.request("iam:ListUsers")
        let decision = PolicyEvaluator.evaluate(request, try scenario.policies())
        #expect(decision.denialPhrase(action: "iam:ListUsers") == scenario.expectedPhrase)
    }

    @Test("implicit denial phrases name the action they were given")
    func implicitPhrases() {
        #expect(Decision.implicitDeny(.identity).denialPhrase(action: "X")
            == "because no identity-based policy allows the X action")
        #expect(Decision.implicitDeny(.boundary).denialPhrase(action: "X")
            == "because no permissions boundary allows the X action")
        #expect(Decision.implicitDeny(.session).denialPhrase(action: "X")
            == "because no session policy allows the X action")
    }

    // MARK: The service index

    /// Identity policies mixing NotAction, `*`, wildcard service prefixes and per-service actions.
    static func mixedPolicies() throws -> [CompiledPolicy] {
        [
            try Self.policy("Mixed", """
                {"Sid": "ReadS3Family", "Effect": "Allow", "Action": "s3*:Get*", "Resource": "*"},
                {"Sid": "ListAnything", "Effect": "Allow", "Action": "*:List*", "Resource": "*"},
                {"Sid": "IAMSome", "Effect": "Allow", "Action": ["iam:CreateUser", "iam:Tag*", "iam:GetUser"],
                 "Resource": "*"},
                {"Sid": "EC2All", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
                {"Sid": "DenyTerminate", "Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*"},
                {"Sid": "DenyDeletes", "Effect": "Deny", "Action": "*:Delete*", "Resource": "*"},
                {"Sid": "OnlyKnownServices", "Effect": "Deny",
                 "NotAction": ["iam:*", "ec2:*", "s3*:*", "sts:*", "kms:*", "*:List*"], "Resource": "*"},
                {"Sid": "KMSOneChar", "Effect": "Allow", "Action": "kms:?ncrypt", "Resource": "*"},
                {"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}
                """),
            try Self.policy("Broad", """
                {"Sid": "PublicObjects", "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::public/*"},
                {"Sid": "NoColon", "Effect": "Allow", "Action": "sts*", "Resource": "*"},
                {"Sid": "DenyPassRole", "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"},
                {"Sid": "ManyServices", "Effect": "Allow", "Action": ["SQS:SendMessage", "lambda:Invoke*"],
                 "Resource": "*"}
                """),
        ]
    }

    struct IndexCase: Sendable, CustomTestStringConvertible {
        var action: String
        var resource = "*"
        var expected: String
        var testDescription: String { "\(action) on \(resource)" }
    }

    /// Expectations derived by hand: first matching Deny in policy-then-statement order, else the first Allow.
    static let indexCases: [IndexCase] = [
        IndexCase(action: "iam:ListUsers", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "IAM:listusers", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "iam:List", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "iam:Lis", expected: "ImplicitDeny"),
        IndexCase(action: "iam:GetUser", expected: "Allow Mixed#IAMSome"),
        IndexCase(action: "iam:getuser", expected: "Allow Mixed#IAMSome"),
        IndexCase(action: "iam:GetUserPolicy", expected: "ImplicitDeny"),
        IndexCase(action: "iam:CreateUser", expected: "Allow Mixed#IAMSome"),
        IndexCase(action: "iam:TagUser", expected: "Allow Mixed#IAMSome"),
        IndexCase(action: "iam:TagRole", expected: "Allow Mixed#IAMSome"),
        IndexCase(action: "iam:UntagUser", expected: "ImplicitDeny"),
        IndexCase(action: "iam:DeleteUser", expected: "ExplicitDeny Mixed#DenyDeletes"),
        IndexCase(action: "iam:PassRole", expected: "ExplicitDeny Broad#DenyPassRole"),
        IndexCase(action: "iam:CreateAccessKey", expected: "ImplicitDeny"),
        IndexCase(action: "iam:GetAccountSummary", expected: "ImplicitDeny"),
        IndexCase(action: "ec2:DescribeInstances", expected: "Allow Mixed#EC2All"),
        IndexCase(action: "ec2:RunInstances", expected: "Allow Mixed#EC2All"),
        IndexCase(action: "ec2:CreateTags", expected: "Allow Mixed#EC2All"),
        IndexCase(action: "ec2:TerminateInstances", expected: "ExplicitDeny Mixed#DenyTerminate"),
        IndexCase(action: "EC2:terminateinstances", expected: "ExplicitDeny Mixed#DenyTerminate"),
        IndexCase(action: "ec2:DeleteVpc", expected: "ExplicitDeny Mixed#DenyDeletes"),
        IndexCase(action: "ec2:DeleteTags", expected: "ExplicitDeny Mixed#DenyDeletes"),
        IndexCase(action: "s3:GetObject", expected: "Allow Mixed#ReadS3Family"),
        IndexCase(action: "S3:GETOBJECT", expected: "Allow Mixed#ReadS3Family"),
        IndexCase(action: "s3:GetBucketPolicy", expected: "Allow Mixed#ReadS3Family"),
        IndexCase(action: "s3:get", expected: "Allow Mixed#ReadS3Family"),
        IndexCase(action: "s3:ListBucket", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "s3:PutObject", expected: "ImplicitDeny"),
        IndexCase(action: "s3:DeleteObject", expected: "ExplicitDeny Mixed#DenyDeletes"),
        IndexCase(action: "s3-object-lambda:GetObject", expected: "Allow Mixed#ReadS3Family"),
        IndexCase(action: "s3express:GetObject", expected: "Allow Mixed#ReadS3Family"),
        IndexCase(action: "s3-outposts:PutObject", expected: "ImplicitDeny"),
        IndexCase(action: "s3:PutObject", resource: "arn:aws:s3:::public/r", expected: "Allow Broad#PublicObjects"),
        IndexCase(action: "s3:GetObject", resource: "arn:aws:s3:::public/r", expected: "Allow Mixed#ReadS3Family"),
        IndexCase(action: "s3:DeleteObject", resource: "arn:aws:s3:::public/r",
                  expected: "ExplicitDeny Mixed#DenyDeletes"),
        IndexCase(action: "s3:PutObject", resource: "arn:aws:s3:::private/report.csv", expected: "ImplicitDeny"),
        IndexCase(action: "dynamodb:GetItem", expected: "ExplicitDeny Mixed#OnlyKnownServices"),
        IndexCase(action: "dynamodb:ListTables", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "dynamodb:DeleteTable", expected: "ExplicitDeny Mixed#DenyDeletes"),
        IndexCase(action: "sqs:SendMessage", expected: "ExplicitDeny Mixed#OnlyKnownServices"),
        IndexCase(action: "sqs:ListQueues", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "sqs:DeleteQueue", expected: "ExplicitDeny Mixed#DenyDeletes"),
        IndexCase(action: "lambda:InvokeFunction", expected: "ExplicitDeny Mixed#OnlyKnownServices"),
        IndexCase(action: "lambda:ListFunctions", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "kms:Encrypt", expected: "Allow Mixed#KMSOneChar"),
        IndexCase(action: "kms:Decrypt", expected: "ImplicitDeny"),
        IndexCase(action: "kms:ReEncrypt", expected: "ImplicitDeny"),
        IndexCase(action: "kms:ListKeys", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "kms:ScheduleKeyDeletion", expected: "ImplicitDeny"),
        IndexCase(action: "kms:DeleteAlias", expected: "ExplicitDeny Mixed#DenyDeletes"),
        IndexCase(action: "sts:GetCallerIdentity", expected: "Allow Mixed#8"),
        IndexCase(action: "sts:AssumeRole", expected: "Allow Broad#NoColon"),
        IndexCase(action: "STS:AssumeRole", expected: "Allow Broad#NoColon"),
        IndexCase(action: "sts:GetSessionToken", expected: "Allow Broad#NoColon"),
        IndexCase(action: "cloudwatch:GetMetricData", expected: "ExplicitDeny Mixed#OnlyKnownServices"),
        IndexCase(action: "cloudwatch:ListMetrics", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "organizations:ListAccounts", expected: "Allow Mixed#ListAnything"),
        IndexCase(action: "sns:Publish", expected: "ExplicitDeny Mixed#OnlyKnownServices"),
    ]

    /// A reference evaluator that scans every statement with plain globs: no index, no
    /// per-service split. Enough for the unconditional, variable-free policies above.
    static func naiveScan(_ c: IndexCase, _ policies: [CompiledPolicy]) -> String {
        let action = Array(c.action.lowercased().utf8)
        let resource = Array(c.resource.utf8)
        func applies(_ s: Statement) -> Bool {
            let actionHit = s.actions.contains { GlobPattern($0.value, lowercased: true).matches(action) }
            let resourceHit = (s.resources ?? []).contains { GlobPattern($0.value).matches(resource) }
            return actionHit != s.actionIsNegated && resourceHit != s.resourceIsNegated
        }
        for effect in [Effect.deny, .allow] {
            for p in policies {
                for s in p.document.statements where s.effect == effect && applies(s) {
                    return (effect == .deny ? "ExplicitDeny " : "Allow ") + "\(p.name)#\(s.label)"
                }
            }
        }
        return "ImplicitDeny"
    }

    @Test("the service index decides as a naive scan of every statement does", arguments: indexCases)
    func serviceIndex(_ c: IndexCase) throws {
        let policies = try Self.mixedPolicies()
        let request = Self.request(c.action, on: c.resource)
        let decision = PolicyEvaluator.evaluate(request, PolicySet(identity: policies))
        #expect(Self.summary(decision) == c.expected)
        #expect(Self.naiveScan(c, policies) == c.expected)
        #expect(PolicyEvaluator.explain(request, PolicySet(identity: policies)).decision == decision)
    }

    @Test("an action without a colon is not matched by `service:*`")
    func colonlessAction() throws {
        let policies = PolicySet(identity: [try Self.single("EC2", .allow, "ec2:*")])
        #expect(!GlobPattern("ec2:*").matches(Array("ec2".utf8)))
        let request = Self.request("ec2")
        do {
            #expect(PolicyEvaluator.evaluate(request, policies) == .implicitDeny(.identity))
        }
    }

    @Test("one PolicySet evaluated from several tasks at once gives identical results")
    func concurrentEvaluation() async throws {
        let policies = PolicySet(identity: try Self.mixedPolicies())
        let cases = Self.indexCases
        @Sendable func run() -> [Decision] {
            cases.map { PolicyEvaluator.evaluate(Self.request($0.action, on: $0.resource), policies) }
        }
        let sequential = run()
        // 8 tasks, each evaluating every case 20 times.
        let concurrent = await withTaskGroup(of: [[Decision]].self) { group in
            for _ in 0..<8 { group.addTask { (0..<20).map { _ in run() } } }
            return await group.reduce(into: [[Decision]]()) { $0 += $1 }
        }
        #expect(concurrent.count == 160)
        #expect(concurrent.allSatisfy { $0 == sequential })
        #expect(sequential.map(Self.summary) == cases.map(\.expected))
    }

    // MARK: Large policies

    @Test("a policy of 2,000 statements that none match denies implicitly")
    func twoThousandStatements() throws {
        let statements = (0..<2_000).map { i in
            #"{"Sid": "S\#(i)", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b-\#(i)/*"}"#
        }
        let big = PolicySet(identity: [try Self.policy("Big", statements.joined(separator: ",\n"))])
        let otherBucket = Self.request("s3:GetObject", on: "arn:aws:s3:::other/key")
        #expect(PolicyEvaluator.evaluate(otherBucket, big) == .implicitDeny(.identity))
        let explained = PolicyEvaluator.explain(otherBucket, big)
        #expect(explained.statements.count == 2_000)
        #expect(explained.statements.allSatisfy { $0.result == .resourceNotMatched })

        let otherAction = Self.request("iam:ListUsers")
        #expect(PolicyEvaluator.evaluate(otherAction, big) == .implicitDeny(.identity))
        #expect(PolicyEvaluator.explain(otherAction, big).statements.allSatisfy { $0.result == .actionNotMatched })

        let last = Self.request("s3:GetObject", on: "arn:aws:s3:::b-1999/k")
        #expect(Self.summary(PolicyEvaluator.evaluate(last, big)) == "Allow Big#S1999")
    }

    // MARK: Findings

    @Test("StringEqualsIgnoreCase folds a variable's value as it folds a fixed value")
    func ignoreCaseVariable() throws {
        func allows(_ value: String) throws -> Bool {
            let p = try Self.policy("P", """
                {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*",
                 "Condition": {"StringEqualsIgnoreCase": {"s3:ExistingObjectTag/owner": "\(value)"}}}
                """)
            let context = RequestContext(
                ["aws:username": .string("ÉLODIE"), "s3:ExistingObjectTag/owner": .string("élodie")])
            let request = Self.request("s3:PutObject", context)
            return PolicyEvaluator.evaluate(request, PolicySet(identity: [p])).isAllowed
        }
        #expect(try allows("ÉLODIE"))
        let viaVariable = try allows("${aws:username}")
        do {
            #expect(viaVariable)
        }
    }
}
