public import IAMModel

extension SQLStorage {
    public func accounts() async throws -> [IAMAccount] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM account ORDER BY created_at, id").map(Self.account)
        }
    }

    public func account(id: String) async throws -> IAMAccount? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]).map(Self.account)
        }
    }

    public func createAccount(_ account: IAMAccount) async throws {
        try await write(conflictKey: "account") { db in
            try db.execute(sql: "INSERT INTO account (id, alias, created_at) VALUES (?, ?, ?)",
                           arguments: [account.id, account.alias, account.createdAt])
        }
    }

    public func setAccountAlias(accountID: String, alias: String?) async throws {
        try await write(conflictKey: "alias") { db in
            try db.execute(sql: "UPDATE account SET alias = ? WHERE id = ?", arguments: [alias, accountID])
        }
    }

    public func entityCounts(accountID: String) async throws -> [String: Int] {
        try await read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [accountID]) ?? 0 }
            return [
                "Users": try count("SELECT COUNT(*) FROM iam_user WHERE account_id = ?"),
                "Groups": try count("SELECT COUNT(*) FROM iam_group WHERE account_id = ?"),
                "Policies": try count("SELECT COUNT(*) FROM managed_policy WHERE account_id = ?"),
                "PolicyVersionsInUse": try count("""
                    SELECT COUNT(*) FROM policy_attachment a JOIN managed_policy p ON a.policy_arn =
                    'arn:aws:iam::' || p.account_id || ':policy' || p.path || p.name WHERE p.account_id = ?
                    """),
                // Roles area (issue 8).
                "Roles": try count("SELECT COUNT(*) FROM iam_role WHERE account_id = ?"),
                "InstanceProfiles": try count("SELECT COUNT(*) FROM instance_profile WHERE account_id = ?"),
                "AccountAccessKeysPresent": try count(
                    "SELECT COUNT(*) > 0 FROM access_key WHERE account_id = ? AND user_id IS NULL"),
            ]
        }
    }

    static func account(_ row: SQLRow) -> IAMAccount {
        IAMAccount(id: row["id"], alias: row["alias"], createdAt: row["created_at"])
    }
}
