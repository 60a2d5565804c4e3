/// Name, path and value rules from the IAM model (botocore `iam/2010-05-08` shape constraints).
/// Each check returns AWS's `ValidationError` message, or nil when the value is fine.
public enum IAMNames {
    public static let namePattern = "[\\w+=,.@-]+"
    public static let pathPattern = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"

    /// `1 validation error detected: Value 'x' at 'userName' failed to satisfy constraint: ...`
    public static func violation(_ value: String, at field: String, _ constraint: String) -> String {
        "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(constraint)"
    }

    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": true
        default: false
        }
    }

    /// Characters of an MFA serial number: `[\w+=/:,.@-]`.
    public static func isSerialCharacter(_ c: Unicode.Scalar) -> Bool {
        isNameCharacter(c) || c == "/" || c == ":"
    }

    /// User, group, policy, role names: `[\w+=,.@-]+` within a length range.
    public static func checkName(_ value: String, field: String, maxLength: Int) -> String? {
        if value.isEmpty { return violation(value, at: field, "Member must have length greater than or equal to 1") }
        if value.count > maxLength {
            return violation(value, at: field, "Member must have length less than or equal to \(maxLength)")
        }
        if !value.unicodeScalars.allSatisfy(isNameCharacter) {
            return violation(value, at: field, "Member must satisfy regular expression pattern: \(namePattern)")
        }
        return nil
    }

    /// Paths: `/` or `/a/b/` using U+0021–U+007E, 1–512 characters.
    public static func checkPath(_ value: String, field: String = "path") -> String? {
        if value.count > 512 { return violation(value, at: field, "Member must have length less than or equal to 512") }
        let ok = value == "/" || (value.count >= 3 && value.hasPrefix("/") && value.hasSuffix("/")
            && value.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E })
        return ok ? nil : violation(value, at: field, "Member must satisfy regular expression pattern: \(pathPattern)")
    }

    /// Path prefixes for List* filters: `/` then printable ASCII, 1–512.
    public static func checkPathPrefix(_ value: String, field: String = "pathPrefix") -> String? {
        let ok = !value.isEmpty && value.count <= 512 && value.hasPrefix("/")
            && value.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E }
        return ok ? nil : violation(value, at: field, "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*")
    }

    /// Tag keys 1–128 and values 0–256 from `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`.
    public static func checkTag(_ tag: IAMTag) -> String? {
        if tag.key.isEmpty || tag.key.count > 128 {
            return violation(tag.key, at: "tags.member.key", "Member must have length between 1 and 128")
        }
        if tag.value.count > 256 {
            return violation(tag.value, at: "tags.member.value", "Member must have length less than or equal to 256")
        }
        for text in [tag.key, tag.value] where !text.unicodeScalars.allSatisfy(isTagCharacter) {
            return violation(text, at: "tags.member.key", "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+")
        }
        if tag.key.lowercased().hasPrefix("aws:") {
            return "The tag key cannot start with the reserved prefix aws:"
        }
        return nil
    }

    static func isTagCharacter(_ c: Unicode.Scalar) -> Bool {
        let p = c.properties
        if p.isAlphabetic || p.numericType != nil || p.generalCategory == .spaceSeparator { return true }
        return "_.:/=+-@".unicodeScalars.contains(c)
    }

    /// Account aliases: 3–63, lowercase letters, digits and single hyphens, not all digits.
    public static func checkAccountAlias(_ value: String) -> String? {
        let scalars = Array(value.unicodeScalars)
        let allowed = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        let ok = (3...63).contains(scalars.count) && allowed && scalars.first != "-" && scalars.last != "-"
            && !value.contains("--") && !scalars.allSatisfy({ ("0"..."9").contains($0) })
        return ok ? nil : violation(value, at: "accountAlias", "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$")
    }
}
