/// ARN comparison for `ArnEquals`/`ArnLike`: both sides split on the first five colons into six
/// parts, each part globbed on its own, so a `*` never swallows a `:`.
enum ARNPattern {
    /// The six parts of an ARN (the last keeps any further colons), or `nil` if it has fewer.
    static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var parts: [ArraySlice<UInt8>] = []
        parts.reserveCapacity(6)
        var start = 0
        for i in 0..<bytes.count where bytes[i] == UInt8(ascii: ":") && parts.count < 5 {
            parts.append(bytes[start..<i])
            start = i + 1
        }
        guard parts.count == 5 else { return nil }
        parts.append(bytes[start...])
        return parts
    }

    /// Splits pattern tokens the same way (colons in tokens are literal bytes).
    static func split(tokens: [UInt16]) -> [ArraySlice<UInt16>]? {
        var parts: [ArraySlice<UInt16>] = []
        var start = 0
        for i in 0..<tokens.count where tokens[i] == UInt16(UInt8(ascii: ":")) && parts.count < 5 {
            parts.append(tokens[start..<i])
            start = i + 1
        }
        guard parts.count == 5 else { return nil }
        parts.append(tokens[start...])
        return parts
    }

    /// Whether the ARN `subject` matches `pattern` part by part.
    static func matches(pattern: [UInt16], subject: [UInt8]) -> Bool {
        if pattern == [GlobPattern.star] { return true }
        guard let patternParts = split(tokens: pattern), let subjectParts = split(subject) else { return false }
        for k in 0..<6 {
            let ok = patternParts[k].withUnsafeBufferPointer { p in
                subjectParts[k].withUnsafeBufferPointer { s in GlobPattern.match(p, s) }
            }
            if !ok { return false }
        }
        return true
    }
}
