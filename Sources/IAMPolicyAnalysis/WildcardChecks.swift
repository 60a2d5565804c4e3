import IAMPolicy

/// `wildcardWithoutLike` (WARNING, Access Analyzer's WILDCARD_WITHOUT_LIKE_OPERATOR): a
/// `StringEquals`-family condition value with `*` or `?`, which those operators compare literally.
enum WildcardChecks {
    static func check(_ statement: Statement, _ out: inout [PolicyDiagnostic]) {
        for condition in statement.conditions {
            let op = condition.conditionOperator
            guard op.base == .stringEquals || op.base == .stringEqualsIgnoreCase else { continue }
            for value in condition.values where hasWildcard(value.value.text) {
                let like = op.isNegated ? "StringNotLike" : "StringLike"
                out.append(.finding(.warning, "wildcardWithoutLike",
                                    "`\(op.name)` compares `\(value.value.text)` literally, so `*` and `?` are not wildcards here; use `\(like)` to match a pattern",
                                    at: value.location, pointer: value.pointer))
            }
        }
    }

    /// `*` or `?` outside `${...}` (where `${*}` and `${?}` are the literal characters on purpose).
    static func hasWildcard(_ text: String) -> Bool {
        var depth = 0
        var previous: Character = " "
        for c in text {
            if c == "{" && previous == "$" { depth += 1 }
            else if c == "}" && depth > 0 { depth -= 1 }
            else if depth == 0 && (c == "*" || c == "?") { return true }
            previous = c
        }
        return false
    }
}
