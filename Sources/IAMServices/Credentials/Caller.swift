public import IAMModel
public import IAMPolicy

/// Who signed a request, as authentication established it.
public struct Caller: Sendable {
    /// Facts about temporary credentials (STS sessions).
    public struct Session: Sendable, Hashable {
        public var issuedAt: Int64
        public var expiresAt: Int64
        /// Where the session came from: STS credentials, or a web console sign-in.
        public enum Origin: Sendable, Hashable {
            case sessionToken, console
        }

        /// When MFA was verified for the session; nil when it was not.
        public var mfaAuthenticatedAt: Int64?
        public var origin: Origin
        public init(issuedAt: Int64, expiresAt: Int64, mfaAuthenticatedAt: Int64?, origin: Origin = .sessionToken) {
            self.issuedAt = issuedAt
            self.expiresAt = expiresAt
            self.mfaAuthenticatedAt = mfaAuthenticatedAt
            self.origin = origin
        }
    }

    public var accountID: String
    /// The IAM user (for a federated user: the user who called GetFederationToken); nil for the
    /// account's root user and for assumed-role sessions.
    public var user: IAMUser?
    public var accessKeyID: String
    public var session: Session?
    /// An assumed-role session or a federated user; nil for users and root.
    public var assumed: SessionIdentity?

    public init(accountID: String, user: IAMUser?, accessKeyID: String, session: Session? = nil,
                assumed: SessionIdentity? = nil) {
        self.accountID = accountID
        self.user = user
        self.accessKeyID = accessKeyID
        self.session = session
        self.assumed = assumed
    }

    public var isRoot: Bool { user == nil && assumed == nil }

    /// The caller's ARN: the user, `arn:aws:sts::ACCOUNT:assumed-role/Role/Session`,
    /// `arn:aws:sts::ACCOUNT:federated-user/Name`, or the root.
    public var arn: String {
        if let assumed {
            switch assumed.kind {
            case .assumedRole(_, let roleName, _): return "arn:aws:sts::\(accountID):assumed-role/\(roleName)/\(assumed.name)"
            case .federatedUser: return IAMARN.federatedUser(accountID, name: assumed.name)
            }
        }
        return user?.arn ?? IAMARN.root(accountID)
    }

    /// `aws:userid`: the user's unique id, `AROA...:session`, `ACCOUNT:name` for federated users,
    /// or the account id for root.
    public var userID: String {
        if let assumed {
            switch assumed.kind {
            case .assumedRole(let roleID, _, _): return "\(roleID):\(assumed.name)"
            case .federatedUser: return "\(accountID):\(assumed.name)"
            }
        }
        return user?.id ?? accountID
    }

    /// `aws:PrincipalArn`: for an assumed role, the role's ARN (not the session's).
    public var principalARN: String {
        if let assumed, case .assumedRole(_, let roleName, let rolePath) = assumed.kind {
            return IAMARN.role(accountID, path: rolePath, name: roleName)
        }
        return arn
    }

    public var principal: Principal {
        if let assumed {
            switch assumed.kind {
            case .assumedRole:
                return Principal(kind: .assumedRole, arn: arn, accountID: accountID, roleARN: principalARN, userID: userID)
            case .federatedUser:
                return Principal(kind: .federatedUser, arn: arn, accountID: accountID, userID: userID)
            }
        }
        guard let user else { return .root(account: accountID) }
        return Principal(kind: .user, arn: user.arn, accountID: accountID, userID: user.id)
    }
}

/// Facts about the request that become global condition keys.
public struct RequestFacts: Sendable {
    public var time: Int64
    public var sourceIP: String
    public var secureTransport: Bool
    public var region: String
    /// When an MFA code sent with this very request (AssumeRole's `SerialNumber`/`TokenCode`) was
    /// verified: the request then counts as MFA-authenticated.
    public var mfaVerifiedAt: Int64?
    /// The client's `User-Agent` (the browser's for console calls), for the audit trail only.
    public var userAgent: String?
    public init(time: Int64, sourceIP: String, secureTransport: Bool, region: String) {
        self.time = time
        self.sourceIP = sourceIP
        self.secureTransport = secureTransport
        self.region = region
    }
}
