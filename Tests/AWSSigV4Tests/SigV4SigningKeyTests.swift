import Testing

@testable import AWSSigV4

@Suite("SigV4 derived signing keys")
struct SigV4SigningKeyTests {
    @Test("verifying with a key derived earlier gives the same answers as verifying with the secret")
    func derivedKeyMatchesSecret() throws {
        let request = SigV4VerifyTests.signed()
        let authorization = try SigV4.parseAuthorization(request).get()
        let hash = SigV4.sha256Hex(SigV4VerifyTests.formBody)
        let key = SigV4SigningKey(secretAccessKey: SigV4VerifyTests.secret, date: authorization.date,
                                  region: authorization.region, service: authorization.service)
        let withKey = SigV4.verify(request, authorization, signingKey: key, payloadSHA256: hash, now: SigV4VerifyTests.time)
        #expect((try? withKey.get()) != nil)

        let otherSecret = SigV4SigningKey(secretAccessKey: "another-secret", date: authorization.date,
                                          region: authorization.region, service: authorization.service)
        let wrong = SigV4.verify(request, authorization, signingKey: otherSecret, payloadSHA256: hash, now: SigV4VerifyTests.time)
        guard case .failure(let error) = wrong else {
            Issue.record("a key for another secret verified")
            return
        }
        #expect(error.code == .signatureDoesNotMatch)

        let otherDay = SigV4SigningKey(secretAccessKey: SigV4VerifyTests.secret, date: "20150831",
                                       region: authorization.region, service: authorization.service)
        let stale = SigV4.verify(request, authorization, signingKey: otherDay, payloadSHA256: hash, now: SigV4VerifyTests.time)
        #expect((try? stale.get()) == nil)

        // Clock checks still apply with a derived key.
        let late = SigV4.verify(request, authorization, signingKey: key, payloadSHA256: hash,
                                now: SigV4VerifyTests.time + 16 * 60)
        guard case .failure(let expired) = late else {
            Issue.record("a stale request verified with a derived key")
            return
        }
        #expect(expired.code == .requestExpired)
    }
}
