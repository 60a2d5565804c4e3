import IAMModel
import IAMStorage
import Testing

/// Text beyond ASCII crosses both engines unchanged, and compares and sorts byte by byte.
@Suite("Text values")
struct TextStoreTests {
    static let samples = [
        "plain", "Ünïcödé", "Ελληνικά", "日本語のテキスト", "emoji 🚀👩‍👩‍👧", "e\u{301} combining", "tab\tnew\nline\r",
        "quote ' \" ` \\ ; -- /* */", "?", "$1", "\u{FFFD}\u{10FFFF}", "   trailing   ", "",
        "\u{7F}\u{1}\u{1F}",
    ]

    @Test("text round-trips exactly, in tags, documents and names", arguments: StoreBackend.all)
    func roundTrip(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let tags = Self.samples.enumerated().map { IAMTag(key: "k\($0.offset)", value: $0.element) }
            try await store.createUser(Fixture.user("alice", tags: tags))
            let stored = try #require(try await store.user(id: "AIDAALICE"))
            #expect(stored.tags.map { Array($0.value.unicodeScalars) } == Self.samples.map { Array($0.unicodeScalars) })
            for (i, text) in Self.samples.enumerated() {
                let name = "p\(i)" + text
                try await store.putInlinePolicy(.user("AIDAALICE"), IAMInlinePolicy(name: name, document: text))
                #expect(try await store.inlinePolicies(.user("AIDAALICE")).first { $0.name == name }?.document == text)
                try await store.putEC2Resource(kind: "tag", id: "r-\(i)", accountID: Fixture.account, region: "r", nameKey: text,
                                               data: text, createdAt: Int64(i))
                let data = try await store.ec2Resource(kind: "tag", nameKey: text, accountID: Fixture.account, region: "r")
                // Code point by code point: `==` on String would hide a normalization.
                #expect(data.map { Array($0.unicodeScalars) } == Array(text.unicodeScalars))
            }
            #expect(try await store.ec2Resources(kind: "tag", accountID: Fixture.account, region: "r") == Self.samples)
        }
    }

    @Test("names compare by their stored code points: no trimming, no Unicode normalization", arguments: StoreBackend.all)
    func exactComparison(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            // Swift calls the first two equal (canonical equivalence); the stores keep them apart, like AWS's byte compare.
            for (name, id) in [("caf\u{E9}", "AIDAPRECOMPOSED"), ("cafe\u{301}", "AIDADECOMPOSED"), ("caf\u{E9} ", "AIDASPACED")] {
                var user = Fixture.user(name)
                user.id = id
                try await store.createUser(user)
            }
            #expect(try await store.user(accountID: Fixture.account, name: "CAF\u{C9}")?.id == "AIDAPRECOMPOSED")
            #expect(try await store.user(accountID: Fixture.account, name: "CAFE\u{301}")?.id == "AIDADECOMPOSED")
            #expect(try await store.user(accountID: Fixture.account, name: "caf\u{E9} ")?.id == "AIDASPACED")
            #expect(try await store.user(accountID: Fixture.account, name: "cafe") == nil)
            let stored = try #require(try await store.user(id: "AIDADECOMPOSED"))
            #expect(Array(stored.name.unicodeScalars) == Array("cafe\u{301}".unicodeScalars))
        }
    }

    @Test("text holding U+0000 is refused alike, for writes and lookups, leaving nothing behind", arguments: StoreBackend.all)
    func nulCharacter(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            let refused = StorageError.invalidValue("text values cannot hold the character U+0000")
            await #expect(throws: refused) {
                try await store.createUser(Fixture.user("bob", tags: Fixture.tags(["k": "before\u{0}after"])))
            }
            // The transaction was rolled back: no user without its tags.
            #expect(try await store.user(id: "AIDABOB") == nil)
            // SQLite alone would have looked up `alice`, cut short at the NUL.
            await #expect(throws: refused) { try await store.user(accountID: Fixture.account, name: "alice\u{0}evil") }
            await #expect(throws: refused) {
                try await store.putInlinePolicy(.user("AIDAALICE"), IAMInlinePolicy(name: "p", document: "{\u{0}}"))
            }
            #expect(try await store.inlinePolicies(.user("AIDAALICE")).isEmpty)
            // The store is fine afterwards.
            try await store.setUserTags(id: "AIDAALICE", tags: Fixture.tags(["k": "v"]))
            #expect(try await store.user(accountID: Fixture.account, name: "alice")?.tags == Fixture.tags(["k": "v"]))
        }
    }
}
