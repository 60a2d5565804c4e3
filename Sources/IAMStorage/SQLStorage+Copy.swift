/// `warden migrate`: every row of one store copied into another (an SQLite store into a new PostgreSQL one).
extension SQLStorage {
    public struct CopiedTable: Sendable {
        public var table: String
        public var rows: Int
    }

    /// Copies every table, in creation order (parents before children), into `target`, which must be empty and
    /// at the same schema version. The target is written in one transaction: it gets everything or nothing.
    public func copyEverything(into target: SQLStorage) async throws -> [CopiedTable] {
        guard dialect == .sqlite else { throw StorageError.unavailable("only an SQLite store can be copied") }
        guard try await target.accounts().isEmpty else {
            throw StorageError.unavailable("the target store is not empty: migrate into a new database (or schema)")
        }
        let tables = try await read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                ORDER BY rowid
                """)
        }
        var contents: [(table: String, rows: [SQLRow])] = []
        for table in tables {
            // Insertion order is kept: PostgreSQL's explicit `rowid` columns then number the rows the same way.
            contents.append((table, try await read { db in try SQLRow.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") }))
        }
        let copy = contents
        let serials = target.dialect == .postgres
        return try await target.write(conflictKey: "copy") { db in
            var copied: [CopiedTable] = []
            for (table, rows) in copy {
                // Rows a migration seeded (the change generation) give way to the source's.
                try db.execute(sql: "DELETE FROM \(table)")
                for row in rows {
                    let marks = Array(repeating: "?", count: row.columns.count).joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO \(table) (\(row.columns.joined(separator: ", "))) VALUES (\(marks))",
                                   arguments: SQLArguments(values: row.values))
                }
                copied.append(CopiedTable(table: table, rows: rows.count))
            }
            if serials {
                // Serial keys copied explicitly (password_history.id): move their sequences past the copied values.
                for row in try SQLRow.fetchAll(db, sql: """
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND column_default LIKE 'nextval%'
                    """) {
                    let table: String = row["table_name"]
                    let column: String = row["column_name"]
                    try db.execute(sql: """
                        SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE((SELECT MAX(\(column)) FROM \(table)), 0) + 1, false)
                        """)
                }
            }
            return copied
        }
    }
}
