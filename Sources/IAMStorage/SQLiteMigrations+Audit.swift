extension SQLiteMigrations {
    /// The audit trail (issue 9, part 4). `event_time` is in milliseconds since 1970; `seq` orders
    /// events of the same millisecond (no rowid, so the order is the same on PostgreSQL). No foreign
    /// key: events outlive the users and accounts they name, and failed sign-ins may name none.
    static let audit: [(id: String, sql: String)] = [
        ("v10-audit", """
        CREATE TABLE audit_event (
            event_id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL,
            event_time INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            event_source TEXT NOT NULL,
            event_name TEXT NOT NULL,
            user_name TEXT,
            principal_arn TEXT,
            access_key_id TEXT,
            decision TEXT,
            error_code TEXT,
            read_only INTEGER NOT NULL,
            resource_type TEXT,
            resource_name TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX audit_event_time ON audit_event(event_time, seq);
        CREATE INDEX audit_event_user ON audit_event(user_name, event_time);
        CREATE INDEX audit_event_name ON audit_event(event_name, event_time);
        CREATE INDEX audit_event_account ON audit_event(account_id, event_time);
        """),
    ]
}
