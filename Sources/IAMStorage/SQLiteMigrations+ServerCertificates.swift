extension SQLiteMigrations {
    /// Server certificates. Migration id reserved: `v7-server-certificates`.
    static let serverCertificates: [(id: String, sql: String)] = []
}
