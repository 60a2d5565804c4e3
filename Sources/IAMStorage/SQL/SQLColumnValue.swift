public import Foundation

/// A Swift value a result column can be read as (`row["name"]`, `String.fetchOne(db, ...)`).
public protocol SQLColumnValue {
    /// The value, or nil when the column holds NULL or something of another kind.
    init?(sqlValue: SQLValue)
    /// What a non-optional read of NULL gives (GRDB would trap; a store never should).
    static var sqlDefault: Self { get }
}

extension String: SQLColumnValue {
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .text(let text): self = text
        case .integer(let value): self = String(value)
        case .real(let value): self = String(value)
        case .blob(let data): self = String(decoding: data, as: UTF8.self)
        case .null: return nil
        }
    }
    public static var sqlDefault: String { "" }
}

extension Int64: SQLColumnValue {
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let value): self = value
        case .real(let value): self = Int64(value)
        case .text(let text):
            guard let value = Int64(text) else { return nil }
            self = value
        case .blob, .null: return nil
        }
    }
    public static var sqlDefault: Int64 { 0 }
}

extension Int: SQLColumnValue {
    public init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue) else { return nil }
        self = Int(value)
    }
    public static var sqlDefault: Int { 0 }
}

extension Bool: SQLColumnValue {
    public init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue) else { return nil }
        self = value != 0
    }
    public static var sqlDefault: Bool { false }
}

extension Double: SQLColumnValue {
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        case .text(let text):
            guard let value = Double(text) else { return nil }
            self = value
        case .blob, .null: return nil
        }
    }
    public static var sqlDefault: Double { 0 }
}

extension Data: SQLColumnValue {
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let data): self = data
        case .text(let text): self = Data(text.utf8)
        case .integer, .real, .null: return nil
        }
    }
    public static var sqlDefault: Data { Data() }
}

extension SQLColumnValue {
    /// The first column of the first row, or nil (no row, or NULL).
    public static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try db.fetchRows(sql: sql, arguments: arguments).first?.values.first.flatMap { Self(sqlValue: $0) }
    }

    /// The first column of every row (NULLs skipped).
    public static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.fetchRows(sql: sql, arguments: arguments).compactMap { $0.values.first.flatMap { Self(sqlValue: $0) } }
    }
}
