import Foundation
@testable import IAMPolicy
import Testing

/// The AWS example policies in `/work/shared/reference/policies/`, read at test time.
enum ReferencePolicies {
    /// The text of `name`, or `nil` after recording an issue when the file is missing.
    static func text(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
        let url = URL(filePath: #filePath).deletingLastPathComponent()
            .appending(path: "../../../shared/reference/policies/\(name)").standardized
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("reference policy missing: \(url.path)", sourceLocation: sourceLocation)
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A policy with one statement object, one member per line: `"Statement": {` is line 3 with the
/// `{` in column 16, the first member is line 4, and every member starts in column 5.
func statementPolicy(_ members: String...) -> String {
    "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\n    " + members.joined(separator: ",\n    ")
        + "\n  }\n}"
}

/// Parses `text`, which must be refused; records an issue when it parses.
private func parseError(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> PolicyParseError? {
    do {
        _ = try PolicyParser.parse(text)
        Issue.record("expected a PolicyParseError, the policy parsed", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

private let effect = #""Effect": "Allow""#
private let action = #""Action": "s3:GetObject""#
private let resource = #""Resource": "*""#

/// Positions were counted by hand: see `statementPolicy` for where each member line starts.
@Suite("Policy parser")
struct PolicyParserTests {
    struct Refused: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let code: PolicyParseError.Code
        let position: String
        let pointer: String
        var awsMessage = "Syntax errors in policy."
        var testDescription: String { name }
    }

    static let actions = "Policy statement must contain actions."

    static let grammar: [Refused] = [
        Refused(name: "unknown top-level element",
                text: "{\n  \"Version\": \"2012-10-17\",\n  \"Statment\": [],\n  \"Statement\": {}\n}",
                code: .unknownElement, position: "3:3", pointer: "/Statment"),
        Refused(name: "unknown statement element",
                text: statementPolicy(effect, #""Actions": "s3:GetObject""#, resource),
                code: .unknownElement, position: "5:5", pointer: "/Statement/Actions"),
        Refused(name: "unknown element with pointer characters",
                text: statementPolicy(effect, #""a/b~c": 1"#), code: .unknownElement, position: "5:5",
                pointer: "/Statement/a~1b~0c"),
        Refused(name: "Statement missing", text: "\n  {\"Version\": \"2012-10-17\"}",
                code: .missingStatement, position: "2:3", pointer: ""),
        Refused(name: "Statement an empty array", text: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}",
                code: .emptyValue, position: "3:16", pointer: "/Statement"),
        Refused(name: "Statement a string",
                text: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": \"Allow all\"\n}",
                code: .invalidType, position: "3:16", pointer: "/Statement"),
        Refused(name: "Statement an array of strings",
                text: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\"Allow\"]\n}",
                code: .invalidType, position: "3:17", pointer: "/Statement/0"),
        Refused(name: "Effect missing", text: statementPolicy(action, resource),
                code: .missingEffect, position: "3:16", pointer: "/Statement"),
        Refused(name: "Effect in lowercase", text: statementPolicy(#""Effect": "allow""#, action, resource),
                code: .invalidEffect, position: "4:15", pointer: "/Statement/Effect"),
        Refused(name: "Effect a number", text: statementPolicy(#""Effect": 1"#, action, resource),
                code: .invalidType, position: "4:15", pointer: "/Statement/Effect"),
        Refused(name: "Action and NotAction together",
                text: statementPolicy(effect, action, #""NotAction": "s3:PutObject""#, resource),
                code: .conflictingElements, position: "6:5", pointer: "/Statement/NotAction"),
        Refused(name: "no Action", text: statementPolicy(effect, resource),
                code: .missingAction, position: "3:16", pointer: "/Statement", awsMessage: actions),
        Refused(name: "empty Action array", text: statementPolicy(effect, #""Action": []"#, resource),
                code: .emptyValue, position: "5:15", pointer: "/Statement/Action", awsMessage: actions),
        Refused(name: "empty NotAction array", text: statementPolicy(effect, #""NotAction": []"#, resource),
                code: .emptyValue, position: "5:18", pointer: "/Statement/NotAction", awsMessage: actions),
        Refused(name: "empty Resource array", text: statementPolicy(effect, action, #""Resource": []"#),
                code: .emptyValue, position: "6:17", pointer: "/Statement/Resource"),
        Refused(name: "Action a number", text: statementPolicy(effect, #""Action": 42"#, resource),
                code: .invalidType, position: "5:15", pointer: "/Statement/Action"),
        Refused(name: "Action array with a number",
                text: statementPolicy(effect, #""Action": ["s3:GetObject", 7]"#, resource),
                code: .invalidType, position: "5:32", pointer: "/Statement/Action/1"),
        Refused(name: "Principal a string other than *",
                text: statementPolicy(effect, #""Principal": "arn:aws:iam::123456789012:root""#, action, resource),
                code: .invalidPrincipal, position: "5:18", pointer: "/Statement/Principal"),
        Refused(name: "unknown principal type",
                text: statementPolicy(effect, #""Principal": {"User": "arn:aws:iam::123456789012:user/Bob"}"#,
                                      action, resource),
                code: .invalidPrincipal, position: "5:19", pointer: "/Statement/Principal/User"),
        Refused(name: "Principal a number", text: statementPolicy(effect, #""Principal": 5"#, action, resource),
                code: .invalidType, position: "5:18", pointer: "/Statement/Principal"),
        Refused(name: "unknown condition operator",
                text: statementPolicy(effect, action, resource,
                                      #""Condition": {"StringEqualz": {"aws:username": "bob"}}"#),
                code: .unknownConditionOperator, position: "7:19", pointer: "/Statement/Condition/StringEqualz"),
        Refused(name: "NullIfExists",
                text: statementPolicy(effect, action, resource,
                                      #""Condition": {"NullIfExists": {"aws:username": "true"}}"#),
                code: .unknownConditionOperator, position: "7:19", pointer: "/Statement/Condition/NullIfExists"),
        Refused(name: "ForAnyValue:Null",
                text: statementPolicy(effect, action, resource,
                                      #""Condition": {"ForAnyValue:Null": {"aws:TagKeys": "true"}}"#),
                code: .unknownConditionOperator, position: "7:19",
                pointer: "/Statement/Condition/ForAnyValue:Null"),
        Refused(name: "condition value null",
                text: statementPolicy(effect, action, resource,
                                      #""Condition": {"StringEquals": {"aws:username": null}}"#),
                code: .invalidConditionValue, position: "7:52",
                pointer: "/Statement/Condition/StringEquals/aws:username"),
        Refused(name: "condition value an object",
                text: statementPolicy(effect, action, resource,
                                      #""Condition": {"StringEquals": {"aws:username": {"is": "bob"}}}"#),
                code: .invalidConditionValue, position: "7:52",
                pointer: "/Statement/Condition/StringEquals/aws:username"),
        Refused(name: "condition values with a null",
                text: statementPolicy(effect, action, resource,
                                      #""Condition": {"StringEquals": {"aws:username": ["bob", null]}}"#),
                code: .invalidConditionValue, position: "7:60",
                pointer: "/Statement/Condition/StringEquals/aws:username/1"),
        Refused(name: "condition key with no values",
                text: statementPolicy(effect, action, resource,
                                      #""Condition": {"StringEquals": {"aws:username": []}}"#),
                code: .emptyValue, position: "7:52", pointer: "/Statement/Condition/StringEquals/aws:username"),
        Refused(name: "condition operator with no keys",
                text: statementPolicy(effect, action, resource, #""Condition": {"StringEquals": {}}"#),
                code: .emptyValue, position: "7:35", pointer: "/Statement/Condition/StringEquals"),
        Refused(name: "condition operator with a string",
                text: statementPolicy(effect, action, resource, #""Condition": {"StringEquals": "bob"}"#),
                code: .invalidType, position: "7:35", pointer: "/Statement/Condition/StringEquals"),
        Refused(name: "Condition an array", text: statementPolicy(effect, action, resource, #""Condition": ["x"]"#),
                code: .invalidType, position: "7:18", pointer: "/Statement/Condition"),
        Refused(name: "Version 2013-01-01",
                text: "{\n  \"Version\": \"2013-01-01\",\n  \"Statement\": {}\n}",
                code: .invalidVersion, position: "2:14", pointer: "/Version"),
        Refused(name: "Version a number", text: "{\n  \"Version\": 2012,\n  \"Statement\": {}\n}",
                code: .invalidType, position: "2:14", pointer: "/Version"),
        Refused(name: "a policy that is an array", text: "  [\"Statement\"]",
                code: .notAnObject, position: "1:3", pointer: ""),
        Refused(name: "malformed JSON", text: #"{"Statement": [}"#,
                code: .jsonSyntax, position: "1:16", pointer: ""),
    ]

    @Test("grammar errors carry their code, AWS message, position and pointer", arguments: grammar)
    func grammarError(_ c: Refused) throws {
        let error = try #require(parseError(c.text))
        #expect(error.code == c.code)
        #expect(error.awsMessage == c.awsMessage)
        #expect("\(error.location)" == c.position)
        #expect(error.pointer == c.pointer)
    }

    @Test("a set qualifier may appear only once")
    func doubledQualifier() throws {
        let text = statementPolicy(
            effect, action, resource, #""Condition": {"ForAllValues:ForAnyValue:StringEquals": {"aws:TagKeys": "a"}}"#)
        do {
            let error = try #require(parseError(text))
            #expect(error.code == .unknownConditionOperator)
            #expect("\(error.location)" == "7:19")
        }
    }

    // MARK: - Accepted documents

    @Test("a single statement object is statement 0 and remembered as an object")
    func statementObject() throws {
        let document = try PolicyParser.parse(statementPolicy(effect, action, resource))
        #expect(document.statementIsObject)
        #expect(document.statements.count == 1)
        let statement = try #require(document.statements.first)
        #expect(statement.index == 0)
        #expect(statement.pointer == "/Statement")
        #expect(statement.label == "0")
        #expect("\(statement.location)" == "3:16")
        #expect(document.version == .v2012_10_17)
        #expect(document.versionLocation.map { "\($0)" } == "2:14")
    }

    @Test("an array of statements keeps indices, pointers and Sids")
    func statementArray() throws {
        let text = """
            {"Statement": [
              {"Sid": "First", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
              {"Effect": "Deny", "NotAction": ["s3:GetObject", "s3:PutObject"], "NotResource": "*"}
            ]}
            """
        let document = try PolicyParser.parse(text)
        #expect(!document.statementIsObject)
        #expect(document.version == nil)
        #expect(document.versionLocation == nil)
        #expect(document.statements.map(\.index) == [0, 1])
        #expect(document.statements.map(\.pointer) == ["/Statement/0", "/Statement/1"])
        #expect(document.statements.map(\.label) == ["First", "1"])
        #expect(document.statements.map(\.effect) == [.allow, .deny])
        let deny = document.statements[1]
        #expect(deny.actionIsNegated && deny.resourceIsNegated)
        #expect(deny.actions.map(\.value) == ["s3:GetObject", "s3:PutObject"])
        #expect(deny.actions.map(\.pointer) == ["/Statement/1/NotAction/0", "/Statement/1/NotAction/1"])
        // `  {"Effect": "Deny", "NotAction": [` puts the `[` in column 35.
        #expect(deny.actions.map { "\($0.location)" } == ["3:36", "3:52"])
    }

    @Test("Version 2008-10-17 is accepted")
    func version2008() throws {
        let text = #"{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#
        #expect(try PolicyParser.parse(text).version == .v2008_10_17)
    }

    @Test("strings and arrays are both accepted where the grammar allows either")
    func stringOrArray() throws {
        let document = try PolicyParser.parse(statementPolicy(
            effect, #""Principal": {"AWS": "123456789012", "Service": ["ec2.amazonaws.com", "s3.amazonaws.com"]}"#,
            #""Action": "sts:AssumeRole""#, #""Resource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]"#,
            #""Condition": {"StringEquals": {"aws:username": "bob", "aws:PrincipalTag/team": ["a", "b"]}}"#))
        let statement = try #require(document.statements.first)
        guard case .identifiers(let identifiers) = statement.principal else {
            Issue.record("expected principal identifiers")
            return
        }
        #expect(identifiers[.aws]?.map(\.value) == ["123456789012"])
        #expect(identifiers[.service]?.map(\.value) == ["ec2.amazonaws.com", "s3.amazonaws.com"])
        #expect(statement.actions.map(\.value) == ["sts:AssumeRole"])
        #expect(statement.resources?.map(\.value) == ["arn:aws:s3:::a", "arn:aws:s3:::b"])
        #expect(statement.conditions.map(\.key.value) == ["aws:username", "aws:PrincipalTag/team"])
        #expect(statement.conditions.map(\.values.count) == [1, 2])
    }

    @Test("Principal * is everyone and NotPrincipal is negated")
    func principalStar() throws {
        let everyone = try PolicyParser.parse(statementPolicy(effect, #""Principal": "*""#, action))
        guard case .everyone = everyone.statements.first?.principal else {
            Issue.record("expected everyone")
            return
        }
        let negated = try PolicyParser.parse(statementPolicy(#""Effect": "Deny""#, #""NotPrincipal": {"AWS": "*"}"#, action))
        #expect(negated.statements.first?.principalIsNegated == true)
    }

    @Test("numbers and booleans in conditions keep their text")
    func conditionLiterals() throws {
        let document = try PolicyParser.parse(statementPolicy(effect, action, resource, """
            "Condition": {"NumericLessThanEquals": {"s3:max-keys": 10.0}, "Bool": {"aws:SecureTransport": true},
                  "NumericEquals": {"s3:x": [1e3, -0.50]}}
            """))
        let conditions = try #require(document.statements.first?.conditions)
        #expect(conditions.map(\.conditionOperator.base) == [.numericLessThanEquals, .bool, .numericEquals])
        #expect(conditions[0].values.map(\.value) == [.number("10.0")])
        #expect(conditions[0].values.map(\.value.text) == ["10.0"])
        #expect(conditions[1].values.map(\.value) == [.bool(true)])
        #expect(conditions[1].values.map(\.value.text) == ["true"])
        #expect(conditions[2].values.map(\.value.text) == ["1e3", "-0.50"])
    }

    @Test("a qualified IfExists operator keeps every part and its spelling")
    func operatorParts() throws {
        let op = try #require(ConditionOperator("ForAnyValue:StringNotLikeIfExists"))
        #expect(op.base == .stringLike)
        #expect(op.isNegated && op.ifExists)
        #expect(op.qualifier == .forAnyValue)
        #expect(op.name == "ForAnyValue:StringNotLikeIfExists")
        #expect(ConditionOperator("stringequals") == nil)
        #expect(ConditionOperator("StringEqualsIfExistsIfExists") == nil)
    }

    @Test("Force_MFA has exactly 1,940 non-whitespace characters")
    func forceMFASize() throws {
        guard let text = ReferencePolicies.text("Force_MFA.json") else { return }
        let document = try PolicyParser.parse(text)
        #expect(document.nonWhitespaceLength == 1_940)
        #expect(document.statements.count == 9)
    }

    // MARK: - Robustness

    @Test("every truncation of Force_MFA throws, except those that only drop trailing whitespace")
    func truncations() throws {
        guard let text = ReferencePolicies.text("Force_MFA.json") else { return }
        let bytes = Array(text.utf8)
        // The file ends with "}\n": cutting the newline alone leaves the whole document.
        let documentEnd = try #require(bytes.lastIndex(of: UInt8(ascii: "}"))) + 1
        #expect(bytes[documentEnd...].allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 })
        var parsedLengths: [Int] = []
        for length in 0..<bytes.count {
            let prefix = String(decoding: bytes[..<length], as: UTF8.self)
            if (try? PolicyParser.parse(prefix)) != nil { parsedLengths.append(length) }
        }
        #expect(parsedLengths == Array(documentEnd..<bytes.count))
    }

    /// A 64-bit linear congruential generator (Knuth's MMIX constants), for repeatable mutations.
    struct LCG {
        var state: UInt64
        mutating func next(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test("2,000 mutants of Force_MFA either throw or parse, validate, compile and evaluate")
    func mutations() throws {
        guard let text = ReferencePolicies.text("Force_MFA.json") else { return }
        let original = Array(text.utf8)
        let replacements = Array(#"{}[]":,\0x*?$ "#.utf8) + [0x00, 0x0A]
        let request = AuthorizationRequest(principal: .user("MFAUser"), action: "ec2:DescribeInstances", resource: "*")
        var random = LCG(state: 0x5EED_2012_1017)
        var parsed = 0
        var refused = 0
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0...random.next(below: 3) {
                let at = random.next(below: bytes.count)
                switch random.next(below: 4) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[at], at: at)
                case 2: bytes[at] = replacements[random.next(below: replacements.count)]
                default: bytes.insert(replacements[random.next(below: replacements.count)], at: at)
                }
            }
            let mutant = String(decoding: bytes, as: UTF8.self)
            guard let document = try? PolicyParser.parse(mutant) else {
                refused += 1
                continue
            }
            parsed += 1
            for type in PolicyType.allCases { _ = PolicyValidator.validate(mutant, as: type) }
            let policy = CompiledPolicy(name: "Force_MFA", document: document)
            let decision = PolicyEvaluator.evaluate(request, PolicySet(identity: [policy]))
            #expect(PolicyEvaluator.explain(request, PolicySet(identity: [policy])).decision == decision)
        }
        #expect(parsed > 0)
        #expect(refused > 0)
    }

    @Test("unmutated Force_MFA explicitly denies EC2 to a user without MFA")
    func forceMFADenies() throws {
        guard let text = ReferencePolicies.text("Force_MFA.json") else { return }
        let policy = try CompiledPolicy(name: "Force_MFA", text: text)
        let request = AuthorizationRequest(principal: .user("MFAUser"), action: "ec2:DescribeInstances", resource: "*")
        let decision = PolicyEvaluator.evaluate(request, PolicySet(identity: [policy]))
        #expect(decision.outcome == .explicitDeny)
        #expect(decision.decidedBy?.sid == "DenyAllExceptListedIfNoMFA")
    }
}
