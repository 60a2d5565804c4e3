import IAMModel
import IAMStorage
import Testing

/// Roles, instance profiles and service-linked role deletion tasks.
@Suite("Role repository")
struct RoleRepositoryTests {
    @Test("roles: case-insensitive names, path listing in byte order, updates, last use", arguments: StoreBackend.all)
    func roles(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for (name, path) in [("B", "/"), ("a", "/svc/"), ("_x", "/svc/"), ("Z", "/")] {
                var role = Fixture.role(name, path: path, tags: Fixture.tags(["z": "1", "a": "2"]))
                role.id = "AROA" + String(name.unicodeScalars.map { String($0.value, radix: 16) }.joined())
                try await store.createRole(role)
            }
            #expect(try await store.roles(accountID: Fixture.account, pathPrefix: "/").map(\.name) == ["_x", "a", "B", "Z"])
            #expect(try await store.roles(accountID: Fixture.account, pathPrefix: "/svc/").map(\.name) == ["_x", "a"])
            var clash = Fixture.role("b")
            clash.id = "AROACLASH"
            await #expect(throws: StorageError.conflict("role-name")) { try await store.createRole(clash) }

            var role = try #require(try await store.role(accountID: Fixture.account, name: "b"))
            #expect(role.name == "B" && role.trustPolicy == Fixture.trustPolicy && role.maxSessionDuration == 3_600)
            #expect(role.tags == Fixture.tags(["z": "1", "a": "2"]) && role.linkedService == nil)
            #expect(try await store.role(id: role.id) == role)

            try await store.updateRole(id: role.id, description: "Ünïcode description", maxSessionDuration: 43_200)
            try await store.setTrustPolicy(roleID: role.id, document: "{}")
            try await store.setRoleTags(id: role.id, tags: [])
            try await store.setRolePermissionsBoundary(id: role.id, policyARN: "arn:aws:iam::aws:policy/PowerUserAccess")
            try await store.recordRoleUse(roleID: role.id, at: Fixture.largeTime, region: "ap-south-1")
            role.description = "Ünïcode description"
            role.maxSessionDuration = 43_200
            role.trustPolicy = "{}"
            role.tags = []
            role.permissionsBoundaryARN = "arn:aws:iam::aws:policy/PowerUserAccess"
            role.lastUsedAt = Fixture.largeTime
            role.lastUsedRegion = "ap-south-1"
            #expect(try await store.role(id: role.id) == role)
            try await store.updateRole(id: role.id, description: nil, maxSessionDuration: 3_600)
            #expect(try await store.role(id: role.id)?.description == nil)

            var linked = Fixture.role("AWSServiceRoleForSupport", path: "/aws-service-role/support.amazonaws.com/")
            linked.linkedService = "support.amazonaws.com"
            try await store.createRole(linked)
            #expect(try await store.role(id: linked.id)?.isServiceLinked == true)
        }
    }

    @Test("instance profiles hold at most one role; listings by path and by role", arguments: StoreBackend.all)
    func instanceProfiles(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createRole(Fixture.role("app"))
            try await store.createRole(Fixture.role("other"))
            for (name, path) in [("web", "/"), ("Batch", "/jobs/"), ("_admin", "/")] {
                try await store.createInstanceProfile(IAMInstanceProfile(
                    id: "AIPA" + name.uppercased(), accountID: Fixture.account, name: name, path: path, createdAt: 1,
                    tags: Fixture.tags(["k": name])))
            }
            await #expect(throws: StorageError.conflict("instance-profile-name")) {
                try await store.createInstanceProfile(IAMInstanceProfile(id: "AIPACLASH", accountID: Fixture.account, name: "WEB",
                                                                         path: "/", createdAt: 1))
            }
            #expect(try await store.instanceProfiles(accountID: Fixture.account, pathPrefix: "/").map(\.name) == ["_admin", "Batch", "web"])
            #expect(try await store.instanceProfiles(accountID: Fixture.account, pathPrefix: "/jobs/").map(\.name) == ["Batch"])

            #expect(try await store.addRole("AROAAPP", toInstanceProfile: "AIPAWEB"))
            #expect(try await !store.addRole("AROAOTHER", toInstanceProfile: "AIPAWEB"))
            #expect(try await store.addRole("AROAAPP", toInstanceProfile: "AIPABATCH"))
            #expect(try await store.instanceProfiles(roleID: "AROAAPP").map(\.name) == ["Batch", "web"])
            let web = try #require(try await store.instanceProfile(accountID: Fixture.account, name: "Web"))
            #expect(web.roles.map(\.name) == ["app"] && web.tags == Fixture.tags(["k": "web"]))

            try await store.removeRole("AROAAPP", fromInstanceProfile: "AIPAWEB")
            #expect(try await store.instanceProfile(accountID: Fixture.account, name: "web")?.roles == [])
            #expect(try await store.addRole("AROAOTHER", toInstanceProfile: "AIPAWEB"))
            try await store.setInstanceProfileTags(id: "AIPAWEB", tags: Fixture.tags(["new": "tag"]))
            #expect(try await store.instanceProfile(accountID: Fixture.account, name: "web")?.tags == Fixture.tags(["new": "tag"]))

            // Deleting a role empties its profiles; deleting a profile leaves its role.
            try await store.deleteRole(id: "AROAAPP")
            #expect(try await store.instanceProfile(accountID: Fixture.account, name: "batch")?.roles == [])
            try await store.deleteInstanceProfile(id: "AIPAWEB")
            #expect(try await store.instanceProfile(accountID: Fixture.account, name: "web") == nil)
            #expect(try await store.instanceProfiles(roleID: "AROAOTHER").isEmpty)
            #expect(try await store.role(id: "AROAOTHER") != nil)
            try await store.createInstanceProfile(IAMInstanceProfile(id: "AIPAWEB", accountID: Fixture.account, name: "web",
                                                                     path: "/", createdAt: 2))
            #expect(try await store.instanceProfile(accountID: Fixture.account, name: "web")?.tags == [])
        }
    }

    @Test("deleting a role removes its policies and tags; deletion tasks round-trip", arguments: StoreBackend.all)
    func deletion(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createRole(Fixture.role("app", tags: Fixture.tags(["k": "v"])))
            try await store.attach(.role("AROAAPP"), policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess", at: 1)
            try await store.putInlinePolicy(.role("AROAAPP"), IAMInlinePolicy(name: "p", document: "{}"))
            try await store.deleteRole(id: "AROAAPP")
            #expect(try await store.role(id: "AROAAPP") == nil)
            #expect(try await store.attachedPolicies(.role("AROAAPP")).isEmpty)
            #expect(try await store.inlinePolicies(.role("AROAAPP")).isEmpty)
            try await store.createRole(Fixture.role("app"))
            #expect(try await store.role(id: "AROAAPP")?.tags == [])

            let task = IAMRoleDeletionTask(id: "task/aws-service-role/x", accountID: Fixture.account, status: .inProgress,
                                           createdAt: Fixture.largeTime)
            try await store.createDeletionTask(task)
            await #expect(throws: StorageError.conflict("deletion-task")) { try await store.createDeletionTask(task) }
            #expect(try await store.deletionTask(id: task.id) == task)
            #expect(try await store.deletionTask(id: "task/none") == nil)
        }
    }
}
