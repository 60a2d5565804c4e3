/// A signed-in web console session, stored so that it survives restarts. The cookie carries a
/// random token; only its SHA-256 is stored.
public struct ConsoleSession: Sendable, Hashable {
    /// How far sign-in has got: waiting for an MFA code, for a forced password change, or done.
    public enum Stage: String, Sendable, Hashable {
        case mfa, password, active
    }

    public var tokenHash: String
    public var accountID: String
    /// The IAM user; nil for the account's root user.
    public var userID: String?
    public var stage: Stage
    /// The token every form of this session must carry.
    public var csrfToken: String
    public var createdAt: Int64
    public var lastSeenAt: Int64
    /// When an MFA code was verified at sign-in; nil when the user signed in without MFA.
    public var mfaAuthenticatedAt: Int64?
    /// The console's region for EC2 pages.
    public var region: String

    public init(tokenHash: String, accountID: String, userID: String?, stage: Stage, csrfToken: String, createdAt: Int64,
                lastSeenAt: Int64, mfaAuthenticatedAt: Int64?, region: String) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.userID = userID
        self.stage = stage
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.mfaAuthenticatedAt = mfaAuthenticatedAt
        self.region = region
    }
}
