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
    /// The IAM user; nil for the account's root user.
    public var user: IAMUser?
    public var accessKeyID: String
    public var session: Session?

    public init(accountID: String, user: IAMUser?, accessKeyID: String, session: Session? = nil) {
        self.accountID = accountID
        self.user = user
        self.accessKeyID = accessKeyID
        self.session = session
    }

    public var isRoot: Bool { user == nil }
    public var arn: String { user?.arn ?? IAMARN.root(accountID) }
    /// `aws:userid`: the user's unique id, or the account id for root.
    public var userID: String { user?.id ?? accountID }

    public var principal: Principal {
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
    public init(time: Int64, sourceIP: String, secureTransport: Bool, region: String) {
        self.time = time
        self.sourceIP = sourceIP
        self.secureTransport = secureTransport
        self.region = region
    }
}
