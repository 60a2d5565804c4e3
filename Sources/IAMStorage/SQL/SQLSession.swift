/// One connection inside one transaction (a store body): the few calls the repositories make.
/// SQL is written once in the subset SQLite and PostgreSQL share, with `?` placeholders.
public protocol SQLSession {
    func execute(sql: String, arguments: SQLArguments) throws
    func fetchRows(sql: String, arguments: SQLArguments) throws -> [SQLRow]
    /// Rows changed by the last `execute`.
    var changesCount: Int { get }
}

extension SQLSession {
    public func execute(sql: String) throws {
        try execute(sql: sql, arguments: [])
    }
}
