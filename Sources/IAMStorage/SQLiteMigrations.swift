/// The SQLite schema, one migration per entry, applied in order. Shipped entries are never edited:
/// change the schema by appending a new one.
enum SQLiteMigrations {
    /// Every migration in order: the shipped ones, then each family's (each in its own file).
    static var all: [(id: String, sql: String)] {
        shipped + roles + providers + serverCertificates + activity + sessions + audit + cluster
    }

    /// v1-v4 (shipped: never edited).
    static let shipped: [(id: String, sql: String)] = [
        ("v1-core", """
        CREATE TABLE account (
            id TEXT PRIMARY KEY NOT NULL,
            alias TEXT UNIQUE,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE iam_user (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            path TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            permissions_boundary_arn TEXT,
            password_last_used INTEGER,
            UNIQUE (account_id, name_key)
        );
        CREATE TABLE iam_group (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            path TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (account_id, name_key)
        );
        CREATE TABLE group_membership (
            group_id TEXT NOT NULL REFERENCES iam_group(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES iam_user(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (group_id, user_id)
        );
        CREATE INDEX group_membership_user ON group_membership(user_id);
        CREATE TABLE managed_policy (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            path TEXT NOT NULL,
            description TEXT,
            default_version TEXT NOT NULL,
            next_version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (account_id, name_key)
        );
        CREATE TABLE policy_version (
            policy_id TEXT NOT NULL REFERENCES managed_policy(id) ON DELETE CASCADE,
            version_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            document TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (policy_id, version_id)
        );
        CREATE TABLE policy_attachment (
            principal_kind TEXT NOT NULL,
            principal_id TEXT NOT NULL,
            policy_arn TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (principal_kind, principal_id, policy_arn)
        );
        CREATE INDEX policy_attachment_arn ON policy_attachment(policy_arn);
        CREATE TABLE inline_policy (
            principal_kind TEXT NOT NULL,
            principal_id TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (principal_kind, principal_id, name_key)
        );
        CREATE TABLE tag (
            resource_kind TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            key TEXT NOT NULL,
            key_lower TEXT NOT NULL,
            value TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (resource_kind, resource_id, key_lower)
        );
        CREATE TABLE access_key (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            user_id TEXT REFERENCES iam_user(id) ON DELETE CASCADE,
            sealed_secret BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
            created_at INTEGER NOT NULL,
            last_used_at INTEGER,
            last_used_service TEXT,
            last_used_region TEXT
        );
        CREATE INDEX access_key_user ON access_key(account_id, user_id);
        CREATE TABLE session_credential (
            access_key_id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            user_id TEXT REFERENCES iam_user(id) ON DELETE CASCADE,
            sealed_secret BLOB NOT NULL,
            token_hash BLOB NOT NULL,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            mfa_authenticated_at INTEGER
        );
        CREATE INDEX session_credential_expiry ON session_credential(expires_at);
        """),
        ("v2-credentials", """
        CREATE TABLE login_profile (
            user_id TEXT PRIMARY KEY NOT NULL REFERENCES iam_user(id) ON DELETE CASCADE,
            password_hash TEXT NOT NULL,
            password_reset_required INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            password_changed_at INTEGER NOT NULL
        );
        CREATE TABLE password_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL REFERENCES iam_user(id) ON DELETE CASCADE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX password_history_user ON password_history(user_id);
        CREATE TABLE account_password_policy (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            minimum_length INTEGER NOT NULL,
            require_symbols INTEGER NOT NULL,
            require_numbers INTEGER NOT NULL,
            require_uppercase INTEGER NOT NULL,
            require_lowercase INTEGER NOT NULL,
            allow_users_to_change INTEGER NOT NULL,
            max_age_days INTEGER,
            reuse_prevention INTEGER,
            hard_expiry INTEGER NOT NULL
        );
        CREATE TABLE mfa_device (
            serial_number TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            sealed_seed BLOB NOT NULL,
            user_id TEXT REFERENCES iam_user(id) ON DELETE SET NULL,
            enabled_at INTEGER,
            last_used_step INTEGER,
            drift_steps INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX mfa_device_user ON mfa_device(user_id);
        CREATE TABLE signing_certificate (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            user_id TEXT REFERENCES iam_user(id) ON DELETE CASCADE,
            body TEXT NOT NULL,
            fingerprint BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
            uploaded_at INTEGER NOT NULL,
            UNIQUE (account_id, fingerprint)
        );
        CREATE TABLE ssh_public_key (
            id TEXT PRIMARY KEY NOT NULL,
            user_id TEXT NOT NULL REFERENCES iam_user(id) ON DELETE CASCADE,
            ssh_body TEXT NOT NULL,
            pem_body TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
            uploaded_at INTEGER NOT NULL,
            UNIQUE (user_id, fingerprint)
        );
        CREATE TABLE service_specific_credential (
            id TEXT PRIMARY KEY NOT NULL,
            user_id TEXT NOT NULL REFERENCES iam_user(id) ON DELETE CASCADE,
            service_name TEXT NOT NULL,
            service_user_name TEXT NOT NULL,
            sealed_password BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
            created_at INTEGER NOT NULL
        );
        """),
        ("v3-ec2", """
        CREATE TABLE ec2_resource (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            region TEXT NOT NULL,
            kind TEXT NOT NULL,
            name_key TEXT,
            data TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (account_id, region, kind, name_key)
        );
        CREATE INDEX ec2_resource_kind ON ec2_resource(account_id, region, kind);
        """),
        ("v4-console", """
        CREATE TABLE console_session (
            token_hash TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            user_id TEXT REFERENCES iam_user(id) ON DELETE CASCADE,
            stage TEXT NOT NULL CHECK (stage IN ('mfa', 'password', 'active')),
            csrf_token TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            mfa_authenticated_at INTEGER,
            region TEXT NOT NULL
        );
        CREATE INDEX console_session_user ON console_session(user_id);
        CREATE TABLE root_login_profile (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER
        );
        """),
    ]
}
