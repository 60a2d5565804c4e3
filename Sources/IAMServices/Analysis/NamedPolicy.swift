import IAMPolicy

/// A policy document taking part in an analysis, with where it comes from: how the simulator names
/// it (`SourcePolicyId`, `SourcePolicyType`) and how ListPoliciesGrantingServiceAccess lists it.
struct NamedPolicy: Sendable {
    enum Origin: Sendable {
        /// An inline policy of a user (`USER`), group (`GROUP`) or role (`ROLE`).
        case inline(entityType: String, entityName: String)
        /// A managed policy, AWS managed or customer managed.
        case managed(arn: String, awsManaged: Bool)
        /// A document given in the request: its parameter and position (`PolicyInputList.1`).
        case input(String)
        /// The simulator's `ResourcePolicy`.
        case resource
    }

    var name: String
    var origin: Origin
    var text: String
    var document: PolicyDocument

    /// `SourcePolicyId`: a managed policy's name, `user_NAME_POLICY` for an inline policy, the
    /// input parameter for documents in the request.
    var sourcePolicyID: String {
        switch origin {
        case .inline(let type, let entity): "\(type.lowercased())_\(entity)_\(name)"
        case .managed: name
        case .input(let id): id
        case .resource: "ResourcePolicy"
        }
    }

    /// `SourcePolicyType`, one of the model's `PolicySourceType` values.
    var sourcePolicyType: String {
        switch origin {
        case .inline(let type, _): type.lowercased()
        case .managed(_, let awsManaged): awsManaged ? "aws-managed" : "user-managed"
        case .input: "none"
        case .resource: "resource"
        }
    }
}
