package import IAMPolicy

/// The principal a simulation runs as, read from an ARN, and the global condition keys that
/// principal implies (added only where the caller did not give them).
package enum SimulatedPrincipal {
    package static let defaultAccount = "123456789012"

    /// Parses `arn:aws:iam::ACCT:user/NAME`, `...:root`, `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`,
    /// `...:federated-user/NAME`, a service name (`ec2.amazonaws.com`), or a bare account id.
    package static func parse(_ text: String) -> Principal {
        if text.hasSuffix(".amazonaws.com") && !text.hasPrefix("arn:") {
            return Principal(kind: .service, arn: text, accountID: "", service: text)
        }
        if text.count == 12 && text.allSatisfy(\.isNumber) { return .root(account: text) }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6 else { return Principal(kind: .user, arn: text, accountID: defaultAccount) }
        let account = parts[4]
        let resource = parts[5]
        if resource == "root" { return .root(account: account) }
        if resource.hasPrefix("assumed-role/") {
            let pieces = resource.split(separator: "/")
            let role = pieces.count >= 2 ? String(pieces[1]) : ""
            return Principal(kind: .assumedRole, arn: text, accountID: account,
                             roleARN: "arn:aws:iam::\(account):role/\(role)")
        }
        if resource.hasPrefix("federated-user/") {
            return Principal(kind: .federatedUser, arn: text, accountID: account)
        }
        return Principal(kind: .user, arn: text, accountID: account)
    }

    /// Adds `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType` and, for users,
    /// `aws:username`, unless the context already has them.
    package static func addImpliedKeys(_ principal: Principal, to context: inout RequestContext) {
        func setIfAbsent(_ key: String, _ value: String) {
            if context.values(key) == nil { context.set(key, .string(value)) }
        }
        guard principal.kind != .service else { return }
        setIfAbsent("aws:PrincipalArn", principal.roleARN ?? principal.arn)
        setIfAbsent("aws:PrincipalAccount", principal.accountID)
        setIfAbsent("aws:PrincipalType", principal.kind.rawValue)
        if principal.kind == .user, let name = principal.arn.split(separator: "/").last {
            setIfAbsent("aws:username", String(name))
        }
    }
}
