import IAMModel
import IAMStorage

/// The IAM entity an analysis operation names by ARN: a user, group or role, or a managed policy.
enum AnalysisEntity: Sendable {
    case identity(Identity)
    /// A customer managed policy of the account or an AWS managed one.
    case policy(arn: String, name: String)

    /// A user, group or role: what its policies and its activity are looked up by.
    struct Identity: Sendable {
        var kind: Reference.Kind
        /// Whose inline and attached policies these are (`.user(id)`, `.group(id)`, `.role(id)`).
        var ref: IAMPrincipalRef
        var id: String
        var name: String
        var path: String
        var arn: String
        var boundaryARN: String?

        /// `USER`, `GROUP` or `ROLE`, as the analysis outputs name entity types.
        var entityType: String { kind.rawValue.uppercased() }

        init(_ user: IAMUser) {
            self.init(kind: .user, ref: .user(user.id), id: user.id, name: user.name, path: user.path, arn: user.arn,
                      boundaryARN: user.permissionsBoundaryARN)
        }

        init(_ group: IAMGroup) {
            self.init(kind: .group, ref: .group(group.id), id: group.id, name: group.name, path: group.path, arn: group.arn)
        }

        init(kind: Reference.Kind, ref: IAMPrincipalRef, id: String, name: String, path: String, arn: String,
             boundaryARN: String? = nil) {
            self.kind = kind
            self.ref = ref
            self.id = id
            self.name = name
            self.path = path
            self.arn = arn
            self.boundaryARN = boundaryARN
        }
    }

    /// What an ARN names: `arn:aws:iam::ACCOUNT:KIND/PATH/NAME`.
    struct Reference: Sendable, Hashable {
        enum Kind: String, Sendable, Hashable {
            case user, group, role, policy
        }

        var account: String
        var kind: Kind
        /// `/` or `/a/b/`.
        var path: String
        var name: String

        /// `nil` when the text is not the ARN of an IAM user, group, role or policy.
        init?(_ arn: String) {
            let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[2] == "iam", parts[3].isEmpty else { return nil }
            let resource = parts[5]
            guard let slash = resource.firstIndex(of: "/"), let kind = Kind(rawValue: String(resource[..<slash])) else { return nil }
            let rest = resource[slash...]
            guard let last = rest.lastIndex(of: "/") else { return nil }
            let name = String(rest[rest.index(after: last)...])
            let account = String(parts[4])
            let accountIsValid = (account.count == 12 && account.allSatisfy(\.isASCII) && account.allSatisfy(\.isNumber))
                || (kind == .policy && account == "aws")
            guard accountIsValid, !name.isEmpty else { return nil }
            self.account = account
            self.kind = kind
            path = String(rest[...last])
            self.name = name
        }
    }

    var arn: String {
        switch self {
        case .identity(let identity): identity.arn
        case .policy(let arn, _): arn
        }
    }
}

extension AnalysisHandlers {
    /// The entity `arn` names, if its kind is one of `kinds`: InvalidInput for anything that is not
    /// such an ARN, NoSuchEntity (AWS's wording per kind) when it does not exist in the caller's account.
    func entity(_ arn: String, allowing kinds: Set<AnalysisEntity.Reference.Kind>, _ caller: Caller) async throws -> AnalysisEntity {
        guard let reference = AnalysisEntity.Reference(arn), kinds.contains(reference.kind) else {
            throw AWSServiceError.invalidInput("ARN \(arn) is not valid.")
        }
        let account = caller.accountID
        switch reference.kind {
        case .user:
            guard reference.account == account, let user = try await store.user(accountID: account, name: reference.name),
                  user.path == reference.path else {
                throw AWSServiceError.noSuchEntity("The user with name \(reference.name) cannot be found.")
            }
            return .identity(.init(user))
        case .group:
            guard reference.account == account, let group = try await store.group(accountID: account, name: reference.name),
                  group.path == reference.path else {
                throw AWSServiceError.noSuchEntity("The group with name \(reference.name) cannot be found.")
            }
            return .identity(.init(group))
        case .role:
            guard reference.account == account, let role = try await store.role(accountID: account, name: reference.name),
                  role.path == reference.path else {
                throw AWSServiceError.noSuchEntity("The role with name \(reference.name) cannot be found.")
            }
            return .identity(.init(kind: .role, ref: .role(role.id), id: role.id, name: role.name, path: role.path,
                                   arn: role.arn, boundaryARN: role.permissionsBoundaryARN))
        case .policy:
            guard reference.account == "aws" || reference.account == account,
                  let found = try await managedPolicyText(arn, accountID: account) else {
                throw AWSServiceError.noSuchEntity("Policy \(arn) was not found.")
            }
            return .policy(arn: arn, name: found.name)
        }
    }
}
