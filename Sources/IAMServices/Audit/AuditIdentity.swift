import AWSQuery
import IAMModel

/// `userIdentity` of an audit event, from the caller as authentication established it, following
/// CloudTrail's userIdentity element: `IAMUser`, `AssumedRole` (with `sessionIssuer`),
/// `FederatedUser`, `Root`; `sessionContext` for temporary credentials and console sessions.
enum AuditIdentity {
    /// What LookupEvents calls `Username`: the user, role session or federated user name; `root`.
    static func lookupName(_ caller: Caller) -> String {
        if let assumed = caller.assumed { return assumed.name }
        return caller.user?.name ?? "root"
    }

    static func json(_ caller: Caller, mfaAuthenticated: Bool) -> AuditJSON {
        var members: [(String, AuditJSON)] = []
        let consoleSession = caller.session?.origin == .console
        func base(_ type: String) {
            members.append(("type", .string(type)))
            members.append(("principalId", .string(caller.userID)))
            members.append(("arn", .string(caller.arn)))
            members.append(("accountId", .string(caller.accountID)))
            if !consoleSession { members.append(("accessKeyId", .string(caller.accessKeyID))) }
        }
        var issuer: AuditJSON?
        if let assumed = caller.assumed {
            switch assumed.kind {
            case .assumedRole(let roleID, let roleName, _):
                base("AssumedRole")
                issuer = .object([("type", .string("Role")), ("principalId", .string(roleID)),
                                  ("arn", .string(caller.principalARN)), ("accountId", .string(caller.accountID)),
                                  ("userName", .string(roleName))])
            case .federatedUser:
                base("FederatedUser")
                if let user = caller.user {
                    issuer = .object([("type", .string("IAMUser")), ("principalId", .string(user.id)),
                                      ("arn", .string(user.arn)), ("accountId", .string(caller.accountID)),
                                      ("userName", .string(user.name))])
                }
            }
        } else if let user = caller.user {
            base("IAMUser")
            members.append(("userName", .string(user.name)))
        } else {
            base("Root")
        }
        if let session = caller.session {
            var context: [(String, AuditJSON)] = []
            if let issuer { context.append(("sessionIssuer", issuer)) }
            context.append(("attributes", .object([
                ("creationDate", .string(AWSTimestamp.iso8601(epochSeconds: session.issuedAt))),
                ("mfaAuthenticated", .string(mfaAuthenticated ? "true" : "false")),
            ])))
            members.append(("sessionContext", .object(context)))
        } else if mfaAuthenticated {
            // Long-term keys with an MFA code sent in the request itself (AssumeRole's TokenCode).
            members.append(("sessionContext", .object([("attributes", .object([("mfaAuthenticated", .string("true"))]))])))
        }
        if consoleSession { members.append(("sessionCredentialFromConsole", .string("true"))) }
        return .object(members)
    }

    /// The federated caller of AssumeRoleWithSAML / AssumeRoleWithWebIdentity (unsigned): CloudTrail's
    /// `SAMLUser` / `WebIdentityUser`, known by the role's account and the provider the request names.
    static func federated(action: String, accountID: String, provider: String?) -> AuditJSON {
        var members: [(String, AuditJSON)] = [
            ("type", .string(action == "AssumeRoleWithSAML" ? "SAMLUser" : "WebIdentityUser")),
            ("accountId", .string(accountID)),
        ]
        if let provider { members.append(("identityProvider", .string(provider))) }
        return .object(members)
    }

    /// A console sign-in: the user (or root) the form named. An unknown user name is hidden, as
    /// CloudTrail does, so a mistyped password in the user name field is not stored.
    static func signIn(accountID: String, user: IAMUser?, root: Bool) -> AuditJSON {
        if root {
            return .object([("type", .string("Root")), ("principalId", .string(accountID)),
                            ("arn", .string(IAMARN.root(accountID))), ("accountId", .string(accountID))])
        }
        if let user {
            return .object([("type", .string("IAMUser")), ("principalId", .string(user.id)), ("arn", .string(user.arn)),
                            ("accountId", .string(accountID)), ("userName", .string(user.name))])
        }
        return .object([("type", .string("IAMUser")), ("accountId", .string(accountID)),
                        ("userName", .string(AuditParameters.hidden))])
    }
}
