extension SQLiteMigrations {
    /// STS sessions beyond GetSessionToken: assumed roles and federated users, with their
    /// session policies, tags and source identity (JSON in `context`).
    static let sessions: [(id: String, sql: String)] = [
        ("v9-sts-sessions", """
        ALTER TABLE session_credential ADD COLUMN kind TEXT NOT NULL DEFAULT 'session-token';
        ALTER TABLE session_credential ADD COLUMN role_id TEXT;
        ALTER TABLE session_credential ADD COLUMN session_name TEXT;
        ALTER TABLE session_credential ADD COLUMN context TEXT;
        """),
    ]
}
