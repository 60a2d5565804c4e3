/// The String family: `StringEquals`, `StringEqualsIgnoreCase`, `StringLike` (and their
/// negations, which `CompiledCondition` applies).
enum StringCondition {
    static func matches(
        _ value: ContextValue, _ policyValues: [PolicyStringValue], mode: ConditionValues.StringMode,
        _ context: RequestContext
    ) -> Bool {
        let text = mode == .ignoreCase ? value.text.lowercased() : value.text
        let bytes = Array(text.utf8)
        switch mode {
        case .equals, .ignoreCase:
            return policyValues.contains { policy in
                policy.tokens(in: context, wildcards: false, lowercased: mode == .ignoreCase)
                    .map { GlobPattern.equals($0, bytes) } ?? false
            }
        case .like:
            return policyValues.contains { policy in
                guard let tokens = policy.tokens(in: context, wildcards: true, lowercased: false) else { return false }
                return tokens.withUnsafeBufferPointer { p in bytes.withUnsafeBufferPointer { GlobPattern.match(p, $0) } }
            }
        }
    }
}
