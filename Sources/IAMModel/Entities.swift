// The IAM entities as stored and returned. Timestamps are epoch seconds (UTC).

/// An AWS account served by Warden.
public struct IAMAccount: Sendable, Hashable {
    public var id: String
    public var alias: String?
    public var createdAt: Int64
    public init(id: String, alias: String? = nil, createdAt: Int64) {
        self.id = id
        self.alias = alias
        self.createdAt = createdAt
    }
}

/// A key/value tag on a user, group or policy, in the order given.
public struct IAMTag: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

public struct IAMUser: Sendable, Hashable {
    public var id: String
    public var accountID: String
    public var name: String
    public var path: String
    public var createdAt: Int64
    public var permissionsBoundaryARN: String?
    public var passwordLastUsed: Int64?
    public var tags: [IAMTag]
    public init(id: String, accountID: String, name: String, path: String, createdAt: Int64,
                permissionsBoundaryARN: String? = nil, passwordLastUsed: Int64? = nil, tags: [IAMTag] = []) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.path = path
        self.createdAt = createdAt
        self.permissionsBoundaryARN = permissionsBoundaryARN
        self.passwordLastUsed = passwordLastUsed
        self.tags = tags
    }
    public var arn: String { IAMARN.user(accountID, path: path, name: name) }
}

public struct IAMGroup: Sendable, Hashable {
    public var id: String
    public var accountID: String
    public var name: String
    public var path: String
    public var createdAt: Int64
    public init(id: String, accountID: String, name: String, path: String, createdAt: Int64) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.path = path
        self.createdAt = createdAt
    }
    public var arn: String { IAMARN.group(accountID, path: path, name: name) }
}

/// A customer managed policy (AWS managed ones come from the catalog and are not stored).
public struct IAMManagedPolicy: Sendable, Hashable {
    public var id: String
    public var accountID: String
    public var name: String
    public var path: String
    public var description: String?
    public var defaultVersionID: String
    public var createdAt: Int64
    public var updatedAt: Int64
    public var attachmentCount: Int
    public var boundaryUsageCount: Int
    public var tags: [IAMTag]
    public init(id: String, accountID: String, name: String, path: String, description: String?, defaultVersionID: String,
                createdAt: Int64, updatedAt: Int64, attachmentCount: Int = 0, boundaryUsageCount: Int = 0, tags: [IAMTag] = []) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.path = path
        self.description = description
        self.defaultVersionID = defaultVersionID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.attachmentCount = attachmentCount
        self.boundaryUsageCount = boundaryUsageCount
        self.tags = tags
    }
    public var arn: String { IAMARN.policy(accountID, path: path, name: name) }
}

public struct IAMPolicyVersion: Sendable, Hashable {
    public var versionID: String
    public var document: String
    public var isDefault: Bool
    public var createdAt: Int64
    public init(versionID: String, document: String, isDefault: Bool, createdAt: Int64) {
        self.versionID = versionID
        self.document = document
        self.isDefault = isDefault
        self.createdAt = createdAt
    }
}

/// A user's, group's or role's inline policy.
public struct IAMInlinePolicy: Sendable, Hashable {
    public var name: String
    public var document: String
    public init(name: String, document: String) {
        self.name = name
        self.document = document
    }
}

/// Who a policy is attached to or an inline policy belongs to.
public enum IAMPrincipalRef: Sendable, Hashable {
    case user(String)
    case group(String)
    case role(String)

    public var kind: String {
        switch self {
        case .user: "user"
        case .group: "group"
        case .role: "role"
        }
    }

    public var id: String {
        switch self {
        case .user(let id), .group(let id), .role(let id): id
        }
    }
}

public enum IAMAccessKeyStatus: String, Sendable, Hashable {
    case active = "Active"
    case inactive = "Inactive"
}

/// A long-term access key. The secret is stored sealed; see `SecretBox` in IAMServices.
public struct IAMAccessKey: Sendable, Hashable {
    public var id: String
    public var accountID: String
    /// nil for the account's root keys.
    public var userID: String?
    public var sealedSecret: [UInt8]
    public var status: IAMAccessKeyStatus
    public var createdAt: Int64
    public var lastUsedAt: Int64?
    public var lastUsedService: String?
    public var lastUsedRegion: String?
    public init(id: String, accountID: String, userID: String?, sealedSecret: [UInt8], status: IAMAccessKeyStatus,
                createdAt: Int64, lastUsedAt: Int64? = nil, lastUsedService: String? = nil, lastUsedRegion: String? = nil) {
        self.id = id
        self.accountID = accountID
        self.userID = userID
        self.sealedSecret = sealedSecret
        self.status = status
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.lastUsedService = lastUsedService
        self.lastUsedRegion = lastUsedRegion
    }
}

/// Temporary credentials from STS. The session token is stored only as a hash.
public struct IAMSessionCredential: Sendable, Hashable {
    public var accessKeyID: String
    public var accountID: String
    public var userID: String?
    public var sealedSecret: [UInt8]
    public var tokenHash: [UInt8]
    public var issuedAt: Int64
    public var expiresAt: Int64
    /// Epoch seconds of the MFA check, when the session was MFA-authenticated.
    public var mfaAuthenticatedAt: Int64?
    /// `session-token` (GetSessionToken), `assumed-role` or `federated-user`.
    public var kind: String = "session-token"
    /// For an assumed-role session, the role's id.
    public var roleID: String?
    /// The role session name or the federated user's name.
    public var sessionName: String?
    /// The session's policies, tags and source identity, as JSON (see `SessionContext`).
    public var context: String?
    public init(accessKeyID: String, accountID: String, userID: String?, sealedSecret: [UInt8], tokenHash: [UInt8],
                issuedAt: Int64, expiresAt: Int64, mfaAuthenticatedAt: Int64?) {
        self.accessKeyID = accessKeyID
        self.accountID = accountID
        self.userID = userID
        self.sealedSecret = sealedSecret
        self.tokenHash = tokenHash
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.mfaAuthenticatedAt = mfaAuthenticatedAt
    }
}
