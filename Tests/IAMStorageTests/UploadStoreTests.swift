import IAMModel
import IAMStorage
import Testing

/// Signing certificates, SSH public keys and service-specific credentials.
@Suite("Uploaded credential store")
struct UploadStoreTests {
    static func certificate(_ id: String, userID: String?, fingerprint: [UInt8], at time: Int64) -> IAMSigningCertificate {
        IAMSigningCertificate(id: id, accountID: Fixture.account, userID: userID,
                              body: "-----BEGIN CERTIFICATE-----\n\(id)\n-----END CERTIFICATE-----\n",
                              fingerprint: fingerprint, status: .active, uploadedAt: time)
    }

    @Test("signing certificates: one fingerprint per account, listed by upload time, status, delete", arguments: StoreBackend.all)
    func signingCertificates(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            try await store.createUser(Fixture.user("bob"))
            try await store.createSigningCertificate(Self.certificate("CERTB", userID: "AIDAALICE", fingerprint: Fixture.allBytes, at: 9))
            try await store.createSigningCertificate(Self.certificate("CERTA", userID: "AIDAALICE", fingerprint: [1, 2], at: 9))
            try await store.createSigningCertificate(Self.certificate("CERTC", userID: "AIDAALICE", fingerprint: [0], at: 1))
            try await store.createSigningCertificate(Self.certificate("CERTROOT", userID: nil, fingerprint: [3], at: 1))
            // The same certificate on another user of the account is refused.
            await #expect(throws: StorageError.conflict("certificate")) {
                try await store.createSigningCertificate(Self.certificate("CERTX", userID: "AIDABOB", fingerprint: Fixture.allBytes, at: 2))
            }
            let certificates = try await store.signingCertificates(accountID: Fixture.account, userID: "AIDAALICE")
            #expect(certificates.map(\.id) == ["CERTC", "CERTA", "CERTB"])
            #expect(certificates.last == Self.certificate("CERTB", userID: "AIDAALICE", fingerprint: Fixture.allBytes, at: 9))
            #expect(try await store.signingCertificates(accountID: Fixture.account, userID: nil).map(\.id) == ["CERTROOT"])
            #expect(try await store.signingCertificates(accountID: Fixture.account, userID: "AIDABOB").isEmpty)

            try await store.setSigningCertificateStatus(id: "CERTA", status: .inactive)
            #expect(try await store.signingCertificates(accountID: Fixture.account, userID: "AIDAALICE").map(\.status)
                    == [.active, .inactive, .active])
            try await store.deleteSigningCertificate(id: "CERTB")
            // Its fingerprint is free again.
            try await store.createSigningCertificate(Self.certificate("CERTX", userID: "AIDABOB", fingerprint: Fixture.allBytes, at: 2))
            #expect(try await store.signingCertificates(accountID: Fixture.account, userID: "AIDABOB").map(\.id) == ["CERTX"])
        }
    }

    @Test("SSH public keys: one fingerprint per user, listed by upload time, status, delete", arguments: StoreBackend.all)
    func sshKeys(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            try await store.createUser(Fixture.user("bob"))
            func key(_ id: String, _ user: String, _ fingerprint: String, _ time: Int64) -> IAMSSHPublicKey {
                IAMSSHPublicKey(id: id, userID: user, sshBody: "ssh-ed25519 AAAA\(id) comment ü", pemBody: "pem-\(id)",
                                fingerprint: fingerprint, status: .active, uploadedAt: time)
            }
            try await store.createSSHPublicKey(key("APKA2", "AIDAALICE", "aa:bb", Fixture.largeTime))
            try await store.createSSHPublicKey(key("APKA1", "AIDAALICE", "cc:dd", 5))
            await #expect(throws: StorageError.conflict("ssh-key")) {
                try await store.createSSHPublicKey(key("APKA3", "AIDAALICE", "aa:bb", 6))
            }
            // Another user may upload the same key.
            try await store.createSSHPublicKey(key("APKA4", "AIDABOB", "aa:bb", 6))

            #expect(try await store.sshPublicKeys(userID: "AIDAALICE") == [key("APKA1", "AIDAALICE", "cc:dd", 5),
                                                                            key("APKA2", "AIDAALICE", "aa:bb", Fixture.largeTime)])
            try await store.setSSHPublicKeyStatus(id: "APKA2", status: .inactive)
            #expect(try await store.sshPublicKeys(userID: "AIDAALICE").map(\.status) == [.active, .inactive])
            try await store.deleteSSHPublicKey(id: "APKA1")
            #expect(try await store.sshPublicKeys(userID: "AIDAALICE").map(\.id) == ["APKA2"])
            #expect(try await store.sshPublicKeys(userID: "AIDABOB").map(\.id) == ["APKA4"])
        }
    }

    @Test("service-specific credentials: created, listed by creation time, updated, deleted", arguments: StoreBackend.all)
    func serviceSpecificCredentials(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            let first = IAMServiceSpecificCredential(id: "ACCA2", userID: "AIDAALICE", serviceName: "codecommit.amazonaws.com",
                                                     serviceUserName: "alice-at-111122223333", sealedPassword: Fixture.allBytes,
                                                     status: .active, createdAt: 3)
            var second = IAMServiceSpecificCredential(id: "ACCA1", userID: "AIDAALICE", serviceName: "cassandra.amazonaws.com",
                                                      serviceUserName: "alice+1", sealedPassword: [7], status: .active,
                                                      createdAt: 4)
            try await store.createServiceSpecificCredential(second)
            try await store.createServiceSpecificCredential(first)
            #expect(try await store.serviceSpecificCredentials(userID: "AIDAALICE") == [first, second])

            second.sealedPassword = Fixture.allBytes.reversed()
            second.status = .inactive
            try await store.updateServiceSpecificCredential(second)
            #expect(try await store.serviceSpecificCredentials(userID: "AIDAALICE").last == second)

            try await store.deleteServiceSpecificCredential(id: "ACCA2")
            #expect(try await store.serviceSpecificCredentials(userID: "AIDAALICE") == [second])
            try await store.deleteUser(id: "AIDAALICE")
            #expect(try await store.serviceSpecificCredentials(userID: "AIDAALICE").isEmpty)
        }
    }
}
