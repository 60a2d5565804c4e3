public import IAMModel

extension SQLStorage {
    public func createPolicy(_ policy: IAMManagedPolicy, document: String) async throws {
        try await write(conflictKey: "policy-name") { db in
            try db.execute(
                sql: """
                    INSERT INTO managed_policy (id, account_id, name, name_key, path, description, default_version,
                        next_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'v1', 2, ?, ?)
                    """,
                arguments: [policy.id, policy.accountID, policy.name, policy.name.lowercased(), policy.path,
                            policy.description, policy.createdAt, policy.updatedAt])
            try db.execute(
                sql: "INSERT INTO policy_version (policy_id, version_id, number, document, created_at) VALUES (?, 'v1', 1, ?, ?)",
                arguments: [policy.id, document, policy.createdAt])
            try Self.setTags(db, kind: "policy", id: policy.id, policy.tags)
        }
    }

    public func policy(accountID: String, name: String) async throws -> IAMManagedPolicy? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM managed_policy WHERE account_id = ? AND name_key = ?",
                             arguments: [accountID, name.lowercased()]).map { try Self.policy($0, db) }
        }
    }

    public func policies(accountID: String) async throws -> [IAMManagedPolicy] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM managed_policy WHERE account_id = ? ORDER BY name_key",
                             arguments: [accountID]).map { try Self.policy($0, db) }
        }
    }

    public func deletePolicy(id: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM tag WHERE resource_kind = 'policy' AND resource_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM managed_policy WHERE id = ?", arguments: [id])
        }
    }

    public func versions(policyID: String) async throws -> [IAMPolicyVersion] {
        try await read { db in
            let defaultVersion = try String.fetchOne(db, sql: "SELECT default_version FROM managed_policy WHERE id = ?",
                                                     arguments: [policyID])
            return try SQLRow.fetchAll(db, sql: "SELECT * FROM policy_version WHERE policy_id = ? ORDER BY number DESC",
                                    arguments: [policyID]).map { row in
                let id: String = row["version_id"]
                return IAMPolicyVersion(versionID: id, document: row["document"], isDefault: id == defaultVersion,
                                        createdAt: row["created_at"])
            }
        }
    }

    public func addVersion(policyID: String, document: String, setAsDefault: Bool, at time: Int64, limit: Int?) async throws -> String {
        try await write(conflictKey: "policy-version") { db in
            if let limit {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy_version WHERE policy_id = ?", arguments: [policyID]) ?? 0
                guard count < limit else { throw StorageError.limitExceeded("versions-per-policy") }
            }
            guard let next = try Int.fetchOne(db, sql: "SELECT next_version FROM managed_policy WHERE id = ?",
                                              arguments: [policyID]) else { throw StorageError.notFound }
            let versionID = "v\(next)"
            try db.execute(sql: "INSERT INTO policy_version (policy_id, version_id, number, document, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [policyID, versionID, next, document, time])
            try db.execute(sql: "UPDATE managed_policy SET next_version = ?, updated_at = ? WHERE id = ?",
                           arguments: [next + 1, time, policyID])
            if setAsDefault {
                try db.execute(sql: "UPDATE managed_policy SET default_version = ? WHERE id = ?", arguments: [versionID, policyID])
            }
            return versionID
        }
    }

    public func deleteVersion(policyID: String, versionID: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM policy_version WHERE policy_id = ? AND version_id = ?", arguments: [policyID, versionID])
        }
    }

    public func setDefaultVersion(policyID: String, versionID: String, at time: Int64) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE managed_policy SET default_version = ?, updated_at = ? WHERE id = ?",
                           arguments: [versionID, time, policyID])
        }
    }

    public func setPolicyTags(id: String, tags: [IAMTag]) async throws {
        try await write { db in try Self.setTags(db, kind: "policy", id: id, tags) }
    }

    public func attach(_ principal: IAMPrincipalRef, policyARN: String, at time: Int64) async throws {
        try await write { db in
            try db.execute(
                sql: "INSERT INTO policy_attachment (principal_kind, principal_id, policy_arn, position) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [principal.kind, principal.id, policyARN, time])
        }
    }

    public func detach(_ principal: IAMPrincipalRef, policyARN: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM policy_attachment WHERE principal_kind = ? AND principal_id = ? AND policy_arn = ?",
                           arguments: [principal.kind, principal.id, policyARN])
        }
    }

    public func attachedPolicies(_ principal: IAMPrincipalRef) async throws -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT policy_arn FROM policy_attachment WHERE principal_kind = ? AND principal_id = ? ORDER BY position, rowid
                """, arguments: [principal.kind, principal.id])
        }
    }

    public func attachmentCount(policyARN: String) async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy_attachment WHERE policy_arn = ?", arguments: [policyARN]) ?? 0
        }
    }

    public func attachmentCounts() async throws -> [String: Int] {
        try await read { db in
            var counts: [String: Int] = [:]
            for row in try SQLRow.fetchAll(db, sql: "SELECT policy_arn, COUNT(*) AS n FROM policy_attachment GROUP BY policy_arn") {
                counts[row["policy_arn"]] = row["n"]
            }
            return counts
        }
    }

    public func entities(policyARN: String) async throws -> [IAMPrincipalRef] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT principal_kind, principal_id FROM policy_attachment WHERE policy_arn = ? ORDER BY rowid",
                             arguments: [policyARN]).compactMap { row -> IAMPrincipalRef? in
                let kind: String = row["principal_kind"]
                let id: String = row["principal_id"]
                switch kind {
                case "user": return .user(id)
                case "group": return .group(id)
                case "role": return .role(id)
                default: return nil
                }
            }
        }
    }

    public func putInlinePolicy(_ principal: IAMPrincipalRef, _ policy: IAMInlinePolicy) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO inline_policy (principal_kind, principal_id, name, name_key, document) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (principal_kind, principal_id, name_key) DO UPDATE SET document = excluded.document
                """, arguments: [principal.kind, principal.id, policy.name, policy.name.lowercased(), policy.document])
        }
    }

    public func inlinePolicies(_ principal: IAMPrincipalRef) async throws -> [IAMInlinePolicy] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT name, document FROM inline_policy WHERE principal_kind = ? AND principal_id = ? ORDER BY name_key",
                             arguments: [principal.kind, principal.id]).map { IAMInlinePolicy(name: $0["name"], document: $0["document"]) }
        }
    }

    public func deleteInlinePolicy(_ principal: IAMPrincipalRef, name: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM inline_policy WHERE principal_kind = ? AND principal_id = ? AND name_key = ?",
                           arguments: [principal.kind, principal.id, name.lowercased()])
        }
    }

    static func policy(_ row: SQLRow, _ db: any SQLSession) throws -> IAMManagedPolicy {
        let id: String = row["id"]
        let account: String = row["account_id"]
        let path: String = row["path"]
        let name: String = row["name"]
        let arn = IAMARN.policy(account, path: path, name: name)
        let attachments = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy_attachment WHERE policy_arn = ?", arguments: [arn]) ?? 0
        let boundaries = try Int.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM iam_user WHERE permissions_boundary_arn = ?)
                + (SELECT COUNT(*) FROM iam_role WHERE permissions_boundary_arn = ?)
            """, arguments: [arn, arn]) ?? 0
        return IAMManagedPolicy(id: id, accountID: account, name: name, path: path, description: row["description"],
                                defaultVersionID: row["default_version"], createdAt: row["created_at"],
                                updatedAt: row["updated_at"], attachmentCount: attachments, boundaryUsageCount: boundaries,
                                tags: try tags(db, kind: "policy", id: id))
    }
}
