public import IAMModel

extension SQLStorage {
    public func loginProfile(userID: String) async throws -> IAMLoginProfile? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM login_profile WHERE user_id = ?", arguments: [userID]).map { row in
                IAMLoginProfile(userID: row["user_id"], passwordHash: row["password_hash"],
                                passwordResetRequired: row["password_reset_required"], createdAt: row["created_at"],
                                passwordChangedAt: row["password_changed_at"])
            }
        }
    }

    public func putLoginProfile(_ profile: IAMLoginProfile) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO login_profile (user_id, password_hash, password_reset_required, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
                password_reset_required = excluded.password_reset_required, password_changed_at = excluded.password_changed_at
                """, arguments: [profile.userID, profile.passwordHash, profile.passwordResetRequired, profile.createdAt,
                                 profile.passwordChangedAt])
        }
    }

    public func deleteLoginProfile(userID: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM login_profile WHERE user_id = ?", arguments: [userID]) }
    }

    public func passwordHistory(userID: String, limit: Int) async throws -> [String] {
        try await read { db in
            // A negative LIMIT means "no limit" to SQLite and is an error to PostgreSQL: ask for none.
            try String.fetchAll(db, sql: "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                                arguments: [userID, max(0, limit)])
        }
    }

    public func addPasswordHistory(userID: String, hash: String, at time: Int64) async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
                           arguments: [userID, hash, time])
            // AWS remembers at most 24 earlier passwords.
            try db.execute(sql: """
                DELETE FROM password_history WHERE user_id = ? AND id NOT IN
                (SELECT id FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT 24)
                """, arguments: [userID, userID])
        }
    }

    public func recordPasswordUse(userID: String, at time: Int64) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE iam_user SET password_last_used = ? WHERE id = ?", arguments: [time, userID])
        }
    }

    public func passwordPolicy(accountID: String) async throws -> IAMPasswordPolicy? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM account_password_policy WHERE account_id = ?", arguments: [accountID]).map { row in
                var policy = IAMPasswordPolicy()
                policy.minimumLength = row["minimum_length"]
                policy.requireSymbols = row["require_symbols"]
                policy.requireNumbers = row["require_numbers"]
                policy.requireUppercase = row["require_uppercase"]
                policy.requireLowercase = row["require_lowercase"]
                policy.allowUsersToChangePassword = row["allow_users_to_change"]
                policy.maxAgeDays = row["max_age_days"]
                policy.reusePrevention = row["reuse_prevention"]
                policy.hardExpiry = row["hard_expiry"]
                return policy
            }
        }
    }

    public func setPasswordPolicy(accountID: String, _ policy: IAMPasswordPolicy?) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM account_password_policy WHERE account_id = ?", arguments: [accountID])
            guard let policy else { return }
            try db.execute(sql: """
                INSERT INTO account_password_policy (account_id, minimum_length, require_symbols, require_numbers,
                    require_uppercase, require_lowercase, allow_users_to_change, max_age_days, reuse_prevention, hard_expiry)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [accountID, policy.minimumLength, policy.requireSymbols, policy.requireNumbers,
                                 policy.requireUppercase, policy.requireLowercase, policy.allowUsersToChangePassword,
                                 policy.maxAgeDays, policy.reusePrevention, policy.hardExpiry])
        }
    }
}
