import IAMModel
import IAMStorage
import Testing

/// OIDC and SAML identity providers, and server certificates.
@Suite("Provider and certificate store")
struct ProviderStoreTests {
    static func oidc(_ url: String, clientIDs: [String] = ["sts.amazonaws.com"], thumbprints: [String] = []) -> IAMOIDCProvider {
        IAMOIDCProvider(id: "oidc-" + url, accountID: Fixture.account, url: url, clientIDs: clientIDs, thumbprints: thumbprints,
                        createdAt: 7, tags: Fixture.tags(["b": "1", "a": "2"]))
    }

    @Test("OIDC providers: unique URLs, quota, client IDs and thumbprints in order, listed by URL", arguments: StoreBackend.all)
    func oidcProviders(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let provider = Self.oidc("token.example/B", clientIDs: ["z-client", "a-client", "z-client"], thumbprints: ["ff", "00"])
            try await store.createOIDCProvider(provider, quota: 3)
            for url in ["token.example/a", "token.example/_x"] { try await store.createOIDCProvider(Self.oidc(url), quota: 3) }
            await #expect(throws: StorageError.conflict("quota")) {
                try await store.createOIDCProvider(Self.oidc("token.example/Z"), quota: 3)
            }
            try await store.createOIDCProvider(Self.oidc("token.example/Z"), quota: 4)
            var clash = Self.oidc("token.example/a")
            clash.id = "oidc-clash"
            await #expect(throws: StorageError.conflict("oidc-url")) { try await store.createOIDCProvider(clash, quota: 100) }

