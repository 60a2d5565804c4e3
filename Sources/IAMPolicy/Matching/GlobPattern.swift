/// A compiled pattern over UTF-8 bytes. Tokens 0...255 are literal bytes, `star` matches any run
/// (including `/` and `:`), `question` matches exactly one character.
struct GlobPattern: Sendable, Hashable {
    static let star: UInt16 = 0x100
    static let question: UInt16 = 0x101

    let tokens: [UInt16]
    /// The pattern is a single `*`.
    let matchesEverything: Bool
    /// The pattern has no wildcard tokens.
    let isLiteral: Bool

    init(tokens: [UInt16]) {
        self.tokens = tokens
        self.matchesEverything = tokens == [Self.star]
        self.isLiteral = !tokens.contains(where: { $0 > 0xFF })
    }

    /// Compiles text; `*` and `?` are wildcards when `wildcards` is true, else literal.
    init(_ text: String, wildcards: Bool = true, lowercased: Bool = false) {
        self.init(tokens: Self.tokens(of: text, wildcards: wildcards, lowercased: lowercased))
    }

    static func tokens(of text: String, wildcards: Bool, lowercased: Bool) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if wildcards && byte == UInt8(ascii: "*") {
                out.append(star)
            } else if wildcards && byte == UInt8(ascii: "?") {
                out.append(question)
            } else {
                out.append(UInt16(lowercased ? ASCII.lower(byte) : byte))
            }
        }
        return out
    }

    func matches(_ subject: [UInt8]) -> Bool {
        if matchesEverything { return true }
        return tokens.withUnsafeBufferPointer { p in
            subject.withUnsafeBufferPointer { s in Self.match(p, s) }
        }
    }

    func matches(_ subject: Substring.UTF8View) -> Bool {
        if matchesEverything { return true }
        return matches(Array(subject))
    }

    /// Iterative wildcard matching with a single backtrack point: linear for literal runs,
    /// O(n·m) worst case, no recursion and no allocation.
    static func match(_ pattern: UnsafeBufferPointer<UInt16>, _ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        let m = pattern.count
        let n = subject.count
        var p = 0
        var s = 0
        var starP = -1
        var starS = 0
        while s < n {
            if p < m {
                let token = pattern[p]
                if token == question {
                    p += 1
                    s += 1
                    while s < n && subject[s] & 0xC0 == 0x80 { s += 1 }
                    continue
                }
                if token == star {
                    starP = p
                    starS = s
                    p += 1
                    continue
                }
                if token == UInt16(subject[s]) {
                    p += 1
                    s += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starS += 1
            s = starS
        }
        while p < m && pattern[p] == star { p += 1 }
        return p == m
    }

    /// Literal comparison of tokens without wildcards against bytes.
    static func equals(_ tokens: [UInt16], _ subject: [UInt8]) -> Bool {
        guard tokens.count == subject.count else { return false }
        for i in 0..<tokens.count where tokens[i] != UInt16(subject[i]) { return false }
        return true
    }
}
