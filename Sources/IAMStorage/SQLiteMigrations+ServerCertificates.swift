extension SQLiteMigrations {
    /// Server certificates (`v7-server-certificates`), then the standalone account's settings and Organizations access
    /// report jobs (`v7-standalone-account`). Tags live in the shared `tag` table (kind `server-certificate`).
    static let serverCertificates: [(id: String, sql: String)] = [
        ("v7-server-certificates", """
        CREATE TABLE server_certificate (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            path TEXT NOT NULL,
            body TEXT NOT NULL,
            chain TEXT,
            sealed_private_key BLOB NOT NULL,
            expires_at INTEGER NOT NULL,
            uploaded_at INTEGER NOT NULL,
            UNIQUE (account_id, name_key)
        );
        """),
        ("v7-standalone-account", """
        CREATE TABLE account_setting (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            outbound_issuer TEXT,
            outbound_enabled INTEGER NOT NULL DEFAULT 0,
            global_endpoint_token_version TEXT NOT NULL DEFAULT 'v1Token'
        );
        CREATE TABLE organizations_access_report (
            job_id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            entity_path TEXT NOT NULL,
            policy_id TEXT,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            completed_at INTEGER,
            error_code TEXT,
            error_message TEXT
        );
        CREATE INDEX organizations_access_report_account ON organizations_access_report(account_id);
        """),
    ]
}
