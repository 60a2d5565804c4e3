import Foundation
public import IAMModel

extension SQLStorage {
    public func createSigningCertificate(_ certificate: IAMSigningCertificate) async throws {
        try await write(conflictKey: "certificate") { db in
            try db.execute(sql: """
                INSERT INTO signing_certificate (id, account_id, user_id, body, fingerprint, status, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [certificate.id, certificate.accountID, certificate.userID, certificate.body,
                                 Data(certificate.fingerprint), certificate.status.rawValue, certificate.uploadedAt])
        }
    }

    public func signingCertificates(accountID: String, userID: String?) async throws -> [IAMSigningCertificate] {
        try await read { db in
            let rows = if let userID {
                try SQLRow.fetchAll(db, sql: "SELECT * FROM signing_certificate WHERE account_id = ? AND user_id = ? ORDER BY uploaded_at, id",
                                 arguments: [accountID, userID])
            } else {
                try SQLRow.fetchAll(db, sql: "SELECT * FROM signing_certificate WHERE account_id = ? AND user_id IS NULL ORDER BY uploaded_at, id",
                                 arguments: [accountID])
            }
            return rows.map { row in
                let status: String = row["status"]
                return IAMSigningCertificate(id: row["id"], accountID: row["account_id"], userID: row["user_id"], body: row["body"],
                                             fingerprint: Self.bytes(row, "fingerprint"),
                                             status: IAMAccessKeyStatus(rawValue: status) ?? .inactive, uploadedAt: row["uploaded_at"])
            }
        }
    }

    public func setSigningCertificateStatus(id: String, status: IAMAccessKeyStatus) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE signing_certificate SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
        }
    }

    public func deleteSigningCertificate(id: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM signing_certificate WHERE id = ?", arguments: [id]) }
    }

    public func createSSHPublicKey(_ key: IAMSSHPublicKey) async throws {
        try await write(conflictKey: "ssh-key") { db in
            try db.execute(sql: """
                INSERT INTO ssh_public_key (id, user_id, ssh_body, pem_body, fingerprint, status, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key.id, key.userID, key.sshBody, key.pemBody, key.fingerprint, key.status.rawValue, key.uploadedAt])
        }
    }

    public func sshPublicKeys(userID: String) async throws -> [IAMSSHPublicKey] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM ssh_public_key WHERE user_id = ? ORDER BY uploaded_at, id", arguments: [userID]).map { row in
                let status: String = row["status"]
                return IAMSSHPublicKey(id: row["id"], userID: row["user_id"], sshBody: row["ssh_body"], pemBody: row["pem_body"],
                                       fingerprint: row["fingerprint"], status: IAMAccessKeyStatus(rawValue: status) ?? .inactive,
                                       uploadedAt: row["uploaded_at"])
            }
        }
    }

    public func setSSHPublicKeyStatus(id: String, status: IAMAccessKeyStatus) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE ssh_public_key SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
        }
    }

    public func deleteSSHPublicKey(id: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM ssh_public_key WHERE id = ?", arguments: [id]) }
    }

    public func createServiceSpecificCredential(_ credential: IAMServiceSpecificCredential) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO service_specific_credential (id, user_id, service_name, service_user_name, sealed_password, status,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [credential.id, credential.userID, credential.serviceName, credential.serviceUserName,
                                 Data(credential.sealedPassword), credential.status.rawValue, credential.createdAt])
        }
    }

    public func serviceSpecificCredentials(userID: String) async throws -> [IAMServiceSpecificCredential] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM service_specific_credential WHERE user_id = ? ORDER BY created_at, id",
                             arguments: [userID]).map { row in
                let status: String = row["status"]
                return IAMServiceSpecificCredential(id: row["id"], userID: row["user_id"], serviceName: row["service_name"],
                                                    serviceUserName: row["service_user_name"],
                                                    sealedPassword: Self.bytes(row, "sealed_password"),
                                                    status: IAMAccessKeyStatus(rawValue: status) ?? .inactive,
                                                    createdAt: row["created_at"])
            }
        }
    }

    public func updateServiceSpecificCredential(_ credential: IAMServiceSpecificCredential) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE service_specific_credential SET sealed_password = ?, status = ? WHERE id = ?",
                           arguments: [Data(credential.sealedPassword), credential.status.rawValue, credential.id])
        }
    }

    public func deleteServiceSpecificCredential(id: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM service_specific_credential WHERE id = ?", arguments: [id]) }
    }
}
