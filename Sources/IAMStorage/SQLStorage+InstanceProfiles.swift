public import IAMModel

extension SQLStorage {
    public func createInstanceProfile(_ profile: IAMInstanceProfile) async throws {
        try await write(conflictKey: "instance-profile-name") { db in
            try db.execute(
                sql: "INSERT INTO instance_profile (id, account_id, name, name_key, path, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [profile.id, profile.accountID, profile.name, profile.name.lowercased(), profile.path,
                            profile.createdAt])
            try Self.setTags(db, kind: "instance-profile", id: profile.id, profile.tags)
        }
    }

    public func instanceProfile(accountID: String, name: String) async throws -> IAMInstanceProfile? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM instance_profile WHERE account_id = ? AND name_key = ?",
                             arguments: [accountID, name.lowercased()]).map { try Self.instanceProfile($0, db) }
        }
    }

    public func instanceProfiles(accountID: String, pathPrefix: String) async throws -> [IAMInstanceProfile] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT * FROM instance_profile WHERE account_id = ? AND substr(path, 1, CAST(? AS INTEGER)) = ? ORDER BY name_key
                """, arguments: [accountID, pathPrefix.count, pathPrefix]).map { try Self.instanceProfile($0, db) }
        }
    }

    public func instanceProfiles(roleID: String) async throws -> [IAMInstanceProfile] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT p.* FROM instance_profile p JOIN instance_profile_role r ON r.profile_id = p.id
                WHERE r.role_id = ? ORDER BY p.name_key
                """, arguments: [roleID]).map { try Self.instanceProfile($0, db) }
        }
    }

    public func deleteInstanceProfile(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM tag WHERE resource_kind = 'instance-profile' AND resource_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM instance_profile WHERE id = ?", arguments: [id])
        }
    }

    public func setInstanceProfileTags(id: String, tags: [IAMTag]) async throws {
        try await write { db in try Self.setTags(db, kind: "instance-profile", id: id, tags) }
    }

    public func addRole(_ roleID: String, toInstanceProfile profileID: String) async throws -> Bool {
        try await write { db in
            let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM instance_profile_role WHERE profile_id = ?",
                                        arguments: [profileID]) ?? 0
            guard held == 0 else { return false }
            let next = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM instance_profile_role") ?? 1
            try db.execute(sql: "INSERT INTO instance_profile_role (profile_id, role_id, position) VALUES (?, ?, ?)",
                           arguments: [profileID, roleID, next])
            return true
        }
    }

    public func removeRole(_ roleID: String, fromInstanceProfile profileID: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM instance_profile_role WHERE profile_id = ? AND role_id = ?",
                           arguments: [profileID, roleID])
        }
    }

    static func instanceProfile(_ row: SQLRow, _ db: any SQLSession) throws -> IAMInstanceProfile {
        let id: String = row["id"]
        let roles = try SQLRow.fetchAll(db, sql: """
            SELECT r.* FROM iam_role r JOIN instance_profile_role m ON m.role_id = r.id
            WHERE m.profile_id = ? ORDER BY m.position
            """, arguments: [id]).map { try role($0, db) }
        return IAMInstanceProfile(id: id, accountID: row["account_id"], name: row["name"], path: row["path"],
                                  createdAt: row["created_at"], tags: try tags(db, kind: "instance-profile", id: id),
                                  roles: roles)
    }
}
