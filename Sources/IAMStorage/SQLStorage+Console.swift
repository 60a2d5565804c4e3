public import IAMModel

extension SQLStorage {
    public func createConsoleSession(_ session: ConsoleSession) async throws {
        try await write(conflictKey: "console-session") { db in
            try db.execute(sql: """
                INSERT INTO console_session (token_hash, account_id, user_id, stage, csrf_token, created_at, last_seen_at,
                mfa_authenticated_at, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session.tokenHash, session.accountID, session.userID, session.stage.rawValue, session.csrfToken,
                                 session.createdAt, session.lastSeenAt, session.mfaAuthenticatedAt, session.region])
        }
    }

    public func consoleSession(tokenHash: String) async throws -> ConsoleSession? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM console_session WHERE token_hash = ?", arguments: [tokenHash]).flatMap { row in
                guard let stage = ConsoleSession.Stage(rawValue: row["stage"]) else { return nil }
                return ConsoleSession(tokenHash: row["token_hash"], accountID: row["account_id"], userID: row["user_id"],
                                      stage: stage, csrfToken: row["csrf_token"], createdAt: row["created_at"],
                                      lastSeenAt: row["last_seen_at"], mfaAuthenticatedAt: row["mfa_authenticated_at"],
                                      region: row["region"])
            }
        }
    }

    public func updateConsoleSession(_ session: ConsoleSession) async throws {
        try await write { db in
            try db.execute(sql: """
                UPDATE console_session SET stage = ?, last_seen_at = ?, mfa_authenticated_at = ?, region = ?
                WHERE token_hash = ?
                """, arguments: [session.stage.rawValue, session.lastSeenAt, session.mfaAuthenticatedAt, session.region,
                                 session.tokenHash])
        }
    }

    public func deleteConsoleSession(tokenHash: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM console_session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func deleteStaleConsoleSessions(idleBefore: Int64, createdBefore: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM console_session WHERE last_seen_at < ? OR created_at < ?",
                           arguments: [idleBefore, createdBefore])
        }
    }

    public func rootPasswordHash(accountID: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM root_login_profile WHERE account_id = ?", arguments: [accountID])
        }
    }

    public func setRootPassword(accountID: String, hash: String, at time: Int64) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO root_login_profile (account_id, password_hash, created_at) VALUES (?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET password_hash = excluded.password_hash
                """, arguments: [accountID, hash, time])
        }
    }

    public func recordRootPasswordUse(accountID: String, at time: Int64) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE root_login_profile SET last_used_at = ? WHERE account_id = ?", arguments: [time, accountID])
        }
    }
}
