import IAMPolicy
import IAMPolicyCatalog
import Testing

@Suite("AWS managed policy catalog")
struct ManagedPolicyCatalogTests {
    @Test("the catalog loads with its source recorded and the tutorial's policies in it")
    func loads() throws {
        let catalog = try ManagedPolicyCatalog.shared()
        #expect(catalog.policies.count == 1_485)
        #expect(catalog.source.hasPrefix("moto 5.2.1"))
        let ec2 = try #require(catalog.policy("arn:aws:iam::aws:policy/AmazonEC2FullAccess"))
        #expect(ec2.name == "AmazonEC2FullAccess")
        #expect(ec2.defaultVersionID == "v5")
        #expect(ec2.path == "/")
        #expect(catalog.policy("IAMUserChangePassword")?.arn == "arn:aws:iam::aws:policy/IAMUserChangePassword")
        #expect(catalog.policy("NoSuchPolicy") == nil)
    }

    @Test("paths appear in the ARNs of service-role policies")
    func paths() throws {
        let catalog = try ManagedPolicyCatalog.shared()
        let withPath = catalog.policies.filter { $0.path != "/" }
        #expect(!withPath.isEmpty)
        for policy in withPath { #expect(policy.arn == "arn:aws:iam::aws:policy\(policy.path)\(policy.name)") }
    }

    @Test("every AWS managed policy parses, compiles and validates without errors")
    func everyPolicyIsValid() throws {
        let catalog = try ManagedPolicyCatalog.shared()
        var failures: [String] = []
        for policy in catalog.policies {
            let findings = PolicyValidator.validate(policy.document, as: .identity, enforceSizeQuota: false)
            for finding in findings where finding.severity == .error {
                failures.append("\(policy.name): \(finding)")
            }
            _ = try CompiledPolicy(name: policy.name, text: policy.document)
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}