            // URLs are case-sensitive: plain byte order.
            #expect(try await store.oidcProviders(accountID: Fixture.account).map(\.url)
                    == ["token.example/B", "token.example/Z", "token.example/_x", "token.example/a"])
            var stored = try #require(try await store.oidcProvider(accountID: Fixture.account, url: "token.example/B"))
            #expect(stored.clientIDs == ["z-client", "a-client"] && stored.thumbprints == ["ff", "00"])
            #expect(stored.tags == provider.tags && stored.scheme == "https" && stored.createdAt == 7)
            #expect(try await store.oidcProvider(accountID: Fixture.account, url: "token.example/b") == nil)

            try await store.addOIDCClientID(providerID: stored.id, clientID: "m-client", quota: 3)
            try await store.addOIDCClientID(providerID: stored.id, clientID: "a-client", quota: 3)
            await #expect(throws: StorageError.conflict("quota")) {
                try await store.addOIDCClientID(providerID: stored.id, clientID: "another", quota: 3)
            }
            try await store.removeOIDCClientID(providerID: stored.id, clientID: "z-client")
            try await store.removeOIDCClientID(providerID: stored.id, clientID: "not-there")
            try await store.addOIDCClientID(providerID: stored.id, clientID: "z-client", quota: 3)
            try await store.setOIDCThumbprints(providerID: stored.id, thumbprints: ["99", "11", "55"])
            try await store.setOIDCProviderTags(providerID: stored.id, tags: [])
            stored = try #require(try await store.oidcProvider(accountID: Fixture.account, url: "token.example/B"))
            #expect(stored.clientIDs == ["a-client", "m-client", "z-client"])
            #expect(stored.thumbprints == ["99", "11", "55"] && stored.tags == [])

            #expect(try await store.providerCount(accountID: Fixture.account) == 4)
            try await store.deleteOIDCProvider(id: stored.id)
            #expect(try await store.oidcProvider(accountID: Fixture.account, url: "token.example/B") == nil)
            try await store.createOIDCProvider(Self.oidc("token.example/B"), quota: 4)
            #expect(try await store.oidcProvider(accountID: Fixture.account, url: "token.example/B")?.thumbprints == [])
        }
    }

    @Test("SAML providers: case-insensitive names, quota, private keys replaced on update", arguments: StoreBackend.all)
    func samlProviders(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            func saml(_ name: String, keys: [IAMSAMLPrivateKey] = []) -> IAMSAMLProvider {
                IAMSAMLProvider(id: "saml-" + name.lowercased(), accountID: Fixture.account, name: name,
                                metadataDocument: "<EntityDescriptor entityID=\"\(name)\">ü</EntityDescriptor>",
                                validUntil: Fixture.largeTime, encryptionMode: .allowed, privateKeys: keys, createdAt: 3)
            }
            let keys = [IAMSAMLPrivateKey(id: "k2", sealedKey: Fixture.allBytes, createdAt: 5),
                        IAMSAMLPrivateKey(id: "k1", sealedKey: [1], createdAt: 5)]
            try await store.createSAMLProvider(saml("Okta", keys: keys), quota: 2)
            try await store.createSAMLProvider(saml("_adfs"), quota: 2)
            await #expect(throws: StorageError.conflict("quota")) { try await store.createSAMLProvider(saml("Azure"), quota: 2) }
            var clash = saml("OKTA")
            clash.id = "saml-clash"
            await #expect(throws: StorageError.conflict("saml-name")) { try await store.createSAMLProvider(clash, quota: 10) }
            try await store.createSAMLProvider(saml("Azure"), quota: 10)
            #expect(try await store.samlProviders(accountID: Fixture.account).map(\.name) == ["_adfs", "Azure", "Okta"])

            var okta = try #require(try await store.samlProvider(accountID: Fixture.account, name: "okta"))
            // Keys of the same second come back in the order they were added.
            #expect(okta == saml("Okta", keys: keys))

            okta.metadataDocument = "<EntityDescriptor/>"
            okta.encryptionMode = .required
            okta.validUntil = 42
            let newer = IAMSAMLPrivateKey(id: "k3", sealedKey: [3, 0, 3], createdAt: 9)
            okta.privateKeys = [newer, keys[0]]
            try await store.updateSAMLProvider(okta)
            // Keys come back oldest first.
            okta.privateKeys = [keys[0], newer]
            #expect(try await store.samlProvider(accountID: Fixture.account, name: "OKTA") == okta)
            var missing = okta
            missing.id = "saml-missing"
            await #expect(throws: StorageError.notFound) { try await store.updateSAMLProvider(missing) }

            try await store.setSAMLProviderTags(providerID: okta.id, tags: Fixture.tags(["x": "y"]))
            #expect(try await store.samlProvider(accountID: Fixture.account, name: "okta")?.tags == Fixture.tags(["x": "y"]))
            #expect(try await store.providerCount(accountID: Fixture.account) == 3)
            try await store.deleteSAMLProvider(id: okta.id)
            #expect(try await store.samlProvider(accountID: Fixture.account, name: "okta") == nil)
            #expect(try await store.providerCount(accountID: Fixture.account) == 2)
        }
    }

    @Test("server certificates: case-insensitive names, path listing, rename conflicts, tags", arguments: StoreBackend.all)
    func serverCertificates(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            func certificate(_ name: String, path: String = "/") -> IAMServerCertificate {
                IAMServerCertificate(id: "ASCA" + name.uppercased(), accountID: Fixture.account, name: name, path: path,
                                     body: "-----BEGIN CERTIFICATE-----\n\(name)", chain: name == "a" ? nil : "chain",
                                     sealedPrivateKey: Fixture.allBytes, expiresAt: Fixture.largeTime, uploadedAt: 8,
                                     tags: Fixture.tags(["k": name]))
            }
            for (name, path) in [("B", "/"), ("a", "/cloudfront/"), ("_x", "/cloudfront/"), ("Z", "/")] {
                try await store.createServerCertificate(certificate(name, path: path))
            }
            var clash = certificate("b")
            clash.id = "ASCACLASH"
            await #expect(throws: StorageError.conflict("server-certificate-name")) { try await store.createServerCertificate(clash) }
            #expect(try await store.serverCertificates(accountID: Fixture.account, pathPrefix: "/").map(\.name) == ["_x", "a", "B", "Z"])
            #expect(try await store.serverCertificates(accountID: Fixture.account, pathPrefix: "/cloudfront/").map(\.name) == ["_x", "a"])
            #expect(try await store.serverCertificate(accountID: Fixture.account, name: "A") == certificate("a", path: "/cloudfront/"))

            await #expect(throws: StorageError.conflict("server-certificate-name")) {
                try await store.updateServerCertificate(id: "ASCAB", name: "z", path: "/")
            }
            try await store.updateServerCertificate(id: "ASCAB", name: "Bee", path: "/new/")
            let renamed = try #require(try await store.serverCertificate(accountID: Fixture.account, name: "bee"))
            #expect(renamed.path == "/new/" && renamed.sealedPrivateKey == Fixture.allBytes && renamed.tags == Fixture.tags(["k": "B"]))
            try await store.setServerCertificateTags(id: "ASCAB", tags: [])
            #expect(try await store.serverCertificate(accountID: Fixture.account, name: "bee")?.tags == [])
            try await store.deleteServerCertificate(id: "ASCAZ")
            #expect(try await store.serverCertificate(accountID: Fixture.account, name: "z") == nil)
            try await store.createServerCertificate(IAMServerCertificate(
                id: "ASCAZ", accountID: Fixture.account, name: "Z", path: "/", body: "b", chain: nil, sealedPrivateKey: [],
                expiresAt: 1, uploadedAt: 1))
            #expect(try await store.serverCertificate(accountID: Fixture.account, name: "z")?.tags == [])
        }
    }
}
