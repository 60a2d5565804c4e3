extension SQLiteMigrations {
    /// Recorded activity (service last accessed) and generated reports. Migration id reserved: `v8-activity`.
    static let activity: [(id: String, sql: String)] = []
}
