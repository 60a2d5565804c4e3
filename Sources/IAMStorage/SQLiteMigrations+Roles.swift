extension SQLiteMigrations {
    /// Roles, their policies, instance profiles and service-linked role deletion tasks. Migration id reserved: `v5-roles`.
    /// A role's inline and attached policies live in `inline_policy`/`policy_attachment` (kind `role`),
    /// its tags in `tag` (kind `role`); instance profile tags use kind `instance-profile`.
    static let roles: [(id: String, sql: String)] = [
        ("v5-roles", """
        CREATE TABLE iam_role (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            path TEXT NOT NULL,
            trust_policy TEXT NOT NULL,
            description TEXT,
            max_session_duration INTEGER NOT NULL,
            permissions_boundary_arn TEXT,
            linked_service TEXT,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER,
            last_used_region TEXT,
            UNIQUE (account_id, name_key)
        );
        CREATE INDEX iam_role_boundary ON iam_role(permissions_boundary_arn);
        CREATE TABLE instance_profile (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            path TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (account_id, name_key)
        );
        CREATE TABLE instance_profile_role (
            profile_id TEXT NOT NULL REFERENCES instance_profile(id) ON DELETE CASCADE,
            role_id TEXT NOT NULL REFERENCES iam_role(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (profile_id, role_id)
        );
        CREATE INDEX instance_profile_role_role ON instance_profile_role(role_id);
        CREATE TABLE role_deletion_task (
            id TEXT PRIMARY KEY NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('SUCCEEDED', 'IN_PROGRESS', 'FAILED', 'NOT_STARTED')),
            created_at INTEGER NOT NULL
        );
        """),
    ]
}
