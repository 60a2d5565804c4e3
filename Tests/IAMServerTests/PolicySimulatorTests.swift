import AWSQuery
import IAMPolicy
@testable import IAMServices
import Testing

/// The simulator's decisions, matched statements, missing context values and boundary detail, and
/// how `ContextEntries` become typed context values.
@Suite("Analysis: policy simulator")
struct PolicySimulatorTests {
    static func input(_ n: Int, _ statements: String) throws -> NamedPolicy {
        let text = #"{"Version": "2012-10-17", "Statement": [\#(statements)]}"#
        return NamedPolicy(name: "PolicyInputList.\(n)", origin: .input("PolicyInputList.\(n)"), text: text,
                           document: try PolicyParser.parse(text))
    }

    static let caller = Principal(kind: .user, arn: "arn:aws:iam::123456789012:user/alice", accountID: "123456789012")

    static func simulator(_ identity: [NamedPolicy], boundary: NamedPolicy? = nil, resource: NamedPolicy? = nil,
                          context: RequestContext = .empty) -> PolicySimulator {
        PolicySimulator(identity: identity, boundary: boundary, resourcePolicy: resource, principal: caller, context: context)
    }

    @Test func denyIsTheOnlyMatchedStatement() throws {
        let sim = Self.simulator([
            try Self.input(1, #"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#),
            try Self.input(2, #"{"Effect": "Allow", "Action": "s3:DeleteBucket", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}"#),
        ])
        let denied = sim.simulate(action: "s3:DeleteBucket", resources: nil)
        #expect(denied.decision == "explicitDeny" && denied.resourceName == "*" && denied.resources == nil)
        #expect(denied.matched.map(\.sourcePolicyID) == ["PolicyInputList.2"])
        // The Deny's `{` is the 108th character of the one-line document: the statement starts at column 109.
        #expect(denied.matched.first?.span?.start == .init(line: 1, column: 109))
        let allowed = sim.simulate(action: "s3:ListBucket", resources: nil)
        #expect(allowed.decision == "allowed" && allowed.matched.map(\.sourcePolicyID) == ["PolicyInputList.1"])
        #expect(sim.simulate(action: "ec2:RunInstances", resources: nil).matched.isEmpty)
    }

    @Test func resourcesAggregateToTheMostRestrictiveDecision() throws {
        let sim = Self.simulator([try Self.input(1, """
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"},
            {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/secret"}
            """)])
        let mixed = sim.simulate(action: "s3:GetObject", resources: ["arn:aws:s3:::a/x", "arn:aws:s3:::b/x"])
        #expect(mixed.decision == "implicitDeny" && mixed.matched.isEmpty && mixed.resourceName == "arn:aws:s3:::a/x")
        #expect(mixed.resources?.map(\.decision) == ["allowed", "implicitDeny"])
        let worst = sim.simulate(action: "s3:GetObject", resources: ["arn:aws:s3:::b/x", "arn:aws:s3:::a/secret", "arn:aws:s3:::a/y"])
        #expect(worst.decision == "explicitDeny" && worst.matched.count == 1)
        #expect(sim.simulate(action: "s3:GetObject", resources: ["arn:aws:s3:::a/y"]).decision == "allowed")
    }

    @Test func missingContextValuesComeFromRelevantStatementsOnly() throws {
        let sim = Self.simulator([try Self.input(1, """
            {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::*:user/${aws:username}"},
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
            {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::elsewhere/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            """)])
        #expect(sim.simulate(action: "iam:GetUser", resources: ["arn:aws:iam::123456789012:user/bob"]).missingContextValues
                == ["aws:username"])
        #expect(sim.simulate(action: "s3:GetObject", resources: ["arn:aws:s3:::mine/k"]).missingContextValues == ["aws:SourceIp"])
        var context = RequestContext()
        context.set("aws:sourceip", .string("10.1.1.1"))
        let given = Self.simulator(try [Self.input(1, #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}"#)],
                                   context: context)
        let result = given.simulate(action: "s3:GetObject", resources: nil)
        #expect(result.decision == "allowed" && result.missingContextValues.isEmpty)
    }

    @Test func boundaryDetailSaysWhetherTheBoundaryAllows() throws {
        let boundary = try Self.input(9, #"{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}"#)
        let sim = Self.simulator([try Self.input(1, #"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)], boundary: boundary)
        let get = sim.simulate(action: "s3:GetObject", resources: nil)
        #expect(get.decision == "allowed" && get.allowedByBoundary == true && get.matched.map(\.sourcePolicyID) == ["PolicyInputList.1"])
        let put = sim.simulate(action: "s3:PutObject", resources: nil)
        #expect(put.decision == "implicitDeny" && put.allowedByBoundary == false)
        #expect(Self.simulator([]).simulate(action: "s3:PutObject", resources: nil).allowedByBoundary == nil)
    }

    @Test func resourcePolicyNamingTheCallerAllowsOnItsOwn() throws {
        let text = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "s3:GetObject", "Resource": "*"}}"#
        let resource = NamedPolicy(name: "ResourcePolicy", origin: .resource, text: text, document: try PolicyParser.parse(text))
        let result = Self.simulator([], resource: resource).simulate(action: "s3:GetObject", resources: ["arn:aws:s3:::b/k"])
        #expect(result.decision == "allowed")
        #expect(result.matched.map { "\($0.sourcePolicyID) \($0.sourcePolicyType)" } == ["ResourcePolicy resource"])
    }

    // MARK: Context entries

    static func entries(_ pairs: [(String, String)]) -> QueryParameters { QueryParameters(pairs) }

    @Test func contextEntriesAreTypedAndListsAreMultiValued() throws {
        let context = try SimulationContext.parse(Self.entries([
            ("ContextEntries.member.1.ContextKeyName", "aws:MultiFactorAuthAge"),
            ("ContextEntries.member.1.ContextKeyType", "numeric"),
            ("ContextEntries.member.1.ContextKeyValues.member.1", "30"),
            ("ContextEntries.member.2.ContextKeyName", "aws:TagKeys"),
            ("ContextEntries.member.2.ContextKeyType", "stringList"),
            ("ContextEntries.member.2.ContextKeyValues.member.1", "a"),
            ("ContextEntries.member.2.ContextKeyValues.member.2", "b"),
            ("ContextEntries.member.3.ContextKeyName", "aws:SecureTransport"),
            ("ContextEntries.member.3.ContextKeyType", "boolean"),
            ("ContextEntries.member.3.ContextKeyValues.member.1", "False"),
            ("ContextEntries.member.4.ContextKeyName", "s3:data"),
            ("ContextEntries.member.4.ContextKeyType", "binary"),
            ("ContextEntries.member.4.ContextKeyValues.member.1", "QUJD"),
        ]))
        #expect(context.values("AWS:MULTIFACTORAUTHAGE") == [.number("30")])
        #expect(context.values("aws:TagKeys") == [.string("a"), .string("b")])
        #expect(context.values("aws:SecureTransport") == [.bool(false)])
        #expect(context.values("s3:data") == [.binary(Array("ABC".utf8))])
    }

    @Test(arguments: [("numeric", "1e400"), ("numeric", ""), ("date", "2020-13-01"), ("ip", "10.0.0.0/33"), ("ip", "::g"),
                      ("binary", "QUJ"), ("boolean", "yes")])
    func invalidTypedValuesAreRefused(type: String, value: String) {
        #expect(throws: AWSServiceError.self) {
            try SimulationContext.parse(Self.entries([
                ("ContextEntries.member.1.ContextKeyName", "aws:Something"),
                ("ContextEntries.member.1.ContextKeyType", type),
                ("ContextEntries.member.1.ContextKeyValues.member.1", value),
            ]))
        }
    }

    @Test func typedValuesAcceptWhatTheOperatorsRead() {
        #expect(ContextValue("2020-01-01T00:00:00Z", as: .date) == .string("2020-01-01T00:00:00Z"))
        #expect(ContextValue("1577836800", as: .date) == .string("1577836800"))
        #expect(ContextValue("2001:db8::/32", as: .ip) == .string("2001:db8::/32"))
        #expect(ContextValue("-3.5", as: .numeric) == .number("-3.5"))
        #expect(ContextValue("TRUE", as: .boolean) == .bool(true))
        #expect(ContextValue("anything at all", as: .string) == .string("anything at all"))
    }
}
