extension SQLiteMigrations {
    /// Recorded activity (service last accessed) and generated reports. Migration id reserved: `v8-activity`.
    static let activity: [(id: String, sql: String)] = [
        ("v8-activity", """
        CREATE TABLE activity (
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            principal_id TEXT NOT NULL,
            principal_arn TEXT NOT NULL,
            service TEXT NOT NULL,
            action TEXT NOT NULL,
            region TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (principal_id, service, action)
        );
        CREATE INDEX activity_account ON activity(account_id);
        CREATE TABLE credential_report (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            generated_at INTEGER NOT NULL,
            content TEXT NOT NULL
        );
        CREATE TABLE access_report_job (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            requester_arn TEXT NOT NULL,
            entity_arn TEXT NOT NULL,
            granularity TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX access_report_job_created ON access_report_job(created_at);
        """),
    ]
}
