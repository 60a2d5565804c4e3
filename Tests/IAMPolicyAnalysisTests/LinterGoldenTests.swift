import Foundation
import IAMPolicy
import IAMPolicyAnalysis
import IAMPolicyCatalog
import IAMPolicyTool
import Testing

/// `warden policy validate` output for every document in `Golden/findings/`, compared byte for
/// byte with the hand-written `<name>.expected.txt`, and the acceptance checks on the
/// tutorial's Force_MFA policy.
@Suite("PolicyLinter goldens")
struct LinterGoldenTests {
    static let goldens = FindingsGolden.all()

    /// The AWS managed policies copied (pretty-printed) into `Golden/findings/managed/`.
    static let managedNames = ["AdministratorAccess", "AmazonEC2FullAccess", "IAMUserChangePassword",
                               "PowerUserAccess", "ReadOnlyAccess"]

    @Test("the golden folder holds at least 40 documents, each with its expected output")
    func inventory() throws {
        #expect(Self.goldens.count >= 40)
        for golden in Self.goldens {
            #expect(FileManager.default.fileExists(atPath: golden.expectedURL.path), "\(golden.name)")
        }
        #expect(Set(Self.goldens.filter(\.isAWSManaged).map(\.name)) == Set(Self.managedNames))
    }

    @Test("warden policy validate prints exactly the expected text", arguments: goldens)
    func golden(_ golden: FindingsGolden) throws {
        let expected = try golden.expected()
        let (output, failed) = try golden.actual()
        #expect(output + "\n" == expected)
        #expect(failed == expected.contains(": ERROR ["))
    }

    @Test("the managed policy copies have the catalog's content", arguments: managedNames)
    func managedCopies(_ name: String) throws {
        let catalog = try ManagedPolicyCatalog.shared()
        let document = try #require(catalog.policy(name)?.document)
        let golden = try #require(Self.goldens.first { $0.isAWSManaged && $0.name == name })
        let copy = try JSONSerialization.jsonObject(with: Data(try golden.document().utf8)) as? NSDictionary
        let original = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? NSDictionary
        #expect(copy != nil && copy == original)
    }

    @Test("Force_MFA has no ERROR, and explains the lock-out caveat at the deny-unless-MFA statement")
    func forceMFA() throws {
        let golden = try #require(Self.goldens.first { $0.name == "Force_MFA" })
        let findings = PolicyLinter.findings(try golden.document(), as: .identity, catalog: try ActionCatalog.shared())
        #expect(!findings.contains { $0.severity == .error })
        let lockout = try #require(findings.first { $0.code == "mfaDeviceLockout" })
        #expect(lockout.severity == .warning)
        #expect(lockout.pointer == "/Statement/8")
        #expect((lockout.location.line, lockout.location.column) == (87, 9))
        #expect(lockout.detail.contains("iam:DeleteVirtualMFADevice") && lockout.detail.contains("EntityAlreadyExists"))
        let password = try #require(findings.first { $0.code == "mfaPasswordChange" })
        #expect(password.severity == .suggestion)
    }

    @Test("Force_MFA with Bool instead of BoolIfExists reports the MFA finding at the key")
    func forceMFABool() throws {
        let golden = try #require(Self.goldens.first { $0.name == "Force_MFA_Bool" })
        let findings = PolicyLinter.findings(try golden.document(), as: .identity, catalog: try ActionCatalog.shared())
        let mfa = try #require(findings.first { $0.code == "mfaBoolWithoutIfexists" })
        #expect(mfa.severity == .securityWarning)
        #expect((mfa.location.line, mfa.location.column) == (102, 21))
        #expect(mfa.pointer == "/Statement/8/Condition/Bool/aws:MultiFactorAuthPresent")
    }

    @Test("the AWS managed policies named in the issue have no ERROR")
    func managedPoliciesHaveNoErrors() throws {
        let catalog = try ManagedPolicyCatalog.shared()
        for name in Self.managedNames {
            let document = try #require(catalog.policy(name)?.document)
            let findings = PolicyLinter.findings(document, as: .identity, catalog: try ActionCatalog.shared(),
                                                 enforceSizeQuota: false)
            #expect(!findings.contains { $0.severity == .error }, "\(name): \(findings)")
        }
    }

    @Test("findings come sorted by position in the text")
    func sortedByLocation() throws {
        for golden in Self.goldens {
            let findings = PolicyLinter.findings(try golden.document(), as: try golden.policyType(),
                                                 catalog: try ActionCatalog.shared(), enforceSizeQuota: !golden.isAWSManaged)
            let offsets = findings.map(\.location.offset)
            #expect(offsets == offsets.sorted(), "\(golden.name)")
        }
    }
}
