public import Foundation

/// One value crossing the storage boundary, the same on SQLite and PostgreSQL. Booleans are stored
/// as integers 0/1 (SQLite has no boolean type); PostgreSQL's own booleans read back as `.integer`.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value that can be bound to a `?` placeholder.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable {
    public var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLBindable {
    public var sqlValue: SQLValue { .integer(self) }
}

extension Bool: SQLBindable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Double: SQLBindable {
    public var sqlValue: SQLValue { .real(self) }
}

extension Data: SQLBindable {
    public var sqlValue: SQLValue { .blob(self) }
}

extension SQLValue: SQLBindable {
    public var sqlValue: SQLValue { self }
}

/// The values for a statement's `?` placeholders, written as an array literal like GRDB's.
public struct SQLArguments: Sendable, ExpressibleByArrayLiteral {
    public var values: [SQLValue]

    public init(arrayLiteral elements: (any SQLBindable)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    public init(_ elements: [some SQLBindable]) {
        values = elements.map(\.sqlValue)
    }

    public init(values: [SQLValue]) {
        self.values = values
    }
}

extension SQLArguments {
    /// Refuses text holding U+0000 on every engine alike: SQLite would store (or look up) the text cut
    /// short at the NUL, PostgreSQL rejects it (SQLSTATE 22021).
    func checkStorable() throws {
        for value in values {
            if case .text(let text) = value, text.utf8.contains(0) {
                throw StorageError.invalidValue("text values cannot hold the character U+0000")
            }
        }
    }
}
