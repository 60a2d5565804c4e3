import IAMModel
import IAMStorage
import Testing

/// The audit trail's table: batches, filters, pages newest first, retention.
@Suite("Audit store")
struct AuditStoreTests {
    static func event(_ id: String, user: String?, name: String, at millis: Int64, sequence: Int64 = 0,
                      decision: String? = "Allow") -> IAMAuditRecord {
        IAMAuditRecord(eventID: id, accountID: Fixture.account, eventTimeMillis: millis, sequence: sequence,
                       eventSource: "iam.amazonaws.com", eventName: name, userName: user, principalARN: nil, accessKeyID: nil,
                       decision: decision, errorCode: decision == "Deny" ? "AccessDenied" : nil, readOnly: name.hasPrefix("Get"),
                       data: "{\"eventID\":\"\(id)\",\"note\":\"é \\u0001\"}")
    }

    @Test("a batch is stored once, read newest first with filters and stable pages", arguments: StoreBackend.all)
    func batchesAndPages(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var events: [IAMAuditRecord] = []
            for i in 0..<7 {
                let user = i % 2 == 0 ? "alice" : "bob"
                let name = i < 4 ? "GetUser" : "CreateUser"
                let time: Int64 = Fixture.largeTime + Int64(i / 2)
                let decision = i == 3 ? "Deny" : "Allow"
                events.append(Self.event("e\(i)", user: user, name: name, at: time, sequence: Int64(i), decision: decision))
            }
            try await store.appendAuditEvents(events)
            try await store.appendAuditEvents([events[0]])  // an id already stored is skipped
            var query = IAMAuditQuery(maxResults: 3)
            query.accountID = Fixture.account
            let first = try await store.auditEvents(query)
            #expect(first.events.map(\.eventID) == ["e6", "e5", "e4"])
            query.after = first.next
            let second = try await store.auditEvents(query)
            #expect(second.events.map(\.eventID) == ["e3", "e2", "e1"])
            query.after = second.next
            let third = try await store.auditEvents(query)
            #expect(third.events.map(\.eventID) == ["e0"] && third.next == nil)
            #expect(third.events.first?.data == events[0].data)

            var alice = IAMAuditQuery(userName: "alice", maxResults: 50)
            alice.eventName = "GetUser"
            #expect(try await store.auditEvents(alice).events.map(\.eventID) == ["e2", "e0"])
            var denied = IAMAuditQuery(maxResults: 50)
            denied.decision = "Deny"
            #expect(try await store.auditEvents(denied).events.map(\.eventID) == ["e3"])
        }
    }

    @Test("retention deletes only events older than the cut", arguments: StoreBackend.all)
    func retention(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.appendAuditEvents([Self.event("old", user: "a", name: "GetUser", at: 1_000),
                                               Self.event("edge", user: "a", name: "GetUser", at: 2_000),
                                               Self.event("new", user: "a", name: "GetUser", at: 3_000)])
            #expect(try await store.pruneAuditEvents(before: 2_000) == 1)
            let left = try await store.auditEvents(IAMAuditQuery(maxResults: 10)).events.map(\.eventID)
            #expect(left == ["new", "edge"])
        }
    }
}
