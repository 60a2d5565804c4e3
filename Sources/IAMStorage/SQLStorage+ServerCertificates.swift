import Foundation
public import IAMModel

extension SQLStorage {
    static let serverCertificateTagKind = "server-certificate"

    public func createServerCertificate(_ certificate: IAMServerCertificate) async throws {
        try await write(conflictKey: "server-certificate-name") { db in
            try db.execute(
                sql: """
                    INSERT INTO server_certificate (id, account_id, name, name_key, path, body, chain, sealed_private_key,
                                                    expires_at, uploaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [certificate.id, certificate.accountID, certificate.name, certificate.name.lowercased(),
                            certificate.path, certificate.body, certificate.chain, Data(certificate.sealedPrivateKey),
                            certificate.expiresAt, certificate.uploadedAt])
            try Self.setTags(db, kind: Self.serverCertificateTagKind, id: certificate.id, certificate.tags)
        }
    }

    public func serverCertificate(accountID: String, name: String) async throws -> IAMServerCertificate? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM server_certificate WHERE account_id = ? AND name_key = ?",
                             arguments: [accountID, name.lowercased()]).map { try Self.serverCertificate($0, db) }
        }
    }

    public func serverCertificates(accountID: String, pathPrefix: String) async throws -> [IAMServerCertificate] {
        try await read { db in
            try SQLRow.fetchAll(
                db, sql: "SELECT * FROM server_certificate WHERE account_id = ? AND substr(path, 1, CAST(? AS INTEGER)) = ? ORDER BY name_key",
                arguments: [accountID, pathPrefix.count, pathPrefix]).map { try Self.serverCertificate($0, db) }
        }
    }

    public func updateServerCertificate(id: String, name: String, path: String) async throws {
        try await write(conflictKey: "server-certificate-name") { db in
            try db.execute(sql: "UPDATE server_certificate SET name = ?, name_key = ?, path = ? WHERE id = ?",
                           arguments: [name, name.lowercased(), path, id])
        }
    }

    public func deleteServerCertificate(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM tag WHERE resource_kind = ? AND resource_id = ?",
                           arguments: [Self.serverCertificateTagKind, id])
            try db.execute(sql: "DELETE FROM server_certificate WHERE id = ?", arguments: [id])
        }
    }

    public func setServerCertificateTags(id: String, tags: [IAMTag]) async throws {
        try await write { db in try Self.setTags(db, kind: Self.serverCertificateTagKind, id: id, tags) }
    }

    static func serverCertificate(_ row: SQLRow, _ db: any SQLSession) throws -> IAMServerCertificate {
        let id: String = row["id"]
        let sealed: Data = row["sealed_private_key"]
        return IAMServerCertificate(
            id: id, accountID: row["account_id"], name: row["name"], path: row["path"], body: row["body"],
            chain: row["chain"], sealedPrivateKey: [UInt8](sealed), expiresAt: row["expires_at"],
            uploadedAt: row["uploaded_at"], tags: try tags(db, kind: serverCertificateTagKind, id: id))
    }
}
