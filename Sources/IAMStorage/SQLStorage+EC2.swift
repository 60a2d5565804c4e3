
extension SQLStorage {
    public func putEC2Resource(kind: String, id: String, accountID: String, region: String, nameKey: String?, data: String,
                               createdAt: Int64) async throws {
        try await write(conflictKey: "ec2-name") { db in
            try db.execute(sql: """
                INSERT INTO ec2_resource (id, account_id, region, kind, name_key, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET data = excluded.data, name_key = excluded.name_key
                """, arguments: [id, accountID, region, kind, nameKey, data, createdAt])
        }
    }

    public func ec2Resource(kind: String, id: String, accountID: String, region: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT data FROM ec2_resource WHERE id = ? AND account_id = ? AND region = ? AND kind = ?",
                                arguments: [id, accountID, region, kind])
        }
    }

    public func ec2Resource(kind: String, nameKey: String, accountID: String, region: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: """
                SELECT data FROM ec2_resource WHERE name_key = ? AND account_id = ? AND region = ? AND kind = ?
                """, arguments: [nameKey, accountID, region, kind])
        }
    }

    public func ec2Resources(kind: String, accountID: String, region: String) async throws -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT data FROM ec2_resource WHERE account_id = ? AND region = ? AND kind = ? ORDER BY created_at, rowid
                """, arguments: [accountID, region, kind])
        }
    }

    public func deleteEC2Resource(kind: String, id: String, accountID: String, region: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM ec2_resource WHERE id = ? AND account_id = ? AND region = ? AND kind = ?",
                           arguments: [id, accountID, region, kind])
        }
    }
}
