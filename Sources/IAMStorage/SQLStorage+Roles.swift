public import IAMModel

extension SQLStorage {
    public func createRole(_ role: IAMRole) async throws {
        try await write(conflictKey: "role-name") { db in
            try db.execute(
                sql: """
                    INSERT INTO iam_role (id, account_id, name, name_key, path, trust_policy, description,
                        max_session_duration, permissions_boundary_arn, linked_service, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [role.id, role.accountID, role.name, role.name.lowercased(), role.path, role.trustPolicy,
                            role.description, role.maxSessionDuration, role.permissionsBoundaryARN, role.linkedService,
                            role.createdAt])
            try Self.setTags(db, kind: "role", id: role.id, role.tags)
        }
    }

    public func role(accountID: String, name: String) async throws -> IAMRole? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM iam_role WHERE account_id = ? AND name_key = ?",
                             arguments: [accountID, name.lowercased()]).map { try Self.role($0, db) }
        }
    }

    public func role(id: String) async throws -> IAMRole? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM iam_role WHERE id = ?", arguments: [id]).map { try Self.role($0, db) }
        }
    }

    public func roles(accountID: String, pathPrefix: String) async throws -> [IAMRole] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM iam_role WHERE account_id = ? AND substr(path, 1, CAST(? AS INTEGER)) = ? ORDER BY name_key",
                             arguments: [accountID, pathPrefix.count, pathPrefix]).map { try Self.role($0, db) }
        }
    }

    public func updateRole(id: String, description: String?, maxSessionDuration: Int) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE iam_role SET description = ?, max_session_duration = ? WHERE id = ?",
                           arguments: [description, maxSessionDuration, id])
        }
    }

    public func setTrustPolicy(roleID: String, document: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE iam_role SET trust_policy = ? WHERE id = ?", arguments: [document, roleID])
        }
    }

    public func setRoleTags(id: String, tags: [IAMTag]) async throws {
        try await write { db in try Self.setTags(db, kind: "role", id: id, tags) }
    }

    public func setRolePermissionsBoundary(id: String, policyARN: String?) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE iam_role SET permissions_boundary_arn = ? WHERE id = ?", arguments: [policyARN, id])
        }
    }

    public func deleteRole(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM tag WHERE resource_kind = 'role' AND resource_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM policy_attachment WHERE principal_kind = 'role' AND principal_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM inline_policy WHERE principal_kind = 'role' AND principal_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM instance_profile_role WHERE role_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM iam_role WHERE id = ?", arguments: [id])
        }
    }

    public func recordRoleUse(roleID: String, at time: Int64, region: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE iam_role SET last_used_at = ?, last_used_region = ? WHERE id = ?",
                           arguments: [time, region, roleID])
        }
    }

    public func createDeletionTask(_ task: IAMRoleDeletionTask) async throws {
        try await write(conflictKey: "deletion-task") { db in
            try db.execute(sql: "INSERT INTO role_deletion_task (id, account_id, status, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [task.id, task.accountID, task.status.rawValue, task.createdAt])
        }
    }

    public func deletionTask(id: String) async throws -> IAMRoleDeletionTask? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM role_deletion_task WHERE id = ?", arguments: [id]).map { row in
                let status: String = row["status"]
                return IAMRoleDeletionTask(id: row["id"], accountID: row["account_id"],
                                           status: IAMRoleDeletionTask.Status(rawValue: status) ?? .failed,
                                           createdAt: row["created_at"])
            }
        }
    }

    static func role(_ row: SQLRow, _ db: any SQLSession) throws -> IAMRole {
        let id: String = row["id"]
        return IAMRole(id: id, accountID: row["account_id"], name: row["name"], path: row["path"],
                       trustPolicy: row["trust_policy"], description: row["description"],
                       maxSessionDuration: row["max_session_duration"], createdAt: row["created_at"],
                       permissionsBoundaryARN: row["permissions_boundary_arn"], tags: try tags(db, kind: "role", id: id),
                       lastUsedAt: row["last_used_at"], lastUsedRegion: row["last_used_region"],
                       linkedService: row["linked_service"])
    }
}
