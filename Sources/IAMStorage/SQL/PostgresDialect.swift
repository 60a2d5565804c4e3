import Foundation

/// The few places PostgreSQL's SQL differs from the SQLite text the repositories are written in.
enum PostgresDialect {
    /// `?` placeholders become `$1`, `$2`, ... (a `?` inside a quoted literal or identifier stays).
    static func placeholders(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var index = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                out.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                out.append(character)
            } else if character == "?" {
                index += 1
                out += "$\(index)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A migration's DDL in PostgreSQL's types: 64-bit integers, byte arrays, byte-order text (SQLite's
    /// BINARY collation, so names sort the same on both), serial keys for SQLite's AUTOINCREMENT.
    static func schema(_ sql: String) -> String {
        var text = sql.replacingOccurrences(of: "INTEGER PRIMARY KEY AUTOINCREMENT", with: "BIGSERIAL PRIMARY KEY")
        text = replaceWord("INTEGER", with: "BIGINT", in: text)
        text = replaceWord("BLOB", with: "BYTEA", in: text)
        text = replaceWord("TEXT", with: "TEXT COLLATE \"C\"", in: text)
        return text
    }

    /// PostgreSQL-only additions run right after a migration: SQLite's implicit `rowid` made explicit
    /// for the tables whose queries order by insertion.
    static let additions: [String: String] = [
        "v1-core": "ALTER TABLE policy_attachment ADD COLUMN rowid BIGSERIAL",
        "v3-ec2": "ALTER TABLE ec2_resource ADD COLUMN rowid BIGSERIAL",
        "v6-providers": "ALTER TABLE saml_private_key ADD COLUMN rowid BIGSERIAL",
    ]

    /// The statements of a migration (they hold no `;` inside literals).
    static func statements(_ sql: String) -> [String] {
        sql.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Replaces an upper-case keyword where it stands as a whole word.
    private static func replaceWord(_ word: String, with replacement: String, in text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: word) {
            let before = rest[rest.startIndex..<range.lowerBound].last ?? out.last
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            out += rest[rest.startIndex..<range.lowerBound]
            if isIdentifier(before) || isIdentifier(after) {
                out += word
            } else {
                out += replacement
            }
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    private static func isIdentifier(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_"
    }
}
