@testable import IAMServices
import IAMModel
import IAMPolicy
import IAMPolicyCatalog
import IAMStorage
import Testing

/// The role store and the lookups the STS side builds on: roles by name and id, their policies
/// through `IAMPrincipalRef.role`, their policy set, and `RoleLastUsed`.
@Suite("Role store")
struct RoleStoreTests {
    static let account = "111122223333"

    static func store() async throws -> SQLStorage {
        let store = try SQLStorage()
        try await store.createAccount(IAMAccount(id: account, createdAt: 0))
        return store
    }

    static func role(_ name: String, id: String, path: String = "/", boundary: String? = nil) -> IAMRole {
        IAMRole(id: id, accountID: account, name: name, path: path,
                trustPolicy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
                createdAt: 10, permissionsBoundaryARN: boundary, tags: [IAMTag(key: "k", value: "v")])
    }

    @Test("roles by name (case-insensitively) and by id; names are unique per account")
    func lookups() async throws {
        let store = try await Self.store()
        try await store.createRole(Self.role("Deploy", id: "AROAAAAAAAAAAAAAAAAA1", path: "/ci/"))
        let byName = try #require(try await store.role(accountID: Self.account, name: "deploy"))
        #expect(byName.arn == "arn:aws:iam::111122223333:role/ci/Deploy")
        #expect(byName.tags == [IAMTag(key: "k", value: "v")])
        #expect(byName.maxSessionDuration == 3600 && byName.lastUsedAt == nil)
        #expect(try await store.role(id: "AROAAAAAAAAAAAAAAAAA1") == byName)
        await #expect(throws: StorageError.conflict("role-name")) {
            try await store.createRole(Self.role("DEPLOY", id: "AROAAAAAAAAAAAAAAAAA2"))
        }
        #expect(try await store.roles(accountID: Self.account, pathPrefix: "/ci/").map(\.name) == ["Deploy"])
        #expect(try await store.roles(accountID: Self.account, pathPrefix: "/other/").isEmpty)
    }

    @Test("RoleLastUsed records the time and region of the last use")
    func lastUsed() async throws {
        let store = try await Self.store()
        try await store.createRole(Self.role("App", id: "AROAAAAAAAAAAAAAAAAA1"))
        try await store.recordRoleUse(roleID: "AROAAAAAAAAAAAAAAAAA1", at: 100, region: "eu-west-1")
        try await store.recordRoleUse(roleID: "AROAAAAAAAAAAAAAAAAA1", at: 200, region: "us-east-1")
        let role = try #require(try await store.role(id: "AROAAAAAAAAAAAAAAAAA1"))
        #expect(role.lastUsedAt == 200 && role.lastUsedRegion == "us-east-1")
    }

    @Test("a profile holds one role; deleting a role takes its policies, tags and memberships with it")
    func profilesAndDeletion() async throws {
        let store = try await Self.store()
        try await store.createRole(Self.role("A", id: "AROAAAAAAAAAAAAAAAAA1"))
        try await store.createRole(Self.role("B", id: "AROAAAAAAAAAAAAAAAAA2"))
        try await store.createInstanceProfile(IAMInstanceProfile(id: "AIPAAAAAAAAAAAAAAAAA1", accountID: Self.account,
                                                                 name: "web", path: "/", createdAt: 0))
        #expect(try await store.addRole("AROAAAAAAAAAAAAAAAAA1", toInstanceProfile: "AIPAAAAAAAAAAAAAAAAA1"))
        #expect(try await !store.addRole("AROAAAAAAAAAAAAAAAAA2", toInstanceProfile: "AIPAAAAAAAAAAAAAAAAA1"))
        #expect(try await store.instanceProfile(accountID: Self.account, name: "WEB")?.roles.map(\.name) == ["A"])
        #expect(try await store.instanceProfiles(roleID: "AROAAAAAAAAAAAAAAAAA1").map(\.name) == ["web"])
        try await store.attach(.role("AROAAAAAAAAAAAAAAAAA1"), policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess", at: 1)
        try await store.putInlinePolicy(.role("AROAAAAAAAAAAAAAAAAA1"), IAMInlinePolicy(name: "p", document: "{}"))
        #expect(try await store.entities(policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess") == [.role("AROAAAAAAAAAAAAAAAAA1")])
        try await store.deleteRole(id: "AROAAAAAAAAAAAAAAAAA1")
        #expect(try await store.role(id: "AROAAAAAAAAAAAAAAAAA1") == nil)
        #expect(try await store.attachedPolicies(.role("AROAAAAAAAAAAAAAAAAA1")).isEmpty)
        #expect(try await store.inlinePolicies(.role("AROAAAAAAAAAAAAAAAAA1")).isEmpty)
        #expect(try await store.instanceProfile(accountID: Self.account, name: "web")?.roles.isEmpty == true)
        #expect(try await store.addRole("AROAAAAAAAAAAAAAAAAA2", toInstanceProfile: "AIPAAAAAAAAAAAAAAAAA1"))
        #expect(try await store.entityCounts(accountID: Self.account)["Roles"] == 1)
        #expect(try await store.entityCounts(accountID: Self.account)["InstanceProfiles"] == 1)
    }

    @Test("a role's policy set: its inline and attached policies, capped by its boundary")
    func policySet() async throws {
        let store = try await Self.store()
        let boundary = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
        try await store.createRole(Self.role("App", id: "AROAAAAAAAAAAAAAAAAA1", boundary: boundary))
        try await store.putInlinePolicy(.role("AROAAAAAAAAAAAAAAAAA1"), IAMInlinePolicy(name: "s3", document:
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#))
        try await store.attach(.role("AROAAAAAAAAAAAAAAAAA1"), policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess", at: 1)
        let builder = PolicySetBuilder(store: store, catalog: try ManagedPolicyCatalog.shared(), cache: PolicyCache())
        let role = try #require(try await store.role(id: "AROAAAAAAAAAAAAAAAAA1"))
        let set = try await builder.policySet(for: role)
        #expect(set.identity.count == 2)
        #expect(set.boundary != nil)
        let principal = Principal(kind: .assumedRole, arn: "arn:aws:sts::111122223333:assumed-role/App/s", accountID: Self.account,
                                  roleARN: role.arn)
        func decide(_ action: String) -> Bool {
            PolicyEvaluator.evaluate(AuthorizationRequest(principal: principal, action: action, resource: "*",
                                                          context: RequestContext()), set).isAllowed
        }
        #expect(decide("ec2:DescribeInstances"), "allowed by ReadOnlyAccess and inside the EC2 boundary")
        #expect(!decide("s3:GetObject"), "allowed by the inline policy but outside the boundary")
        #expect(!decide("ec2:RunInstances"), "inside the boundary but not allowed by any policy")
    }
}
