import IAMModel
import IAMStorage
import Testing

/// Managed policies and their versions, attachments, and inline policies.
@Suite("Policy store")
struct PolicyStoreTests {
    static let readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    static let admin = "arn:aws:iam::aws:policy/AdministratorAccess"

    @Test("a managed policy starts at v1; names are unique per account regardless of case", arguments: StoreBackend.all)
    func createAndList(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let tags = Fixture.tags(["b": "2", "a": "1"])
            for name in ["B", "a", "_x", "Z"] {
                var policy = Fixture.policy(name, path: "/p/", tags: tags)
                policy.id = "ANPA" + String(name.unicodeScalars.map { String($0.value, radix: 16) }.joined())
                try await store.createPolicy(policy, document: Fixture.document)
            }
            #expect(try await store.policies(accountID: Fixture.account).map(\.name) == ["_x", "a", "B", "Z"])
            var clash = Fixture.policy("z")
            clash.id = "ANPACLASH"
            await #expect(throws: StorageError.conflict("policy-name")) {
                try await store.createPolicy(clash, document: Fixture.document)
            }
            // The failed create left no version behind.
            #expect(try await store.versions(policyID: "ANPACLASH").isEmpty)

            let policy = try #require(try await store.policy(accountID: Fixture.account, name: "b"))
            #expect(policy.name == "B" && policy.path == "/p/" && policy.description == "about B")
            #expect(policy.defaultVersionID == "v1" && policy.tags == tags)
            #expect(policy.attachmentCount == 0 && policy.boundaryUsageCount == 0)
            #expect(try await store.versions(policyID: policy.id)
                    == [IAMPolicyVersion(versionID: "v1", document: Fixture.document, isDefault: true, createdAt: 30)])

            let replaced = Fixture.tags(["only": "one"])
            try await store.setPolicyTags(id: policy.id, tags: replaced)
            #expect(try await store.policy(accountID: Fixture.account, name: "B")?.tags == replaced)
            try await store.deletePolicy(id: policy.id)
            #expect(try await store.policy(accountID: Fixture.account, name: "B") == nil)
            #expect(try await store.versions(policyID: policy.id).isEmpty)
        }
    }

    @Test("versions are numbered v2, v3, ...; the default moves; deleted numbers are not reused", arguments: StoreBackend.all)
    func versions(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let policy = Fixture.policy("Versions")
            try await store.createPolicy(policy, document: Fixture.document)
            let unicode = #"{"Statement":[{"Sid":"ÜnïcødéΣ🚀","Effect":"Allow","Action":"*","Resource":"*"}]}"#
            #expect(try await store.addVersion(policyID: policy.id, document: unicode, setAsDefault: false, at: 40) == "v2")
            #expect(try await store.addVersion(policyID: policy.id, document: "{}", setAsDefault: true, at: Fixture.largeTime) == "v3")

            var versions = try await store.versions(policyID: policy.id)
            #expect(versions.map(\.versionID) == ["v3", "v2", "v1"])
            #expect(versions.map(\.isDefault) == [true, false, false])
            #expect(versions[1].document == unicode && versions[0].createdAt == Fixture.largeTime)
            #expect(try await store.policy(accountID: Fixture.account, name: "Versions")?.defaultVersionID == "v3")
            #expect(try await store.policy(accountID: Fixture.account, name: "Versions")?.updatedAt == Fixture.largeTime)

            try await store.setDefaultVersion(policyID: policy.id, versionID: "v2", at: 50)
            versions = try await store.versions(policyID: policy.id)
            #expect(versions.filter(\.isDefault).map(\.versionID) == ["v2"])
            #expect(try await store.policy(accountID: Fixture.account, name: "Versions")?.updatedAt == 50)

            try await store.deleteVersion(policyID: policy.id, versionID: "v3")
            #expect(try await store.versions(policyID: policy.id).map(\.versionID) == ["v2", "v1"])
            #expect(try await store.addVersion(policyID: policy.id, document: "{}", setAsDefault: false, at: 60) == "v4")
            #expect(try await store.versions(policyID: policy.id).map(\.versionID) == ["v4", "v2", "v1"])

            await #expect(throws: StorageError.notFound) {
                try await store.addVersion(policyID: "ANPAMISSING", document: "{}", setAsDefault: true, at: 1)
            }
        }
    }

    @Test("attachments keep attachment order, are idempotent, and are counted per policy", arguments: StoreBackend.all)
    func attachments(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            try await store.createGroup(Fixture.group("devs"))
            try await store.createRole(Fixture.role("app"))
            let own = Fixture.policy("Own")
            try await store.createPolicy(own, document: Fixture.document)

            // Same second: attachment order, not name order, decides.
            try await store.attach(.user("AIDAALICE"), policyARN: Self.readOnly, at: 100)
            try await store.attach(.user("AIDAALICE"), policyARN: Self.admin, at: 100)
            try await store.attach(.user("AIDAALICE"), policyARN: own.arn, at: 101)
            try await store.attach(.user("AIDAALICE"), policyARN: Self.readOnly, at: 102)
            #expect(try await store.attachedPolicies(.user("AIDAALICE")) == [Self.readOnly, Self.admin, own.arn])

            try await store.attach(.role("AROAAPP"), policyARN: own.arn, at: Fixture.largeTime)
            try await store.attach(.group("AGPADEVS"), policyARN: own.arn, at: 5)
            try await store.attach(.group("AGPADEVS"), policyARN: Self.readOnly, at: 6)
            #expect(try await store.attachedPolicies(.role("AROAAPP")) == [own.arn])
            #expect(try await store.attachmentCount(policyARN: own.arn) == 3)
            #expect(try await store.attachmentCount(policyARN: "arn:aws:iam::aws:policy/None") == 0)
            #expect(try await store.attachmentCounts() == [Self.readOnly: 2, Self.admin: 1, own.arn: 3])
            // Entities in the order they were attached.
            #expect(try await store.entities(policyARN: own.arn) == [.user("AIDAALICE"), .role("AROAAPP"), .group("AGPADEVS")])
            #expect(try await store.policy(accountID: Fixture.account, name: "own")?.attachmentCount == 3)

            try await store.setUserPermissionsBoundary(id: "AIDAALICE", policyARN: own.arn)
            try await store.setRolePermissionsBoundary(id: "AROAAPP", policyARN: own.arn)
            #expect(try await store.policy(accountID: Fixture.account, name: "own")?.boundaryUsageCount == 2)

            try await store.detach(.user("AIDAALICE"), policyARN: Self.admin)
            try await store.detach(.user("AIDAALICE"), policyARN: Self.admin)
            #expect(try await store.attachedPolicies(.user("AIDAALICE")) == [Self.readOnly, own.arn])
            #expect(try await store.attachmentCounts()[Self.admin] == nil)
            // Re-attaching puts the policy last.
            try await store.attach(.user("AIDAALICE"), policyARN: Self.admin, at: 200)
            #expect(try await store.attachedPolicies(.user("AIDAALICE")) == [Self.readOnly, own.arn, Self.admin])
        }
    }

    @Test("inline policies: upsert by case-insensitive name, listed by name, deleted by any case", arguments: StoreBackend.all)
    func inlinePolicies(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            let principal = IAMPrincipalRef.user("AIDAALICE")
            try await store.putInlinePolicy(principal, IAMInlinePolicy(name: "Zeta", document: "{\"v\":1}"))
            try await store.putInlinePolicy(principal, IAMInlinePolicy(name: "_under", document: "{}"))
            try await store.putInlinePolicy(principal, IAMInlinePolicy(name: "alpha", document: "{}"))
            try await store.putInlinePolicy(principal, IAMInlinePolicy(name: "ZETA", document: "{\"v\":2}"))
            let policies = try await store.inlinePolicies(principal)
            #expect(policies.map(\.name) == ["_under", "alpha", "Zeta"])
            // The upsert replaced the document and kept the first spelling of the name.
            #expect(policies.last == IAMInlinePolicy(name: "Zeta", document: "{\"v\":2}"))
            // Another principal kind with the same id is a different principal.
            #expect(try await store.inlinePolicies(.group("AIDAALICE")).isEmpty)

            try await store.deleteInlinePolicy(principal, name: "zeta")
            #expect(try await store.inlinePolicies(principal).map(\.name) == ["_under", "alpha"])
        }
    }
}
