/// Everything that applies to one principal's requests: identity policies (user inline and
/// managed, group policies), an optional permissions boundary, and optionally a resource policy
/// and session policies. Build it once per principal and reuse it: it holds the service index.
public struct PolicySet: Sendable {
    public let identity: [CompiledPolicy]
    public let boundary: CompiledPolicy?
    public let resource: CompiledPolicy?
    /// `nil`: not a session with session policies. An empty array is a session whose policies
    /// allow nothing.
    public let session: [CompiledPolicy]?
    let identityIndex: StatementIndex

    public init(identity: [CompiledPolicy], boundary: CompiledPolicy? = nil, resource: CompiledPolicy? = nil,
                session: [CompiledPolicy]? = nil) {
        self.identity = identity
        self.boundary = boundary
        self.resource = resource
        self.session = session
        identityIndex = StatementIndex(identity)
    }

    /// The same identity policies and boundary with another resource policy (the index is kept).
    public func with(resource: CompiledPolicy?) -> PolicySet {
        PolicySet(reusing: self, resource: resource)
    }

    /// The same identity policies, boundary and resource policy with session policies (the index is kept).
    public func with(session: [CompiledPolicy]?) -> PolicySet {
        PolicySet(reusing: self, resource: resource, session: session)
    }

    private init(reusing other: PolicySet, resource: CompiledPolicy?, session: [CompiledPolicy]?? = nil) {
        identity = other.identity
        boundary = other.boundary
        self.session = session ?? other.session
        identityIndex = other.identityIndex
        self.resource = resource
    }

    func reference(_ slot: StatementIndex.Slot) -> StatementReference {
        let policy = identity[Int(slot.policy)]
        let statement = policy.statements[Int(slot.statement)]
        return StatementReference(policyName: policy.name, policyType: .identity,
                                  statementIndex: statement.index, sid: statement.sid)
    }
}
