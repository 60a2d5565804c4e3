import IAMModel
import IAMStorage
import Testing

/// Service-last-accessed activity, credential reports and access report jobs.
@Suite("Activity store")
struct ActivityStoreTests {
    static func activity(_ principal: String, _ action: String, at time: Int64, region: String = "us-east-1") -> IAMActivity {
        IAMActivity(accountID: Fixture.account, principalID: principal, principalARN: "arn:aws:iam::111122223333:user/\(principal)",
                    service: "iam", action: action, region: region, at: time)
    }

    @Test("one row per principal and action, replaced by the latest use", arguments: StoreBackend.all)
    func activity(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.recordActivity(Self.activity("AIDAA", "ListUsers", at: 1))
            try await store.recordActivity(Self.activity("AIDAA", "ListUsers", at: Fixture.largeTime, region: "eu-west-1"))
            try await store.recordActivity(Self.activity("AIDAA", "GetUser", at: 2))
            try await store.recordActivity(Self.activity("AIDAB", "GetUser", at: 3))
            let recorded = try await store.activity(principalIDs: ["AIDAA"])
            #expect(Set(recorded) == [Self.activity("AIDAA", "ListUsers", at: Fixture.largeTime, region: "eu-west-1"),
                                      Self.activity("AIDAA", "GetUser", at: 2)])
            #expect(try await store.activity(principalIDs: []).isEmpty)
            #expect(try await store.activity(principalIDs: ["AIDAB", "AIDAA"]).count == 3)
        }
    }

    @Test("activity of more principals than one statement takes", arguments: StoreBackend.all)
    func manyPrincipals(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ids = (0..<1_100).map { "AIDA\($0)" }
            for id in ids.filter({ $0.hasSuffix("7") }) {
                try await store.recordActivity(Self.activity(id, "GetUser", at: 5))
            }
            let found = try await store.activity(principalIDs: ids)
            #expect(Set(found.map(\.principalID)) == Set(ids.filter { $0.hasSuffix("7") }))
            #expect(found.count == 110)
        }
    }

    @Test("credential reports are replaced; access report jobs expire by creation time", arguments: StoreBackend.all)
    func reports(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.credentialReport(accountID: Fixture.account) == nil)
            let first = IAMCredentialReport(accountID: Fixture.account, generatedAt: 1, content: "user,arn\n<root_account>,ü\n")
            let second = IAMCredentialReport(accountID: Fixture.account, generatedAt: Fixture.largeTime, content: "user,arn\n")
            try await store.saveCredentialReport(first)
            #expect(try await store.credentialReport(accountID: Fixture.account) == first)
            try await store.saveCredentialReport(second)
            #expect(try await store.credentialReport(accountID: Fixture.account) == second)

            let old = IAMAccessReportJob(id: "job-old", accountID: Fixture.account, requesterARN: "arn:req", entityARN: "arn:e",
                                         granularity: "SERVICE_LEVEL", createdAt: 100)
            let new = IAMAccessReportJob(id: "job-new", accountID: Fixture.account, requesterARN: "arn:req", entityARN: "arn:e",
                                         granularity: "ACTION_LEVEL", createdAt: 200)
            try await store.createAccessReportJob(old)
            try await store.createAccessReportJob(new)
            #expect(try await store.accessReportJob(id: "job-old") == old)
            try await store.deleteAccessReportJobs(createdBefore: 100)
            #expect(try await store.accessReportJob(id: "job-old") == old)
            try await store.deleteAccessReportJobs(createdBefore: 200)
            #expect(try await store.accessReportJob(id: "job-old") == nil)
            #expect(try await store.accessReportJob(id: "job-new") == new)
        }
    }
}
