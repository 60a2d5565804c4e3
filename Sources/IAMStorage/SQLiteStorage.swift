import GRDB
import IAMModel

/// The embedded store: SQLite through GRDB, WAL mode for files, or a private in-memory database.
public final class SQLiteStorage: IAMStore {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database file and applies pending migrations.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            try Self.migrate(writer)
        } catch {
            throw StorageError.unavailable("cannot open the database at \(path): \(error)")
        }
    }

    /// A throw-away in-memory database (tests, `--ephemeral`).
    public init() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        do {
            writer = try DatabaseQueue(configuration: configuration)
            try Self.migrate(writer)
        } catch {
            throw StorageError.unavailable("cannot open an in-memory database: \(error)")
        }
    }

    static func migrate(_ writer: any DatabaseWriter) throws {
        var migrator = DatabaseMigrator()
        for migration in SQLiteMigrations.all {
            migrator.registerMigration(migration.id) { db in try db.execute(sql: migration.sql) }
        }
        try migrator.migrate(writer)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.unavailable("\(error)")
        }
    }

    /// A write transaction; a UNIQUE or PRIMARY KEY violation becomes `conflict(key)`.
    func write<T: Sendable>(conflictKey: String = "entity", _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch let error as StorageError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            if error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StorageError.conflict(conflictKey)
            }
            throw StorageError.unavailable("\(error)")
        } catch {
            throw StorageError.unavailable("\(error)")
        }
    }

    public func reset() async throws {
        try await write { db in
            // The audit trail (no foreign keys).
            try db.execute(sql: "DELETE FROM audit_event")
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

    static func tags(_ db: Database, kind: String, id: String) throws -> [IAMTag] {
        try Row.fetchAll(db, sql: "SELECT key, value FROM tag WHERE resource_kind = ? AND resource_id = ? ORDER BY position",
                         arguments: [kind, id]).map { IAMTag(key: $0["key"], value: $0["value"]) }
    }

    static func setTags(_ db: Database, kind: String, id: String, _ tags: [IAMTag]) throws {
        try db.execute(sql: "DELETE FROM tag WHERE resource_kind = ? AND resource_id = ?", arguments: [kind, id])
        for (i, tag) in tags.enumerated() {
            try db.execute(
                sql: "INSERT INTO tag (resource_kind, resource_id, key, key_lower, value, position) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [kind, id, tag.key, tag.key.lowercased(), tag.value, i])
        }
    }
}
