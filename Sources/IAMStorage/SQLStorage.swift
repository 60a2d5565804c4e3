import IAMModel

/// The store: every repository written once in SQL that SQLite and PostgreSQL share, run on the
/// embedded SQLite database (GRDB, WAL) or on a shared PostgreSQL server (several Warden nodes).
public final class SQLStorage: IAMStore {
    let backend: any SQLBackend

    /// Opens (creating if needed) the SQLite database file and applies pending migrations.
    public convenience init(path: String) throws {
        self.init(backend: try SQLiteBackend(path: path))
    }

    /// A throw-away in-memory SQLite database (tests, `--ephemeral`).
    public convenience init() throws {
        self.init(backend: try SQLiteBackend())
    }

    init(backend: any SQLBackend) {
        self.backend = backend
    }

    /// Connects to PostgreSQL (`postgres://user:password@host:port/database`) and applies pending migrations.
    public static func connect(postgresURL: String, poolSize: Int = 8) async throws -> SQLStorage {
        SQLStorage(backend: try await PostgresBackend.connect(url: postgresURL, poolSize: poolSize))
    }

    /// Which engine this store runs on.
    public var dialect: SQLDialect { backend.dialect }

    /// Closes the connections (PostgreSQL); the store is unusable afterwards.
    public func close() async {
        await backend.close()
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await backend.read(body)
    }

    /// A write transaction; a UNIQUE or PRIMARY KEY violation becomes `conflict(key)`.
    func write<T: Sendable>(conflictKey: String = "entity", isolation: SQLIsolation = .serializable,
                            _ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await backend.write(conflictKey: conflictKey, isolation: isolation, body)
    }

    public func reset() async throws {
        try await write { db in
            // The audit trail (no foreign keys).
            try db.execute(sql: "DELETE FROM audit_event")
            // Shared node state (issue 9): throttles and pending MFA devices go; the change
            // generation only grows, so that every node drops what it cached before the reset.
            for table in ["failure_throttle", "pending_mfa_device"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try db.execute(sql: "UPDATE change_generation SET generation = generation + 1 WHERE id = ?", arguments: [1])
            // Identity providers (issue 8): children before their providers, all before `account`.
            for table in ["oidc_client_id", "oidc_thumbprint", "oidc_provider", "saml_private_key", "saml_provider"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            // Activity and reports (AnalysisHandlers).
            for table in ["access_report_job", "credential_report", "activity"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            // Server certificates, the standalone account's settings and report jobs (iam-certs-standalone).
            for table in ["server_certificate", "account_setting", "organizations_access_report"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            // Roles and instance profiles (issue 8, roles area): referencing tables first.
            for table in ["instance_profile_role", "role_deletion_task", "instance_profile", "iam_role"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            for table in ["console_session", "root_login_profile", "ec2_resource", "service_specific_credential", "ssh_public_key", "signing_certificate", "mfa_device",
                          "account_password_policy", "password_history", "login_profile", "session_credential", "access_key", "tag", "inline_policy", "policy_attachment",
                          "policy_version", "managed_policy", "group_membership", "iam_group", "iam_user", "account"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
        }
    }

    // MARK: Tags (shared by users, groups, policies)

    static func tags(_ db: any SQLSession, kind: String, id: String) throws -> [IAMTag] {
        try SQLRow.fetchAll(db, sql: "SELECT key, value FROM tag WHERE resource_kind = ? AND resource_id = ? ORDER BY position",
                         arguments: [kind, id]).map { IAMTag(key: $0["key"], value: $0["value"]) }
    }

    static func setTags(_ db: any SQLSession, kind: String, id: String, _ tags: [IAMTag]) throws {
        try db.execute(sql: "DELETE FROM tag WHERE resource_kind = ? AND resource_id = ?", arguments: [kind, id])
        for (i, tag) in tags.enumerated() {
            try db.execute(
                sql: "INSERT INTO tag (resource_kind, resource_id, key, key_lower, value, position) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [kind, id, tag.key, tag.key.lowercased(), tag.value, i])
        }
    }
}
