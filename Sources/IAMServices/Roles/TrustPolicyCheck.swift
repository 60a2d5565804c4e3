import IAMModel
import IAMPolicy
import IAMStorage

/// What IAM checks in a role's trust policy beyond the grammar (which `PolicyValidator` checks
/// as a `trust` policy: Principal required, no Resource, the 2,048-character quota): only STS
/// role-assumption actions, and principals that are well formed and, for users and roles of
/// accounts Warden serves, that exist.
struct TrustPolicyCheck: Sendable {
    let store: any IAMStore

    /// The actions a trust policy may name (AWS: "AssumeRole policy may only specify STS AssumeRole actions.").
    static let allowedActions = [
        "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession",
        "sts:setsourceidentity", "sts:setcontext",
    ]

    /// Web identity providers a `Federated` principal may name without a provider ARN.
    static let webIdentityProviders: Set<String> = [
        "cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com",
    ]

    /// Throws MalformedPolicyDocument with AWS's message for the first problem.
    func check(_ document: String) async throws {
        let parsed: PolicyDocument
        do {
            parsed = try PolicyParser.parse(document)
        } catch {
            throw AWSServiceError.malformedPolicyDocument(error.awsMessage)
        }
        for statement in parsed.statements {
            for action in statement.actions.map(\.value) where !Self.isAllowedAction(action) {
                throw AWSServiceError.malformedPolicyDocument("AssumeRole policy may only specify STS AssumeRole actions.")
            }
        }
        for statement in parsed.statements {
            guard case .identifiers(let map)? = statement.principal else { continue }
            for kind in PrincipalElement.PrincipalKind.allCases {
                for value in map[kind] ?? [] {
                    guard try await isValid(value.value, kind) else {
                        throw AWSServiceError.malformedPolicyDocument(Self.invalidPrincipal(value.value, kind))
                    }
                }
            }
        }
    }

    /// `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/nobody"` (AWS spells
    /// the principal type in capitals: `"SERVICE":"..."`).
    static func invalidPrincipal(_ value: String, _ kind: PrincipalElement.PrincipalKind) -> String {
        "Invalid principal in policy: \"\(kind.rawValue.uppercased())\":\"\(value)\""
    }

    /// A `sts:` action (wildcards allowed) that matches at least one role-assumption action.
    static func isAllowedAction(_ action: String) -> Bool {
        let lowered = action.lowercased()
        if lowered == "*" { return true }
        guard lowered.hasPrefix("sts:") else { return false }
        let pattern = Array(lowered.unicodeScalars)
        return allowedActions.contains { glob(pattern[...], Array($0.unicodeScalars)[...]) }
    }

    /// `*` (any run) and `?` (one character) over already-lowercased text.
    static func glob(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            var rest = text
            while true {
                if glob(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let head = text.first, first == "?" || first == head else { return false }
        return glob(pattern.dropFirst(), text.dropFirst())
    }

    private func isValid(_ value: String, _ kind: PrincipalElement.PrincipalKind) async throws -> Bool {
        switch kind {
        case .aws: try await isValidAWSPrincipal(value)
        case .service: Self.isServicePrincipal(value)
        case .federated: Self.isFederatedPrincipal(value)
        case .canonicalUser: false
        }
    }

    /// `*`, an account id, an account, user, role, assumed-role or federated-user ARN, or a
    /// user's or role's unique id. Users and roles of accounts Warden serves must exist.
    func isValidAWSPrincipal(_ value: String) async throws -> Bool {
        if value == "*" || Self.isAccountID(value) { return true }
        if value.hasPrefix("AIDA") || value.hasPrefix("AROA") {
            if value.hasPrefix("AIDA") { return try await store.user(id: value) != nil }
            return try await store.role(id: value) != nil
        }
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[3].isEmpty, Self.isAccountID(parts[4]),
              !value.contains("*"), !value.contains("?") else { return false }
        let account = String(parts[4])
        let resource = parts[5]
        switch parts[2] {
        case "iam":
            if resource == "root" { return true }
            for kind in ["user", "role"] where resource.hasPrefix(kind + "/") {
                guard let name = resource.split(separator: "/").last, resource.count > kind.count + 1,
                      !resource.hasSuffix("/") else { return false }
                // Another account Warden does not serve: IAM would look there; Warden cannot.
                guard try await store.account(id: account) != nil else { return true }
                let arn = kind == "user" ? try await store.user(accountID: account, name: String(name))?.arn
                    : try await store.role(accountID: account, name: String(name))?.arn
                return arn?.lowercased() == value.lowercased()
            }
            return false
        case "sts":
            let pieces = resource.split(separator: "/", omittingEmptySubsequences: false)
            return (pieces.first == "assumed-role" && pieces.count == 3 || pieces.first == "federated-user" && pieces.count == 2)
                && pieces.allSatisfy { !$0.isEmpty }
        default:
            return false
        }
    }

    static func isAccountID(_ text: some StringProtocol) -> Bool {
        text.count == 12 && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// A DNS-style service principal: lowercase labels, at least two (`ec2.amazonaws.com`,
    /// `logs.us-east-1.amazonaws.com`). Whether the service exists is not checked.
    static func isServicePrincipal(_ value: String) -> Bool {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }

    /// A SAML or OIDC provider ARN, or a well-known web identity provider.
    static func isFederatedPrincipal(_ value: String) -> Bool {
        if webIdentityProviders.contains(value) { return true }
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[2] == "iam", parts[3].isEmpty,
              isAccountID(parts[4]), !value.contains("*") else { return false }
        for kind in ["saml-provider/", "oidc-provider/"] where parts[5].hasPrefix(kind) {
            return parts[5].count > kind.count
        }
        return false
    }
}
