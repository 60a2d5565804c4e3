import Foundation
import IAMPolicy
import IAMPolicyAnalysis
import IAMPolicyCatalog
import IAMPolicyTool
import Testing

/// Golden cases live in `Golden/summaries/`: an input (`<name>.json`, a policy document, or
/// `<name>.policies.txt`, one AWS managed policy name or golden file name per line, summarized
/// together), the expected table `<name>.expected.txt` and, for some, the table with the
/// per-service drill-down `<name>.actions.expected.txt`.
struct SummaryTests {
    static let directory = Bundle.module.url(forResource: "Golden", withExtension: nil)?
        .appendingPathComponent("summaries")

    static var caseNames: [String] {
        guard let directory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".expected.txt") && !$0.hasSuffix(".actions.expected.txt") }
            .map { String($0.dropLast(".expected.txt".count)) }
            .sorted()
    }

    static func sources(_ name: String) throws -> [PolicySource] {
        let directory = try #require(Self.directory)
        let document = directory.appendingPathComponent(name + ".json")
        if FileManager.default.fileExists(atPath: document.path) {
            return [try PolicySource.load(document.path)]
        }
        let list = try String(contentsOf: directory.appendingPathComponent(name + ".policies.txt"), encoding: .utf8)
        return try list.split(separator: "\n").map { line in
            let file = directory.appendingPathComponent(String(line))
            return try PolicySource.load(FileManager.default.fileExists(atPath: file.path) ? file.path : String(line))
        }
    }

    static func summary(_ names: String...) throws -> PolicySummary {
        try PolicySummaryTool.summarize(names.flatMap { try sources($0) })
    }

    static func expectSame(_ actual: String, _ expected: String, _ file: String) {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let common = min(a.count, e.count)
        guard let i = (0..<common).first(where: { a[$0] != e[$0] }) ?? (a.count == e.count ? nil : common) else {
            return
        }
        Issue.record("""
            \(file) differs at line \(i + 1):
              expected: \(i < e.count ? String(e[i]) : "<end>")
              actual:   \(i < a.count ? String(a[i]) : "<end>")
            """)
    }

    @Test("every golden summary matches its expected table", arguments: caseNames)
    func golden(name: String) throws {
        let directory = try #require(Self.directory)
        let summary = try PolicySummaryTool.summarize(try Self.sources(name))
        let expected = try String(contentsOf: directory.appendingPathComponent(name + ".expected.txt"), encoding: .utf8)
        Self.expectSame(summary.table() + "\n", expected, name + ".expected.txt")
        let drillDown = directory.appendingPathComponent(name + ".actions.expected.txt")
        if FileManager.default.fileExists(atPath: drillDown.path) {
            let expectedActions = try String(contentsOf: drillDown, encoding: .utf8)
            Self.expectSame(summary.table(actions: true) + "\n", expectedActions, name + ".actions.expected.txt")
        }
    }

    @Test("the golden corpus covers at least twenty documents")
    func corpusSize() {
        #expect(Self.caseNames.count >= 20)
    }

    @Test("Force_MFA with AmazonEC2FullAccess: EC2 full, IAM limited to self-service, deny without MFA")
    func tutorialGroup() throws {
        let summary = try Self.summary("Force_MFA-with-AmazonEC2FullAccess")
        #expect(summary.policies == ["Force_MFA", "AmazonEC2FullAccess"])

        let ec2 = try #require(summary.row("ec2", in: .allow))
        #expect(ec2.isFullAccess)
        #expect(ec2.accessLevel == "Full access")
        #expect(ec2.resources.map(\.text) == ["All resources"])
        #expect(ec2.conditions.map(\.text) == ["None"])

        let iam = try #require(summary.row("iam", in: .allow))
        #expect(iam.accessLevel == "Limited: List, Read, Permissions management")
        let names = Set(iam.actions.map(\.name))
        for name in ["ChangePassword", "CreateVirtualMFADevice", "EnableMFADevice", "CreateAccessKey", "CreateServiceLinkedRole"] {
            #expect(names.contains(name))
        }
        #expect(!names.contains("DeleteVirtualMFADevice"))
        #expect(iam.resources.first { $0.text == "arn:aws:iam::*:mfa/*" }?.actionCount == 1)

        let deny = try #require(summary.rows(in: .explicitDeny).first)
        #expect(summary.rows(in: .explicitDeny).count == 1)
        #expect(deny.kind == .allServices && deny.actionIsNegated)
        #expect(deny.patterns.count == 7)
        #expect(deny.accessLevel.hasPrefix("All actions except iam:CreateVirtualMFADevice, iam:EnableMFADevice"))
        #expect(deny.conditions.map(\.text) == ["aws:MultiFactorAuthPresent is false (BoolIfExists)"])
        #expect(deny.coveredActions == deny.levels.reduce(0) { $0 + $1.total } - 7)
    }

    static func conditionText(_ block: String) throws -> String {
        let text = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": \#(block)}}"#
        let summary = PolicySummary.summarize([("p", try PolicyParser.parse(text))], catalog: try ActionCatalog.shared())
        return try #require(summary.rows.first?.conditions.first?.text)
    }

    @Test("conditions read as key, verb, values and the operator as written", arguments: [
        (#"{"Bool": {"aws:SecureTransport": true}}"#, "aws:SecureTransport is true (Bool)"),
        (#"{"StringEquals": {"aws:username": ["a", "b", "c"]}}"#, "aws:username is a, b or c (StringEquals)"),
        (#"{"StringNotEquals": {"aws:username": ["a", "b"]}}"#, "aws:username is none of a, b (StringNotEquals)"),
        (#"{"StringNotLikeIfExists": {"s3:prefix": "tmp/*"}}"#, "s3:prefix does not match tmp/* (StringNotLikeIfExists)"),
        (#"{"NumericGreaterThan": {"s3:max-keys": 10}}"#, "s3:max-keys is greater than 10 (NumericGreaterThan)"),
        (#"{"DateLessThanEquals": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#,
         "aws:CurrentTime is at or before 2030-01-01T00:00:00Z (DateLessThanEquals)"),
        (#"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#, "aws:SourceIp is not in 10.0.0.0/8 (NotIpAddress)"),
        (#"{"Null": {"aws:ResourceTag/env": "true"}}"#, "aws:ResourceTag/env is absent (Null)"),
        (#"{"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:x"}}"#, "aws:SourceArn does not match arn:aws:sns:*:*:x (ArnNotLike)"),
        (#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#,
         "any value of aws:TagKeys is a or b (ForAnyValue:StringEquals)"),
        (#"{"StringEquals": {"aws:username": "bob"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}"#,
         "aws:username is bob (StringEquals) and aws:MultiFactorAuthPresent is true (Bool)"),
    ])
    func conditionWording(block: String, expected: String) throws {
        #expect(try Self.conditionText(block) == expected)
    }

    @Test("identical statements from two policies share one row naming both")
    func mergesIdenticalStatements() throws {
        let summary = try Self.summary("AdministratorAccess", "AdministratorAccess")
        #expect(summary.rows.count == 1)
        let row = try #require(summary.rows.first)
        #expect(row.kind == .allServices && row.isFullAccess)
        #expect(row.policies == ["AdministratorAccess"])
        #expect(row.coveredServices == summary.catalogServiceCount)
    }

    @Test("Full and Limited per access level, in catalog order")
    func mixedLevels() throws {
        let summary = try Self.summary("mixed-full-and-limited-levels")
        #expect(summary.row("sts", in: .allow)?.accessLevel == "Full: Read; Limited: Write, Tagging")
        #expect(summary.row("sqs", in: .allow)?.accessLevel == "Full: Tagging; Limited: Read, Write")
    }

    @Test("unknown services and actions are listed apart, with their effect")
    func uncategorized() throws {
        let summary = try Self.summary("unknown-service-and-actions")
        let rows = summary.rows(in: .uncategorized)
        #expect(rows.map(\.service) == ["examplecorp", "ec2", "s3", "codedploy"])
        #expect(rows.first?.effect == .deny)
        #expect(rows.first?.accessLevel == "Unrecognized service")
        #expect(summary.row("s3", in: .uncategorized)?.accessLevel == "Unrecognized actions")
        #expect(summary.row("s3", in: .allow)?.actions.map(\.name) == ["PutObject"])
    }

    @Test("JSON output carries the rows, levels, lines and, on request, actions")
    func json() throws {
        let summary = try Self.summary("Force_MFA-with-AmazonEC2FullAccess")
        let plain = try #require(JSONSerialization.jsonObject(with: Data(summary.json().utf8)) as? [String: Any])
        let rows = try #require(plain["rows"] as? [[String: Any]])
        #expect(rows.count == summary.rows.count)
        #expect(rows.first?["section"] as? String == "Explicit deny")
        #expect(rows.first?["not_action"] as? Bool == true)
        #expect(rows.allSatisfy { $0["actions"] == nil })
        let iam = try #require(rows.first { $0["service"] as? String == "iam" })
        #expect(iam["access_level"] as? String == "Limited: List, Read, Permissions management")
        let resources = try #require(iam["resources"] as? [[String: Any]])
        #expect(resources.contains { $0["text"] as? String == "arn:aws:iam::*:mfa/*" && $0["actions"] as? Int == 1 })

        let detailed = try #require(JSONSerialization.jsonObject(with: Data(summary.json(actions: true).utf8)) as? [String: Any])
        let detailedRows = try #require(detailed["rows"] as? [[String: Any]])
        let iamActions = try #require(detailedRows.first { $0["service"] as? String == "iam" }?["actions"] as? [[String: Any]])
        let change = try #require(iamActions.first { $0["action"] as? String == "iam:ChangePassword" })
        let grants = try #require(change["grants"] as? [[String: Any]])
        #expect(grants.first?["statement"] as? String == "AllowManageOwnPasswords")
        #expect(grants.first?["condition"] is NSNull)
    }

    @Test("a document that does not parse is reported with its location")
    func parseError() {
        #expect(throws: PolicySummaryTool.Failure.self) {
            try PolicySummaryTool.summarize([PolicySource(name: "broken", text: #"{"Statement": [}"#)])
        }
    }
}
