public import IAMModel

extension SQLStorage {
    public func createUser(_ user: IAMUser) async throws {
        try await write(conflictKey: "user-name") { db in
            try db.execute(
                sql: """
                    INSERT INTO iam_user (id, account_id, name, name_key, path, created_at, permissions_boundary_arn)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [user.id, user.accountID, user.name, user.name.lowercased(), user.path, user.createdAt,
                            user.permissionsBoundaryARN])
            try Self.setTags(db, kind: "user", id: user.id, user.tags)
        }
    }

    public func user(accountID: String, name: String) async throws -> IAMUser? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM iam_user WHERE account_id = ? AND name_key = ?",
                             arguments: [accountID, name.lowercased()]).map { try Self.user($0, db) }
        }
    }

    public func user(id: String) async throws -> IAMUser? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM iam_user WHERE id = ?", arguments: [id]).map { try Self.user($0, db) }
        }
    }

    public func users(accountID: String, pathPrefix: String) async throws -> [IAMUser] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM iam_user WHERE account_id = ? AND substr(path, 1, CAST(? AS INTEGER)) = ? ORDER BY name_key",
                             arguments: [accountID, pathPrefix.count, pathPrefix]).map { try Self.user($0, db) }
        }
    }

    public func updateUser(id: String, name: String, path: String) async throws {
        try await write(conflictKey: "user-name") { db in
            try db.execute(sql: "UPDATE iam_user SET name = ?, name_key = ?, path = ? WHERE id = ?",
                           arguments: [name, name.lowercased(), path, id])
        }
    }

    public func deleteUser(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM tag WHERE resource_kind = 'user' AND resource_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM policy_attachment WHERE principal_kind = 'user' AND principal_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM inline_policy WHERE principal_kind = 'user' AND principal_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM iam_user WHERE id = ?", arguments: [id])
        }
    }

    public func setUserTags(id: String, tags: [IAMTag]) async throws {
        try await write { db in try Self.setTags(db, kind: "user", id: id, tags) }
    }

    public func setUserPermissionsBoundary(id: String, policyARN: String?) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE iam_user SET permissions_boundary_arn = ? WHERE id = ?", arguments: [policyARN, id])
        }
    }

    static func user(_ row: SQLRow, _ db: any SQLSession) throws -> IAMUser {
        let id: String = row["id"]
        return IAMUser(id: id, accountID: row["account_id"], name: row["name"], path: row["path"],
                       createdAt: row["created_at"], permissionsBoundaryARN: row["permissions_boundary_arn"],
                       passwordLastUsed: row["password_last_used"], tags: try tags(db, kind: "user", id: id))
    }
}
