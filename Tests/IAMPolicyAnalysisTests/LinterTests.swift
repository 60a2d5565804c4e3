import Foundation
import IAMPolicy
import IAMPolicyAnalysis
import IAMPolicyCatalog
import IAMPolicyTool
import Testing

/// Every finding code of `PolicyLinter` fires on a small document and is silent once the
/// document is corrected; the goldens in `Golden/findings/` check the exact output.
@Suite("PolicyLinter")
struct LinterTests {
    static func lint(_ text: String, as type: PolicyType = .identity) throws -> [PolicyDiagnostic] {
        PolicyLinter.findings(text, as: type, catalog: try ActionCatalog.shared())
    }

    typealias C = LintCase

    static let cases: [LintCase] = [
        LintCase(code: "unknownAction", severity: .error,
                 triggering: C.policy(C.statement(action: #"["iam:GetUser", "iam:GetUsr"]"#)),
                 corrected: C.policy(C.statement(action: #"["iam:GetUser", "iam:ListUsers"]"#))),
        LintCase(code: "unknownService", severity: .error,
                 triggering: C.policy(C.statement(action: #""ec22:RunInstances""#)),
                 corrected: C.policy(C.statement(action: #""ec2:RunInstances""#))),
        LintCase(code: "serviceNotInCatalog", severity: .warning,
                 triggering: C.policy(C.statement(action: #""iot1click:ListDevices""#)),
                 corrected: C.policy(C.statement(action: #""iot:ListThings""#))),
        LintCase(code: "unknownConditionKey", severity: .error,
                 triggering: C.policy(C.statement(action: #""s3:GetObject""#,
                                                  C.condition("StringEquals", "aws:PrincipalTags/team", #""web""#))),
                 corrected: C.policy(C.statement(action: #""s3:GetObject""#,
                                                 C.condition("StringEquals", "aws:PrincipalTag/team", #""web""#)))),
        LintCase(code: "conditionTypeMismatch", severity: .warning,
                 triggering: C.policy(C.statement(action: #""s3:GetObject""#,
                                                  C.condition("Bool", "aws:SourceIp", #""true""#))),
                 corrected: C.policy(C.statement(action: #""s3:GetObject""#,
                                                 C.condition("IpAddress", "aws:SourceIp", #""10.0.0.0/8""#)))),
        LintCase(code: "wildcardWithoutLike", severity: .warning,
                 triggering: C.policy(C.statement(action: #""s3:GetObject""#,
                                                  C.condition("StringEquals", "aws:PrincipalTag/team", #""web-*""#))),
                 corrected: C.policy(C.statement(action: #""s3:GetObject""#,
                                                 C.condition("StringLike", "aws:PrincipalTag/team", #""web-*""#)))),
        LintCase(code: "duplicateAction", severity: .suggestion,
                 triggering: C.policy(C.statement(action: #"["s3:GetObject", "s3:getobject"]"#)),
                 corrected: C.policy(C.statement(action: #"["s3:GetObject", "s3:PutObject"]"#))),
        LintCase(code: "redundantAction", severity: .suggestion,
                 triggering: C.policy(C.statement(action: #"["s3:List*", "s3:ListBucket"]"#)),
                 corrected: C.policy(C.statement(action: #"["s3:List*", "s3:GetObject"]"#))),
        LintCase(code: "redundantResource", severity: .suggestion,
                 triggering: C.policy(C.statement(action: #""s3:GetObject""#,
                                                  resource: #"["arn:aws:s3:::b/*", "arn:aws:s3:::b/x"]"#)),
                 corrected: C.policy(C.statement(action: #""s3:GetObject""#,
                                                 resource: #"["arn:aws:s3:::b/*", "arn:aws:s3:::c/x"]"#))),
        LintCase(code: "redundantStatement", severity: .suggestion,
                 triggering: C.policy(C.statement(action: #""s3:*""#),
                                      C.statement(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::b/*""#)),
                 corrected: C.policy(C.statement(action: #""s3:*""#, resource: #""arn:aws:s3:::a/*""#),
                                     C.statement(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::b/*""#))),
        LintCase(code: "statementNeverMatches", severity: .warning,
                 triggering: C.policy(C.statement("Deny", action: #""s3:*""#,
                                                  #""Condition": {"Null": {"aws:SourceVpc": "true"}, "StringEquals": {"aws:SourceVpc": "vpc-1"}}"#)),
                 corrected: C.policy(C.statement("Deny", action: #""s3:*""#,
                                                 #""Condition": {"Null": {"aws:SourceVpc": "false"}, "StringNotEquals": {"aws:SourceVpc": "vpc-1"}}"#))),
        LintCase(code: "mfaAllowIfExists", severity: .warning,
                 triggering: C.policy(C.statement(action: #""ec2:*""#,
                                                  C.condition("BoolIfExists", "aws:MultiFactorAuthPresent", #""true""#))),
                 corrected: C.policy(C.statement(action: #""ec2:*""#,
                                                 C.condition("Bool", "aws:MultiFactorAuthPresent", #""true""#)))),
        LintCase(code: "mfaBoolWithoutIfexists", severity: .securityWarning,
                 triggering: C.policy(C.statement("Deny", action: #""ec2:TerminateInstances""#,
                                                  C.condition("Bool", "aws:MultiFactorAuthPresent", #""false""#))),
                 corrected: C.policy(C.statement("Deny", action: #""ec2:TerminateInstances""#,
                                                 C.condition("BoolIfExists", "aws:MultiFactorAuthPresent", #""false""#)))),
        LintCase(code: "allowNotAction", severity: .securityWarning,
                 triggering: C.policy(C.statement(action: #"!"iam:*""#)),
                 corrected: C.policy(C.statement("Deny", action: #"!"iam:*""#))),
        LintCase(code: "allowNotResource", severity: .securityWarning,
                 triggering: C.policy(C.statement(action: #""s3:GetObject""#, resource: #"!"arn:aws:s3:::payroll/*""#)),
                 corrected: C.policy(C.statement("Deny", action: #""s3:GetObject""#, resource: #"!"arn:aws:s3:::payroll/*""#))),
        LintCase(code: "mfaDeviceLockout", severity: .warning,
                 triggering: C.policy(C.statement("Deny", action: #"!["iam:CreateVirtualMFADevice", "iam:EnableMFADevice"]"#,
                                                  C.condition("BoolIfExists", "aws:MultiFactorAuthPresent", #""false""#))),
                 corrected: C.policy(
                    C.statement(action: #""iam:DeleteVirtualMFADevice""#, resource: #""arn:aws:iam::*:mfa/${aws:username}""#),
                    C.statement("Deny", action: #"!["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:DeleteVirtualMFADevice"]"#,
                                C.condition("BoolIfExists", "aws:MultiFactorAuthPresent", #""false""#)))),
        LintCase(code: "mfaPasswordChange", severity: .suggestion,
                 triggering: C.policy(
                    C.statement(action: #""iam:ChangePassword""#, resource: #""arn:aws:iam::*:user/${aws:username}""#),
                    C.statement("Deny", action: #"!["iam:EnableMFADevice"]"#,
                                C.condition("BoolIfExists", "aws:MultiFactorAuthPresent", #""false""#))),
                 corrected: C.policy(
                    C.statement(action: #""iam:ChangePassword""#, resource: #""arn:aws:iam::*:user/${aws:username}""#),
                    C.statement("Deny", action: #"!["iam:EnableMFADevice", "iam:ChangePassword"]"#,
                                C.condition("BoolIfExists", "aws:MultiFactorAuthPresent", #""false""#)))),
    ]

    @Test("each finding code fires on its example, with its severity", arguments: cases)
    func fires(_ example: LintCase) throws {
        let all = try Self.lint(example.triggering, as: example.type)
        let findings = all.filter { $0.code == example.code }
        #expect(!findings.isEmpty, "no \(example.code) in \(all)")
        #expect(findings.allSatisfy { $0.severity == example.severity })
    }

    @Test("each finding code is silent on the corrected document", arguments: cases)
    func silent(_ example: LintCase) throws {
        let findings = try Self.lint(example.corrected, as: example.type)
        #expect(!findings.contains { $0.code == example.code }, "\(findings)")
    }

    @Test("without the action catalog only the grammar checks run, and the output says so")
    func catalogUnavailable() {
        let source = PolicySource(name: "p", text: C.policy(C.statement(action: #""iam:GetUsr""#)))
        let findings = PolicyValidateTool.findings(source, type: .identity, catalog: .failure(.notFound(["/nowhere"])))
        #expect(findings.map(\.code) == ["catalogUnavailable"])
        #expect(findings.first?.severity == .warning)
        let fine = PolicyValidateTool.findings(source, type: .identity)
        #expect(fine.map(\.code) == ["unknownAction"])
    }

    @Test("condition keys match case-insensitively, and a tag-key placeholder matches any tag key",
          arguments: ["aws:username", "AWS:UserName", "aws:PrincipalTag/CostCenter", "aws:principaltag/cost-center",
                      "aws:RequestTag/Owner", "ec2:ResourceTag/Name", "EC2:resourcetag/Name", "iam:ResourceTag/team",
                      "s3:ExistingObjectTag/classification", "kms:EncryptionContext:aws:s3:arn",
                      "elasticloadbalancing:ResourceTag/env", "token.actions.githubusercontent.com:sub"])
    func knownKeys(_ key: String) throws {
        let findings = try Self.lint(C.policy(C.statement(action: #""s3:GetObject""#, C.condition("StringEquals", key, #""x""#))))
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test("a tag-key placeholder needs a tag key, and the key name around it must match",
          arguments: ["aws:PrincipalTag", "aws:PrincipalTags/team", "ec2:ResourceTags/Name", "aws:MultiFactorAuth"])
    func unknownKeys(_ key: String) throws {
        let findings = try Self.lint(C.policy(C.statement(action: #""s3:GetObject""#, C.condition("StringEquals", key, #""x""#))))
        #expect(findings.map(\.code) == ["unknownConditionKey"], "\(findings)")
    }
}
