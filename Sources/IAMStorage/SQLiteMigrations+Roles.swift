extension SQLiteMigrations {
    /// Roles, their policies, instance profiles and service-linked role deletion tasks. Migration id reserved: `v5-roles`.
    static let roles: [(id: String, sql: String)] = []
}
