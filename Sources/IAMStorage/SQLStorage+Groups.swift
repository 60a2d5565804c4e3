public import IAMModel

extension SQLStorage {
    public func createGroup(_ group: IAMGroup) async throws {
        try await write(conflictKey: "group-name") { db in
            try db.execute(
                sql: "INSERT INTO iam_group (id, account_id, name, name_key, path, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [group.id, group.accountID, group.name, group.name.lowercased(), group.path, group.createdAt])
        }
    }

    public func group(accountID: String, name: String) async throws -> IAMGroup? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM iam_group WHERE account_id = ? AND name_key = ?",
                             arguments: [accountID, name.lowercased()]).map(Self.group)
        }
    }

    public func group(id: String) async throws -> IAMGroup? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM iam_group WHERE id = ?", arguments: [id]).map(Self.group)
        }
    }

    public func groups(accountID: String, pathPrefix: String) async throws -> [IAMGroup] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM iam_group WHERE account_id = ? AND substr(path, 1, CAST(? AS INTEGER)) = ? ORDER BY name_key",
                             arguments: [accountID, pathPrefix.count, pathPrefix]).map(Self.group)
        }
    }

    public func updateGroup(id: String, name: String, path: String) async throws {
        try await write(conflictKey: "group-name") { db in
            try db.execute(sql: "UPDATE iam_group SET name = ?, name_key = ?, path = ? WHERE id = ?",
                           arguments: [name, name.lowercased(), path, id])
        }
    }

    public func deleteGroup(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM policy_attachment WHERE principal_kind = 'group' AND principal_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM inline_policy WHERE principal_kind = 'group' AND principal_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM iam_group WHERE id = ?", arguments: [id])
        }
    }

    public func addMember(groupID: String, userID: String) async throws {
        try await write { db in
            let next = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM group_membership WHERE group_id = ?",
                                         arguments: [groupID]) ?? 0) + 1
            try db.execute(sql: "INSERT INTO group_membership (group_id, user_id, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                           arguments: [groupID, userID, next])
        }
    }

    public func removeMember(groupID: String, userID: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM group_membership WHERE group_id = ? AND user_id = ?", arguments: [groupID, userID])
        }
    }

    public func members(groupID: String) async throws -> [IAMUser] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT u.* FROM iam_user u JOIN group_membership m ON m.user_id = u.id
                WHERE m.group_id = ? ORDER BY u.name_key
                """, arguments: [groupID]).map { try Self.user($0, db) }
        }
    }

    public func groupsForUser(userID: String) async throws -> [IAMGroup] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT g.* FROM iam_group g JOIN group_membership m ON m.group_id = g.id
                WHERE m.user_id = ? ORDER BY g.name_key
                """, arguments: [userID]).map(Self.group)
        }
    }

    static func group(_ row: SQLRow) -> IAMGroup {
        IAMGroup(id: row["id"], accountID: row["account_id"], name: row["name"], path: row["path"], createdAt: row["created_at"])
    }
}
