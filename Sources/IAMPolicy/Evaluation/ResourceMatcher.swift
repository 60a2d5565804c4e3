/// One `Resource`/`NotResource` entry: a case-sensitive glob over the whole ARN (iam-facts §2.3),
/// with policy variables substituted per request under Version 2012-10-17.
struct ResourceMatcher: Sendable {
    private let value: PolicyStringValue
    private let glob: GlobPattern?

    init(_ text: String, variables: Bool) {
        value = PolicyStringValue(text, variables: variables, wildcards: true, lowercased: false)
        glob = value.fixed.map { GlobPattern(tokens: $0) }
    }

    var matchesEverything: Bool { glob?.matchesEverything ?? false }

    func matches(_ request: AuthorizationRequest) -> Bool {
        if let glob { return glob.matches(request.resourceBytes) }
        // An unresolved variable makes the entry match nothing.
        guard let tokens = value.tokens(in: request.context, wildcards: true, lowercased: false) else { return false }
        return tokens.withUnsafeBufferPointer { p in
            request.resourceBytes.withUnsafeBufferPointer { GlobPattern.match(p, $0) }
        }
    }
}
