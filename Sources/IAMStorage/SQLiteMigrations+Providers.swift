extension SQLiteMigrations {
    /// OpenID Connect and SAML identity providers. Migration id reserved: `v6-providers`.
    static let providers: [(id: String, sql: String)] = [
        (id: "v6-providers", sql: """
            CREATE TABLE oidc_provider (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                url TEXT NOT NULL,
                scheme TEXT NOT NULL CHECK (scheme IN ('https', 'http')),
                created_at INTEGER NOT NULL,
                UNIQUE (account_id, url)
            );
            CREATE TABLE oidc_client_id (
                provider_id TEXT NOT NULL REFERENCES oidc_provider(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                client_id TEXT NOT NULL,
                PRIMARY KEY (provider_id, client_id)
            );
            CREATE TABLE oidc_thumbprint (
                provider_id TEXT NOT NULL REFERENCES oidc_provider(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                thumbprint TEXT NOT NULL,
                PRIMARY KEY (provider_id, position)
            );
            CREATE TABLE saml_provider (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                metadata_document TEXT NOT NULL,
                valid_until INTEGER NOT NULL,
                encryption_mode TEXT NOT NULL CHECK (encryption_mode IN ('Required', 'Allowed')),
                created_at INTEGER NOT NULL,
                UNIQUE (account_id, name_key)
            );
            CREATE TABLE saml_private_key (
                id TEXT PRIMARY KEY NOT NULL,
                provider_id TEXT NOT NULL REFERENCES saml_provider(id) ON DELETE CASCADE,
                sealed_key BLOB NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX saml_private_key_provider ON saml_private_key(provider_id);
            """),
    ]
}
