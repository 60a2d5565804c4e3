@testable import IAMPolicy
import Testing

/// A policy with a `Statement` array, one statement per line: statement `k` is line `4 + k`,
/// with its `{` in column 5.
private func arrayPolicy(_ statements: String...) -> String {
    "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + statements.joined(separator: ",\n    ")
        + "\n  ]\n}"
}

private let allow = #""Effect": "Allow""#
private let deny = #""Effect": "Deny""#
private let getObject = #""Action": "s3:GetObject""#
private let anyResource = #""Resource": "*""#
private let malformed = "MalformedPolicyDocument"

/// Positions were counted by hand: `statementPolicy` (in PolicyParserTests.swift) puts the
/// statement's `{` at 3:16 and member `k` on line `4 + k` from column 5.
@Suite("Policy validator")
struct PolicyValidatorTests {
    /// The only diagnostic of `text`, which must have exactly one.
    private static func single(
        _ text: String, as type: PolicyType, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> PolicyDiagnostic {
        let diagnostics = PolicyValidator.validate(text, as: type)
        try #require(diagnostics.count == 1, "\(diagnostics)", sourceLocation: sourceLocation)
        return diagnostics[0]
    }

    private static func errors(_ text: String, as type: PolicyType) -> [PolicyDiagnostic] {
        PolicyValidator.validate(text, as: type).filter { $0.severity == .error }
    }

    // MARK: - Reference policies

    @Test("Force_MFA is a clean identity policy")
    func forceMFA() throws {
        guard let text = ReferencePolicies.text("Force_MFA.json") else { return }
        #expect(PolicyValidator.validate(text, as: .identity).isEmpty)
    }

    @Test("AmazonEC2FullAccess's document is a clean identity policy")
    func ec2FullAccess() throws {
        guard let text = ReferencePolicies.text("AmazonEC2FullAccess.json") else { return }
        let document = try #require(try JSONParser.parse(text)["Document"])
        let rendered = JSONRender.render(document)
        #expect(try PolicyParser.parse(rendered).statements.count == 5)
        #expect(PolicyValidator.validate(rendered, as: .identity).isEmpty)
    }

    // MARK: - Errors

    @Test("a repeated Sid is an error at the second Sid")
    func duplicateSid() throws {
        let text = arrayPolicy(
            #"{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#,
            #"{"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}"#)
        let d = try Self.single(text, as: .identity)
        #expect(d.severity == .error && d.code == "duplicateSid" && d.awsErrorCode == malformed)
        #expect(d.message == "Statement IDs (SID) in a single policy must be unique.")
        #expect("\(d.location)" == "5:13")
        #expect(d.pointer == "/Statement/1/Sid")
    }

    @Test("a Sid with a hyphen or a non-ASCII letter is an error, except in a resource policy")
    func sidCharacters() throws {
        for sid in ["Allow-Read", "Größe"] {
            let text = statementPolicy("\"Sid\": \"\(sid)\"", allow, getObject, anyResource)
            let d = try Self.single(text, as: .identity)
            #expect(d.code == "sidCharacters" && d.awsErrorCode == malformed)
            #expect(d.message == "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*")
            #expect("\(d.location)" == "4:12")
            let resourcePolicy = statementPolicy("\"Sid\": \"\(sid)\"", allow, #""Principal": "*""#, getObject, anyResource)
            #expect(Self.errors(resourcePolicy, as: .resource).isEmpty)
        }
    }

    struct Finding: Sendable, CustomTestStringConvertible {
        let member: String
        let code: String
        let message: String
        let position: String
        var testDescription: String { member }
    }

    static let actionFindings: [Finding] = [
        Finding(member: #""Action": "GetObject""#, code: "actionWithoutPrefix",
                message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", position: "5:15"),
        Finding(member: #""Action": ["s3:GetObject", "GetObject"]"#, code: "actionWithoutPrefix",
                message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", position: "5:32"),
        Finding(member: #""Action": "s3:Get:Object""#, code: "actionColons",
                message: "Actions/Condition can contain only one colon.", position: "5:15"),
        Finding(member: #""NotAction": "s3 x:GetObject""#, code: "actionVendor",
                message: "Vendor s3 x is not valid", position: "5:18"),
        Finding(member: #""Action": "s3:""#, code: "actionName", message: "Syntax errors in policy.", position: "5:15"),
    ]

    @Test("malformed actions are errors at the action", arguments: actionFindings)
    func badAction(_ f: Finding) throws {
        let d = try Self.single(statementPolicy(#""Effect": "Deny""#, f.member, anyResource), as: .identity)
        #expect(d.severity == .error && d.code == f.code && d.awsErrorCode == malformed)
        #expect(d.message == f.message)
        #expect("\(d.location)" == f.position)
    }

    static let resourceFindings: [Finding] = [
        Finding(member: #""Resource": "foo""#, code: "resourceFormat",
                message: #"Resource foo must be in ARN format or "*"."#, position: "6:17"),
        Finding(member: #""Resource": ["*", "arn:aws:s3"]"#, code: "resourceFormat",
                message: #"Resource arn:aws:s3 must be in ARN format or "*"."#, position: "6:23"),
        Finding(member: #""NotResource": "arn:aws::us-east-1:123456789012:thing""#, code: "resourceVendor",
                message: "Resource vendor must be fully qualified and cannot contain regexes.", position: "6:20"),
        Finding(member: #""Resource": "arn:aws:iam:us-east-1:123456789012:user/Bob""#, code: "iamResourceRegion",
                message: "IAM resource arn:aws:iam:us-east-1:123456789012:user/Bob cannot contain region information.",
                position: "6:17"),
    ]

    @Test("malformed resources are errors at the resource", arguments: resourceFindings)
    func badResource(_ f: Finding) throws {
        let d = try Self.single(statementPolicy(deny, getObject, f.member), as: .identity)
        #expect(d.severity == .error && d.code == f.code && d.awsErrorCode == malformed)
        #expect(d.message == f.message)
        #expect("\(d.location)" == f.position)
    }

    @Test("a Principal in an identity policy is an error, and fine in a resource policy")
    func principalInIdentityPolicy() throws {
        let text = statementPolicy(allow, #""Principal": {"AWS": "123456789012"}"#, getObject, anyResource)
        let d = try Self.single(text, as: .identity)
        #expect(d.code == "principalInIdentityPolicy" && d.awsErrorCode == malformed)
        #expect(d.message == "Policy document should not specify a principal.")
        #expect("\(d.location)" == "3:16")
        #expect(d.pointer == "/Statement")
        #expect(PolicyValidator.validate(text, as: .resource).isEmpty)
    }

    @Test("an identity statement without Resource is an error")
    func missingResource() throws {
        let d = try Self.single(arrayPolicy(#"{"Effect": "Allow", "Action": "s3:GetObject"}"#), as: .identity)
        #expect(d.code == "missingResource" && d.awsErrorCode == malformed)
        #expect(d.message == "Policy statement must contain resources.")
        #expect("\(d.location)" == "4:5")
        #expect(d.pointer == "/Statement/0")
    }

    @Test("a resource policy statement without Principal is an error")
    func missingPrincipal() throws {
        let d = try Self.single(statementPolicy(allow, getObject, anyResource), as: .resource)
        #expect(d.severity == .error && d.code == "missingPrincipal" && d.awsErrorCode == malformed)
        #expect(d.message == "Missing required field Principal")
        #expect("\(d.location)" == "3:16")
    }

    @Test("a trust policy statement with Resource is an error, and fine without it")
    func resourceInTrustPolicy() throws {
        let principal = #""Principal": {"Service": "ec2.amazonaws.com"}"#
        let assumeRole = #""Action": "sts:AssumeRole""#
        let d = try Self.single(statementPolicy(allow, principal, assumeRole, anyResource), as: .trust)
        #expect(d.code == "resourceInTrustPolicy" && d.awsErrorCode == malformed)
        #expect(d.message == "Has prohibited field Resource.")
        #expect("\(d.location)" == "3:16")
        #expect(PolicyValidator.validate(statementPolicy(allow, principal, assumeRole), as: .trust).isEmpty)
    }

    @Test("Version 2008-10-17 or no Version is an error on an identity policy")
    func identityVersion() throws {
        let statement = #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#
        let old = try Self.single("{\n  \"Version\": \"2008-10-17\",\n  \"Statement\": \(statement)\n}", as: .identity)
        #expect(old.severity == .error && old.code == "oldVersion" && old.awsErrorCode == malformed)
        #expect(old.message == "Policy document must be version 2012-10-17 or greater.")
        #expect("\(old.location)" == "2:14")
        #expect(old.pointer == "/Version")
        let missing = try Self.single("{\"Statement\": \(statement)}", as: .identity)
        #expect(missing.severity == .error && missing.code == "missingVersion")
        #expect(missing.message == "Policy document must be version 2012-10-17 or greater.")
        #expect("\(missing.location)" == "1:1")
    }

    @Test("Version 2008-10-17 or no Version is only a warning on a resource policy")
    func resourceVersion() throws {
        let statement = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}"#
        let old = try Self.single("{\n  \"Version\": \"2008-10-17\",\n  \"Statement\": \(statement)\n}", as: .resource)
        #expect(old.severity == .warning && old.code == "oldVersion" && old.awsErrorCode == nil)
        #expect("\(old.location)" == "2:14")
        let missing = try Self.single("{\"Statement\": \(statement)}", as: .resource)
        #expect(missing.severity == .warning && missing.code == "missingVersion")
    }

    // MARK: - Size quotas

    /// `prefix + filler + suffix` with exactly `count` non-whitespace characters, padded with
    /// whitespace after every comma and at the end when `padded`.
    private static func sized(_ count: Int, _ prefix: String, _ suffix: String, padded: Bool) -> String {
        let compact = prefix + String(repeating: "a", count: count - prefix.count - suffix.count) + suffix
        guard padded else { return compact }
        return compact.replacing(",", with: ",\n\t    ") + String(repeating: " \n", count: 4_000)
    }

    @Test("an identity policy may have 6,144 non-whitespace characters, however much whitespace")
    func identityQuota() throws {
        let prefix = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"#
        let atLimit = Self.sized(6_144, prefix, #""}}"#, padded: true)
        #expect(atLimit.count > 14_000)
        #expect(try PolicyParser.parse(atLimit).nonWhitespaceLength == 6_144)
        #expect(PolicyValidator.validate(atLimit, as: .identity).isEmpty)
        for padded in [false, true] {
            let d = try Self.single(Self.sized(6_145, prefix, #""}}"#, padded: padded), as: .identity)
            #expect(d.severity == .error && d.code == "sizeQuota" && d.awsErrorCode == "LimitExceeded")
            #expect(d.message == "Cannot exceed quota for PolicySize: 6144")
            #expect("\(d.location)" == "1:1")
        }
    }

    @Test("a trust policy may have 2,048 non-whitespace characters")
    func trustQuota() throws {
        let prefix = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":""#
        let suffix = #""}}}}"#
        #expect(PolicyValidator.validate(Self.sized(2_048, prefix, suffix, padded: true), as: .trust).isEmpty)
        let d = try Self.single(Self.sized(2_049, prefix, suffix, padded: true), as: .trust)
        #expect(d.code == "sizeQuota" && d.awsErrorCode == "LimitExceeded")
        #expect(d.message == "Cannot exceed quota for ACLSizePerRole: 2048")
    }

    // MARK: - Condition values

    struct ConditionCase: Sendable, CustomTestStringConvertible {
        let condition: String
        /// Column of the value on line 7, counted by hand.
        var column = 0
        var message = "Syntax errors in policy."
        var testDescription: String { condition }
    }

    static let badValues: [ConditionCase] = [
        ConditionCase(condition: #"{"DateGreaterThan": {"aws:CurrentTime": "yesterday"}}"#, column: 58,
                      message: "The policy failed legacy parsing"),
        ConditionCase(condition: #"{"DateEquals": {"aws:CurrentTime": "2020-02-30T00:00:00Z"}}"#, column: 53,
                      message: "The policy failed legacy parsing"),
        ConditionCase(condition: #"{"NumericLessThan": {"s3:max-keys": "ten"}}"#, column: 54),
        ConditionCase(condition: #"{"IpAddress": {"aws:SourceIp": "10.0.0.256/8"}}"#, column: 49),
        ConditionCase(condition: #"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/33"}}"#, column: 52),
        ConditionCase(condition: #"{"Bool": {"aws:SecureTransport": "yes"}}"#, column: 51),
        ConditionCase(condition: #"{"BinaryEquals": {"s3:x-amz-meta-blob": "not base64!"}}"#, column: 58),
        ConditionCase(condition: #"{"Null": {"aws:TokenIssueTime": "maybe"}}"#, column: 50),
    ]

    @Test("condition values of the wrong type are errors at the value", arguments: badValues)
    func badConditionValue(_ c: ConditionCase) throws {
        let d = try Self.single(statementPolicy(allow, getObject, anyResource, "\"Condition\": \(c.condition)"),
                                as: .identity)
        #expect(d.severity == .error && d.code == "conditionValue" && d.awsErrorCode == malformed)
        #expect(d.message == c.message)
        #expect("\(d.location)" == "7:\(c.column)")
    }

    static let goodValues: [ConditionCase] = [
        ConditionCase(condition: #"{"DateGreaterThan": {"aws:CurrentTime": ["2020-01-01T00:00:00Z", "1577836800"]}}"#),
        ConditionCase(condition: #"{"NumericLessThan": {"s3:max-keys": ["10", 10.5, -3]}}"#),
        ConditionCase(condition: #"{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32", "192.0.2.1"]}}"#),
        ConditionCase(condition: #"{"Bool": {"aws:SecureTransport": ["TRUE", false]}}"#),
        ConditionCase(condition: #"{"BinaryEquals": {"s3:x-amz-meta-blob": "QmluYXJ5"}}"#),
        ConditionCase(condition: #"{"Null": {"aws:TokenIssueTime": "false"}}"#),
    ]

    @Test("condition values of the right type are accepted", arguments: goodValues)
    func goodConditionValue(_ c: ConditionCase) throws {
        let text = statementPolicy(allow, getObject, anyResource, "\"Condition\": \(c.condition)")
        #expect(PolicyValidator.validate(text, as: .identity).isEmpty)
    }

    @Test("a negative CIDR prefix length is an error")
    func negativePrefixLength() throws {
        let text = statementPolicy(allow, getObject, anyResource,
                                   #""Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/-1"}}"#)
        var context = RequestContext()
        context.set("aws:SourceIp", .string("192.168.1.1"))
        let request = AuthorizationRequest(principal: .user("Bob"), action: "s3:GetObject", resource: "*", context: context)
        let decision = PolicyEvaluator.evaluate(request, PolicySet(identity: [try CompiledPolicy(name: "ip", text: text)]))
        do {
            #expect(Self.errors(text, as: .identity).map(\.code) == ["conditionValue"])
            #expect(decision.outcome == .implicitDeny)
        }
    }

    @Test("a condition key without a service prefix is an error at the key")
    func conditionKeyPrefix() throws {
        let text = statementPolicy(allow, getObject, anyResource, #""Condition": {"StringEquals": {"username": "bob"}}"#)
        let d = try Self.single(text, as: .identity)
        #expect(d.code == "conditionKeyPrefix" && d.awsErrorCode == malformed)
        #expect(d.message == "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
        #expect("\(d.location)" == "7:36")
    }

    @Test("a policy that does not parse gives one error with the parser's AWS message")
    func unparseable() throws {
        let d = try Self.single(statementPolicy(allow, anyResource), as: .identity)
        #expect(d.severity == .error && d.code == "missingAction" && d.awsErrorCode == malformed)
        #expect(d.message == "Policy statement must contain actions.")
        #expect("\(d.location)" == "3:16")
        let json = try Self.single("{\"Statement\": [1,]}", as: .identity)
        #expect(json.code == "jsonSyntax" && json.message == "Syntax errors in policy.")
        #expect("\(json.location)" == "1:18")
    }

    // MARK: - Warnings

    static let warnings: [Finding] = [
        Finding(member: #""Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}"#,
                code: "mfaBoolWithoutIfexists", message: "", position: "7:28"),
        Finding(member: #""Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}}"#,
                code: "forAllValuesAllow", message: "", position: "7:49"),
        Finding(member: #""Condition": {"ForAnyValue:StringEquals": {"aws:username": "bob"}}"#,
                code: "setOperatorSingleValued", message: "", position: "7:48"),
    ]

    @Test("risky conditions are warnings at the condition key", arguments: warnings)
    func conditionWarning(_ f: Finding) throws {
        let effect = f.code == "mfaBoolWithoutIfexists" ? deny : allow
        let d = try Self.single(statementPolicy(effect, getObject, anyResource, f.member), as: .identity)
        #expect(d.severity == .warning && d.code == f.code && d.awsErrorCode == nil)
        #expect("\(d.location)" == f.position)
    }

    @Test("the safe forms of those conditions give no warning")
    func safeConditions() throws {
        let safe = [
            statementPolicy(deny, getObject, anyResource, #""Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#),
            statementPolicy(allow, getObject, anyResource, #""Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}"#),
            statementPolicy(deny, getObject, anyResource, #""Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": "env"}}"#),
            statementPolicy(allow, getObject, anyResource, #""Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "env"}}"#),
            statementPolicy(deny, #""NotAction": "iam:*""#, anyResource),
        ]
        for text in safe { #expect(PolicyValidator.validate(text, as: .identity).isEmpty, "\(text)") }
    }

    @Test("Allow with NotAction is a warning at the statement")
    func allowNotAction() throws {
        let d = try Self.single(statementPolicy(allow, #""NotAction": "iam:*""#, anyResource), as: .identity)
        #expect(d.severity == .warning && d.code == "allowNotAction" && d.awsErrorCode == nil)
        #expect("\(d.location)" == "3:16")
        #expect(d.pointer == "/Statement")
    }
}
