/// A Resource entry or condition value that may contain policy variables (`${aws:username}`,
/// `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}`), pre-split at compile time so
/// evaluation only looks up keys and concatenates.
struct PatternTemplate: Sendable {
    enum Piece: Sendable {
        /// Policy text: `*` and `?` in it are wildcards for Like-style matching.
        case text(String)
        /// A character from `${*}`, `${?}` or `${$}`: always literal.
        case literal(UInt8)
        /// A variable: the condition key (lowercased) and the default after `, '...'`.
        case variable(key: String, fallback: String?)
    }

    let pieces: [Piece]
    let hasVariables: Bool

    /// Splits `text`; when `variables` is false (Version 2008-10-17 or none) `${...}` is literal.
    init(_ text: String, variables: Bool) {
        guard variables, text.contains("${") else {
            pieces = [.text(text)]
            hasVariables = false
            return
        }
        var pieces: [Piece] = []
        var rest = Substring(text)
        var sawVariable = false
        while let open = rest.firstRange(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            let inner = rest[open.upperBound..<close]
            switch inner {
            case "*": pieces.append(.literal(UInt8(ascii: "*")))
            case "?": pieces.append(.literal(UInt8(ascii: "?")))
            case "$": pieces.append(.literal(UInt8(ascii: "$")))
            default:
                pieces.append(Self.variable(inner))
                sawVariable = true
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
        self.hasVariables = sawVariable
    }

    private static func variable(_ inner: Substring) -> Piece {
        guard let comma = inner.firstIndex(of: ",") else {
            return .variable(key: Self.trim(inner).lowercased(), fallback: nil)
        }
        let key = Self.trim(inner[..<comma]).lowercased()
        let fallback = Self.trim(inner[inner.index(after: comma)...])
        guard fallback.count >= 2, fallback.first == "'", fallback.last == "'" else {
            // Not the documented `${key, 'default'}` form: a key that never resolves.
            return .variable(key: String(inner), fallback: nil)
        }
        return .variable(key: key, fallback: String(fallback.dropFirst().dropLast()))
    }

    private static func trim(_ s: Substring) -> Substring {
        var s = s
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }

    /// The variable keys this template reads.
    var variableKeys: [String] {
        pieces.compactMap { if case .variable(let key, _) = $0 { return key } else { return nil } }
    }

    /// Tokens for `GlobPattern` after substitution; `nil` when a variable has no value and no
    /// default (the entry then matches nothing). Substituted values are literal text.
    func tokens(in context: RequestContext, wildcards: Bool, lowercased: Bool) -> [UInt16]? {
        var out: [UInt16] = []
        for piece in pieces {
            switch piece {
            case .text(let text):
                out.append(contentsOf: GlobPattern.tokens(of: text, wildcards: wildcards, lowercased: lowercased))
            case .literal(let byte):
                out.append(UInt16(byte))
            case .variable(let key, let fallback):
                guard let value = context.variableValue(forLowercasedKey: key) ?? fallback else { return nil }
                // Same folding as fixed values and request values (`String.lowercased()`).
                out.append(contentsOf: GlobPattern.tokens(of: lowercased ? value.lowercased() : value, wildcards: false,
                                                          lowercased: false))
            }
        }
        return out
    }

    /// The text after substitution with `${*}` etc. as their characters; `nil` if unresolved.
    func text(in context: RequestContext) -> String? {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .literal(let byte): out.unicodeScalars.append(Unicode.Scalar(byte))
            case .variable(let key, let fallback):
                guard let value = context.variableValue(forLowercasedKey: key) ?? fallback else { return nil }
                out += value
            }
        }
        return out
    }

    /// The template without variables, as text (only meaningful when `hasVariables` is false).
    var staticText: String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .literal(let byte): out.unicodeScalars.append(Unicode.Scalar(byte))
            case .variable: break
            }
        }
        return out
    }
}
