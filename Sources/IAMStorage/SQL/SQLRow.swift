/// A result row: column names (lower case, as both engines report them) and their values.
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public func value(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    public subscript<T: SQLColumnValue>(_ column: String) -> T {
        T(sqlValue: value(column)) ?? T.sqlDefault
    }

    public subscript<T: SQLColumnValue>(_ column: String) -> T? {
        T(sqlValue: value(column))
    }

    public static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.fetchRows(sql: sql, arguments: arguments)
    }

    public static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try db.fetchRows(sql: sql, arguments: arguments).first
    }
}
