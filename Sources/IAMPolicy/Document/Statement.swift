/// One statement of a policy document.
public struct Statement: Sendable {
    /// 0-based position in the `Statement` array (0 when `Statement` is a single object).
    public var index: Int
    public var location: SourceLocation
    public var pointer: String
    public var sid: Located<String>?
    public var effect: Effect
    /// `Principal` or `NotPrincipal` (see `principalIsNegated`); `nil` when neither is present.
    public var principal: PrincipalElement?
    public var principalIsNegated: Bool
    /// `Action` or `NotAction` (see `actionIsNegated`).
    public var actions: [Located<String>]
    public var actionIsNegated: Bool
    /// `Resource` or `NotResource` (see `resourceIsNegated`); `nil` when neither is present,
    /// as in trust policies, which then apply to any resource.
    public var resources: [Located<String>]?
    public var resourceIsNegated: Bool
    public var conditions: [Condition]

    /// `Sid` when present, else the index: how explanations name this statement.
    public var label: String { sid?.value ?? String(index) }
}
