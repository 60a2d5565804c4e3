import IAMModel
import IAMStorage
import Testing

/// Login profiles, password history and policy; virtual MFA devices and TOTP replay protection.
@Suite("Password and MFA store")
struct PasswordMFAStoreTests {
    @Test("a login profile is inserted then replaced, keeping its creation time", arguments: StoreBackend.all)
    func loginProfiles(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            #expect(try await store.loginProfile(userID: "AIDAALICE") == nil)
            let profile = IAMLoginProfile(userID: "AIDAALICE", passwordHash: "$2b$12$first", passwordResetRequired: true,
                                          createdAt: 10, passwordChangedAt: 10)
            try await store.putLoginProfile(profile)
            #expect(try await store.loginProfile(userID: "AIDAALICE") == profile)
            try await store.putLoginProfile(IAMLoginProfile(userID: "AIDAALICE", passwordHash: "$2b$12$second",
                                                            passwordResetRequired: false, createdAt: 99,
                                                            passwordChangedAt: Fixture.largeTime))
            #expect(try await store.loginProfile(userID: "AIDAALICE")
                    == IAMLoginProfile(userID: "AIDAALICE", passwordHash: "$2b$12$second", passwordResetRequired: false,
                                       createdAt: 10, passwordChangedAt: Fixture.largeTime))
            try await store.deleteLoginProfile(userID: "AIDAALICE")
            #expect(try await store.loginProfile(userID: "AIDAALICE") == nil)
        }
    }

    @Test("password history: newest first, limited, at most 24 kept per user", arguments: StoreBackend.all)
    func passwordHistory(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            try await store.createUser(Fixture.user("bob"))
            for i in 1...26 {
                // Same timestamp throughout: the order is insertion order.
                try await store.addPasswordHistory(userID: "AIDAALICE", hash: "h\(i)", at: 5)
            }
            try await store.addPasswordHistory(userID: "AIDABOB", hash: "bob", at: 5)
            #expect(try await store.passwordHistory(userID: "AIDAALICE", limit: 3) == ["h26", "h25", "h24"])
            let all = try await store.passwordHistory(userID: "AIDAALICE", limit: 100)
            #expect(all.count == 24 && all.first == "h26" && all.last == "h3")
            #expect(try await store.passwordHistory(userID: "AIDAALICE", limit: 0).isEmpty)
            #expect(try await store.passwordHistory(userID: "AIDAALICE", limit: -1).isEmpty)
            #expect(try await store.passwordHistory(userID: "AIDABOB", limit: 24) == ["bob"])
        }
    }

    @Test("the password policy is set, read back and removed", arguments: StoreBackend.all)
    func passwordPolicy(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.passwordPolicy(accountID: Fixture.account) == nil)
            var policy = IAMPasswordPolicy()
            policy.minimumLength = 14
            policy.requireSymbols = true
            policy.requireLowercase = true
            policy.allowUsersToChangePassword = true
            policy.maxAgeDays = 90
            policy.reusePrevention = 24
            policy.hardExpiry = true
            try await store.setPasswordPolicy(accountID: Fixture.account, policy)
            #expect(try await store.passwordPolicy(accountID: Fixture.account) == policy)
            var relaxed = IAMPasswordPolicy()
            relaxed.requireNumbers = true
            relaxed.requireUppercase = true
            try await store.setPasswordPolicy(accountID: Fixture.account, relaxed)
            let stored = try #require(try await store.passwordPolicy(accountID: Fixture.account))
            #expect(stored == relaxed && stored.maxAgeDays == nil && stored.reusePrevention == nil)
            try await store.setPasswordPolicy(accountID: Fixture.account, nil)
            #expect(try await store.passwordPolicy(accountID: Fixture.account) == nil)
        }
    }

    @Test("MFA devices: serial numbers unique, listed in byte order, assigned, tagged, deleted", arguments: StoreBackend.all)
    func devices(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            let prefix = "arn:aws:iam::111122223333:mfa/"
            for name in ["B", "a", "_x", "Z"] { try await store.createMFADevice(Fixture.mfaDevice(prefix + name)) }
            await #expect(throws: StorageError.conflict("mfa-device")) {
                try await store.createMFADevice(Fixture.mfaDevice(prefix + "a"))
            }
            // Serial numbers are case-sensitive: plain byte order.
            #expect(try await store.mfaDevices(accountID: Fixture.account).map(\.name) == ["B", "Z", "_x", "a"])

            var device = try #require(try await store.mfaDevice(serialNumber: prefix + "a"))
            #expect(device.sealedSeed == [9, 8, 7] && device.userID == nil && device.lastUsedStep == nil)
            device.userID = "AIDAALICE"
            device.enabledAt = Fixture.largeTime
            device.lastUsedStep = 57_000_000
            device.driftSteps = -2
            try await store.updateMFADevice(device)
            #expect(try await store.mfaDevice(serialNumber: prefix + "a") == device)

            let tags = Fixture.tags(["z": "1", "a": "2"])
            try await store.setMFADeviceTags(serialNumber: prefix + "a", tags: tags)
            #expect(try await store.mfaDevice(serialNumber: prefix + "a")?.tags == tags)

            try await store.deleteMFADevice(serialNumber: prefix + "a")
            #expect(try await store.mfaDevice(serialNumber: prefix + "a") == nil)
            #expect(try await store.mfaDevices(userID: "AIDAALICE").isEmpty)
            // Recreated under the same serial, it has no tags left over.
            try await store.createMFADevice(Fixture.mfaDevice(prefix + "a"))
            #expect(try await store.mfaDevice(serialNumber: prefix + "a")?.tags == [])
        }
    }

    @Test("a user's devices: not yet enabled first, then by enable time", arguments: StoreBackend.all)
    func devicesOfUser(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.createUser(Fixture.user("alice"))
            let prefix = "arn:aws:iam::111122223333:mfa/"
            try await store.createMFADevice(Fixture.mfaDevice(prefix + "late", userID: "AIDAALICE", enabledAt: 200))
            try await store.createMFADevice(Fixture.mfaDevice(prefix + "early", userID: "AIDAALICE", enabledAt: 100))
            try await store.createMFADevice(Fixture.mfaDevice(prefix + "pending", userID: "AIDAALICE", enabledAt: nil))
            try await store.createMFADevice(Fixture.mfaDevice(prefix + "other"))
            #expect(try await store.mfaDevices(userID: "AIDAALICE").map(\.name) == ["pending", "early", "late"])
        }
    }

    @Test("a TOTP step is accepted once, and only if newer than the last", arguments: StoreBackend.all)
    func consumeStep(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let serial = "arn:aws:iam::111122223333:mfa/alice"
            try await store.createMFADevice(Fixture.mfaDevice(serial))
            #expect(try await store.consumeMFAStep(serialNumber: serial, step: 100))
            #expect(try await !store.consumeMFAStep(serialNumber: serial, step: 100))
            #expect(try await !store.consumeMFAStep(serialNumber: serial, step: 99))
            #expect(try await store.consumeMFAStep(serialNumber: serial, step: 101))
            #expect(try await store.consumeMFAStep(serialNumber: serial, step: Fixture.largeTime))
            #expect(try await !store.consumeMFAStep(serialNumber: serial, step: Fixture.largeTime))
            #expect(try await store.mfaDevice(serialNumber: serial)?.lastUsedStep == Fixture.largeTime)
            #expect(try await !store.consumeMFAStep(serialNumber: "arn:aws:iam::111122223333:mfa/none", step: 1))
        }
    }
}
