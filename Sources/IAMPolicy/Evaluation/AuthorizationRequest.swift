/// A request to authorize: principal, action, resource and condition keys. The action is split
/// and lowercased once here, so evaluation does no string work on it.
public struct AuthorizationRequest: Sendable {
    public var principal: Principal
    /// The action as given, e.g. `ec2:DescribeInstances`.
    public let action: String
    /// The resource ARN, or `*` for actions without a resource.
    public let resource: String
    public var context: RequestContext

    /// Lowercased service prefix (`ec2`), the key of the statement index.
    let service: String
    /// Lowercased action name after the colon (`describeinstances`).
    let name: String
    let nameBytes: [UInt8]
    /// The whole action lowercased.
    let actionBytes: [UInt8]
    let resourceBytes: [UInt8]

    public init(principal: Principal, action: String, resource: String, context: RequestContext = .empty) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.context = context
        let lower = ASCII.lowercased(action)
        actionBytes = lower
        if let colon = lower.firstIndex(of: UInt8(ascii: ":")) {
            service = String(decoding: lower[..<colon], as: UTF8.self)
            nameBytes = Array(lower[(colon + 1)...])
        } else {
            // Not `service:name`: no per-service entry may match it (only `*` and full globs).
            service = ""
            nameBytes = []
        }
        name = String(decoding: nameBytes, as: UTF8.self)
        resourceBytes = Array(resource.utf8)
    }
}
