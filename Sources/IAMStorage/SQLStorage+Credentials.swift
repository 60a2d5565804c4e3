import Foundation
public import IAMModel

extension SQLStorage {
    public func createAccessKey(_ key: IAMAccessKey, limit: Int?) async throws {
        try await write(conflictKey: "access-key") { db in
            if let limit {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM access_key WHERE account_id = ? AND user_id IS NOT DISTINCT FROM ?",
                                             arguments: [key.accountID, key.userID]) ?? 0
                guard count < limit else { throw StorageError.limitExceeded("access-keys-per-user") }
            }
            try db.execute(
                sql: "INSERT INTO access_key (id, account_id, user_id, sealed_secret, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [key.id, key.accountID, key.userID, Data(key.sealedSecret), key.status.rawValue, key.createdAt])
        }
    }

    public func accessKey(id: String) async throws -> IAMAccessKey? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM access_key WHERE id = ?", arguments: [id]).map(Self.accessKey)
        }
    }

    public func accessKeys(accountID: String, userID: String?) async throws -> [IAMAccessKey] {
        try await read { db in
            let rows = if let userID {
                try SQLRow.fetchAll(db, sql: "SELECT * FROM access_key WHERE account_id = ? AND user_id = ? ORDER BY created_at, id",
                                 arguments: [accountID, userID])
            } else {
                try SQLRow.fetchAll(db, sql: "SELECT * FROM access_key WHERE account_id = ? AND user_id IS NULL ORDER BY created_at, id",
                                 arguments: [accountID])
            }
            return rows.map(Self.accessKey)
        }
    }

    public func setAccessKeyStatus(id: String, status: IAMAccessKeyStatus) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE access_key SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
        }
    }

    public func deleteAccessKey(id: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM access_key WHERE id = ?", arguments: [id]) }
    }

    public func recordAccessKeyUse(id: String, at time: Int64, service: String, region: String) async throws {
        try await write(isolation: .readCommitted) { db in
            try db.execute(sql: "UPDATE access_key SET last_used_at = ?, last_used_service = ?, last_used_region = ? WHERE id = ?",
                           arguments: [time, service, region, id])
        }
    }

    public func createSession(_ session: IAMSessionCredential) async throws {
        try await write(conflictKey: "session") { db in
            try db.execute(sql: """
                INSERT INTO session_credential (access_key_id, account_id, user_id, sealed_secret, token_hash, issued_at,
                    expires_at, mfa_authenticated_at, kind, role_id, session_name, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session.accessKeyID, session.accountID, session.userID, Data(session.sealedSecret),
                                 Data(session.tokenHash), session.issuedAt, session.expiresAt, session.mfaAuthenticatedAt,
                                 session.kind, session.roleID, session.sessionName, session.context])
        }
    }

    public func session(accessKeyID: String) async throws -> IAMSessionCredential? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM session_credential WHERE access_key_id = ?", arguments: [accessKeyID]).map { row in
                var session = IAMSessionCredential(
                    accessKeyID: row["access_key_id"], accountID: row["account_id"], userID: row["user_id"],
                    sealedSecret: Self.bytes(row, "sealed_secret"), tokenHash: Self.bytes(row, "token_hash"), issuedAt: row["issued_at"],
                    expiresAt: row["expires_at"], mfaAuthenticatedAt: row["mfa_authenticated_at"])
                session.kind = row["kind"]
                session.roleID = row["role_id"]
                session.sessionName = row["session_name"]
                session.context = row["context"]
                return session
            }
        }
    }

    public func deleteExpiredSessions(before time: Int64) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM session_credential WHERE expires_at < ?", arguments: [time]) }
    }

    static func accessKey(_ row: SQLRow) -> IAMAccessKey {
        let status: String = row["status"]
        return IAMAccessKey(id: row["id"], accountID: row["account_id"], userID: row["user_id"], sealedSecret: Self.bytes(row, "sealed_secret"),
                            status: IAMAccessKeyStatus(rawValue: status) ?? .inactive, createdAt: row["created_at"],
                            lastUsedAt: row["last_used_at"], lastUsedService: row["last_used_service"],
                            lastUsedRegion: row["last_used_region"])
    }

    static func bytes(_ row: SQLRow, _ column: String) -> [UInt8] {
        let data: Data? = row[column]
        return data.map { [UInt8]($0) } ?? []
    }
}
