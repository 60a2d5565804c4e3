import Foundation
public import IAMModel

extension SQLStorage {
    static let oidcTagKind = "oidc-provider"
    static let samlTagKind = "saml-provider"

    // MARK: OpenID Connect

    public func createOIDCProvider(_ provider: IAMOIDCProvider, quota: Int) async throws {
        try await write(conflictKey: "oidc-url") { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oidc_provider WHERE account_id = ?",
                                         arguments: [provider.accountID]) ?? 0
            guard count < quota else { throw StorageError.conflict("quota") }
            try db.execute(sql: "INSERT INTO oidc_provider (id, account_id, url, scheme, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [provider.id, provider.accountID, provider.url, provider.scheme, provider.createdAt])
            for (i, clientID) in provider.clientIDs.enumerated() {
                try db.execute(sql: "INSERT INTO oidc_client_id (provider_id, position, client_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                               arguments: [provider.id, i, clientID])
            }
            try Self.insertThumbprints(db, provider.id, provider.thumbprints)
            try Self.setTags(db, kind: Self.oidcTagKind, id: provider.id, provider.tags)
        }
    }

    public func oidcProvider(accountID: String, url: String) async throws -> IAMOIDCProvider? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM oidc_provider WHERE account_id = ? AND url = ?", arguments: [accountID, url])
                .map { try Self.oidcProvider($0, db) }
        }
    }

    public func oidcProviders(accountID: String) async throws -> [IAMOIDCProvider] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM oidc_provider WHERE account_id = ? ORDER BY url", arguments: [accountID])
                .map { try Self.oidcProvider($0, db) }
        }
    }

    public func addOIDCClientID(providerID: String, clientID: String, quota: Int) async throws {
        try await write { db in
            let present = try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM oidc_client_id WHERE provider_id = ? AND client_id = ?",
                                            arguments: [providerID, clientID]) ?? false
            if present { return }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oidc_client_id WHERE provider_id = ?", arguments: [providerID]) ?? 0
            guard count < quota else { throw StorageError.conflict("quota") }
            let next = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM oidc_client_id WHERE provider_id = ?",
                                        arguments: [providerID]) ?? 0
            try db.execute(sql: "INSERT INTO oidc_client_id (provider_id, position, client_id) VALUES (?, ?, ?)",
                           arguments: [providerID, next, clientID])
        }
    }

    public func removeOIDCClientID(providerID: String, clientID: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM oidc_client_id WHERE provider_id = ? AND client_id = ?", arguments: [providerID, clientID])
        }
    }

    public func setOIDCThumbprints(providerID: String, thumbprints: [String]) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM oidc_thumbprint WHERE provider_id = ?", arguments: [providerID])
            try Self.insertThumbprints(db, providerID, thumbprints)
        }
    }

    public func setOIDCProviderTags(providerID: String, tags: [IAMTag]) async throws {
        try await write { db in try Self.setTags(db, kind: Self.oidcTagKind, id: providerID, tags) }
    }

    public func deleteOIDCProvider(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM tag WHERE resource_kind = ? AND resource_id = ?", arguments: [Self.oidcTagKind, id])
            try db.execute(sql: "DELETE FROM oidc_provider WHERE id = ?", arguments: [id])
        }
    }

    static func insertThumbprints(_ db: any SQLSession, _ providerID: String, _ thumbprints: [String]) throws {
        for (i, thumbprint) in thumbprints.enumerated() {
            try db.execute(sql: "INSERT INTO oidc_thumbprint (provider_id, position, thumbprint) VALUES (?, ?, ?)",
                           arguments: [providerID, i, thumbprint])
        }
    }

    static func oidcProvider(_ row: SQLRow, _ db: any SQLSession) throws -> IAMOIDCProvider {
        let id: String = row["id"]
        let clientIDs = try String.fetchAll(db, sql: "SELECT client_id FROM oidc_client_id WHERE provider_id = ? ORDER BY position",
                                            arguments: [id])
        let thumbprints = try String.fetchAll(db, sql: "SELECT thumbprint FROM oidc_thumbprint WHERE provider_id = ? ORDER BY position",
                                              arguments: [id])
        return IAMOIDCProvider(id: id, accountID: row["account_id"], url: row["url"], scheme: row["scheme"], clientIDs: clientIDs,
                               thumbprints: thumbprints, createdAt: row["created_at"], tags: try tags(db, kind: oidcTagKind, id: id))
    }

    // MARK: SAML

    public func createSAMLProvider(_ provider: IAMSAMLProvider, quota: Int) async throws {
        try await write(conflictKey: "saml-name") { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM saml_provider WHERE account_id = ?",
                                         arguments: [provider.accountID]) ?? 0
            guard count < quota else { throw StorageError.conflict("quota") }
            try db.execute(
                sql: """
                    INSERT INTO saml_provider (id, account_id, name, name_key, metadata_document, valid_until, encryption_mode, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [provider.id, provider.accountID, provider.name, provider.name.lowercased(), provider.metadataDocument,
                            provider.validUntil, provider.encryptionMode.rawValue, provider.createdAt])
            try Self.insertPrivateKeys(db, provider)
            try Self.setTags(db, kind: Self.samlTagKind, id: provider.id, provider.tags)
        }
    }

    public func samlProvider(accountID: String, name: String) async throws -> IAMSAMLProvider? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM saml_provider WHERE account_id = ? AND name_key = ?",
                             arguments: [accountID, name.lowercased()]).map { try Self.samlProvider($0, db) }
        }
    }

    public func samlProviders(accountID: String) async throws -> [IAMSAMLProvider] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM saml_provider WHERE account_id = ? ORDER BY name_key", arguments: [accountID])
                .map { try Self.samlProvider($0, db) }
        }
    }

    public func updateSAMLProvider(_ provider: IAMSAMLProvider) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE saml_provider SET metadata_document = ?, valid_until = ?, encryption_mode = ? WHERE id = ?",
                           arguments: [provider.metadataDocument, provider.validUntil, provider.encryptionMode.rawValue, provider.id])
            guard db.changesCount > 0 else { throw StorageError.notFound }
            try db.execute(sql: "DELETE FROM saml_private_key WHERE provider_id = ?", arguments: [provider.id])
            try Self.insertPrivateKeys(db, provider)
        }
    }

    public func setSAMLProviderTags(providerID: String, tags: [IAMTag]) async throws {
        try await write { db in try Self.setTags(db, kind: Self.samlTagKind, id: providerID, tags) }
    }

    public func deleteSAMLProvider(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM tag WHERE resource_kind = ? AND resource_id = ?", arguments: [Self.samlTagKind, id])
            try db.execute(sql: "DELETE FROM saml_provider WHERE id = ?", arguments: [id])
        }
    }

    public func providerCount(accountID: String) async throws -> Int {
        try await read { db in
            let oidc = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oidc_provider WHERE account_id = ?", arguments: [accountID]) ?? 0
            let saml = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM saml_provider WHERE account_id = ?", arguments: [accountID]) ?? 0
            return oidc + saml
        }
    }

    static func insertPrivateKeys(_ db: any SQLSession, _ provider: IAMSAMLProvider) throws {
        for key in provider.privateKeys {
            try db.execute(sql: "INSERT INTO saml_private_key (id, provider_id, sealed_key, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [key.id, provider.id, Data(key.sealedKey), key.createdAt])
        }
    }

    static func samlProvider(_ row: SQLRow, _ db: any SQLSession) throws -> IAMSAMLProvider {
        let id: String = row["id"]
        let keys = try SQLRow.fetchAll(db, sql: "SELECT * FROM saml_private_key WHERE provider_id = ? ORDER BY created_at, rowid",
                                    arguments: [id]).map { key in
            IAMSAMLPrivateKey(id: key["id"], sealedKey: bytes(key, "sealed_key"), createdAt: key["created_at"])
        }
        let mode = IAMAssertionEncryptionMode(rawValue: row["encryption_mode"]) ?? .allowed
        return IAMSAMLProvider(id: id, accountID: row["account_id"], name: row["name"], metadataDocument: row["metadata_document"],
                               validUntil: row["valid_until"], encryptionMode: mode, privateKeys: keys, createdAt: row["created_at"],
                               tags: try tags(db, kind: samlTagKind, id: id))
    }
}
