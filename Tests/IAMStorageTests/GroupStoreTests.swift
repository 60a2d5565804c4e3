import IAMModel
import IAMStorage
import Testing

/// Groups and their members.
@Suite("Group store")
struct GroupStoreTests {
    @Test("groups: case-insensitive names, lookups, path listing in byte order, rename", arguments: StoreBackend.all)
    func groups(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for (name, path) in [("B", "/"), ("a", "/team/"), ("_x", "/team/"), ("Z", "/")] {
                var group = Fixture.group(name, path: path)
                group.id = "AGPA" + String(name.unicodeScalars.map { String($0.value, radix: 16) }.joined())
                try await store.createGroup(group)
            }
            #expect(try await store.groups(accountID: Fixture.account, pathPrefix: "/").map(\.name) == ["_x", "a", "B", "Z"])
            #expect(try await store.groups(accountID: Fixture.account, pathPrefix: "/team/").map(\.name) == ["_x", "a"])
            var clash = Fixture.group("b")
            clash.id = "AGPACLASH"
            await #expect(throws: StorageError.conflict("group-name")) { try await store.createGroup(clash) }

            let b = try #require(try await store.group(accountID: Fixture.account, name: "b"))
            #expect(b.name == "B" && b.path == "/" && b.createdAt == 20)
            #expect(try await store.group(id: b.id) == b)
            try await store.updateGroup(id: b.id, name: "Builders", path: "/team/")
            #expect(try await store.group(id: b.id)?.arn == "arn:aws:iam::111122223333:group/team/Builders")
            await #expect(throws: StorageError.conflict("group-name")) {
                try await store.updateGroup(id: b.id, name: "A", path: "/")
            }
            try await store.deleteGroup(id: b.id)
            #expect(try await store.group(accountID: Fixture.account, name: "builders") == nil)
        }
    }

    @Test("membership: adding twice is harmless; members and a user's groups come back by name", arguments: StoreBackend.all)
    func membership(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for name in ["carol", "Bob", "alice"] { try await store.createUser(Fixture.user(name)) }
            for name in ["ops", "Dev", "all"] { try await store.createGroup(Fixture.group(name)) }
            try await store.addMember(groupID: "AGPADEV", userID: "AIDACAROL")
            try await store.addMember(groupID: "AGPADEV", userID: "AIDAALICE")
            try await store.addMember(groupID: "AGPADEV", userID: "AIDABOB")
            try await store.addMember(groupID: "AGPADEV", userID: "AIDAALICE")
            try await store.addMember(groupID: "AGPAOPS", userID: "AIDAALICE")
            try await store.addMember(groupID: "AGPAALL", userID: "AIDAALICE")

            #expect(try await store.members(groupID: "AGPADEV").map(\.name) == ["alice", "Bob", "carol"])
            #expect(try await store.groupsForUser(userID: "AIDAALICE").map(\.name) == ["all", "Dev", "ops"])
            #expect(try await store.groupsForUser(userID: "AIDABOB").map(\.name) == ["Dev"])
            #expect(try await store.members(groupID: "AGPAOPS").map(\.id) == ["AIDAALICE"])

            try await store.removeMember(groupID: "AGPADEV", userID: "AIDAALICE")
            try await store.removeMember(groupID: "AGPADEV", userID: "AIDAALICE")
            #expect(try await store.members(groupID: "AGPADEV").map(\.name) == ["Bob", "carol"])
            #expect(try await store.groupsForUser(userID: "AIDAALICE").map(\.name) == ["all", "ops"])
            // Re-adding after a removal works.
            try await store.addMember(groupID: "AGPADEV", userID: "AIDAALICE")
            #expect(try await store.members(groupID: "AGPADEV").count == 3)
        }
    }

    @Test("deleting a group removes its memberships and policies but not its users", arguments: StoreBackend.all)
    func deleteGroup(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            try await store.createGroup(Fixture.group("devs"))
            try await store.addMember(groupID: "AGPADEVS", userID: "AIDAALICE")
            try await store.attach(.group("AGPADEVS"), policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess", at: 1)
            try await store.putInlinePolicy(.group("AGPADEVS"), IAMInlinePolicy(name: "p", document: "{}"))
            try await store.deleteGroup(id: "AGPADEVS")
            #expect(try await store.group(id: "AGPADEVS") == nil)
            #expect(try await store.groupsForUser(userID: "AIDAALICE").isEmpty)
            #expect(try await store.attachedPolicies(.group("AGPADEVS")).isEmpty)
            #expect(try await store.inlinePolicies(.group("AGPADEVS")).isEmpty)
            #expect(try await store.user(id: "AIDAALICE") != nil)
            try await store.createGroup(Fixture.group("devs"))
            #expect(try await store.members(groupID: "AGPADEVS").isEmpty)
        }
    }
}
