extension SQLiteMigrations {
    /// OpenID Connect and SAML identity providers. Migration id reserved: `v6-providers`.
    static let providers: [(id: String, sql: String)] = []
}
