// Self-service credentials: passwords, MFA devices, certificates, SSH keys, service credentials.

/// A user's console password (hash only).
public struct IAMLoginProfile: Sendable, Hashable {
    public var userID: String
    public var passwordHash: String
    public var passwordResetRequired: Bool
    public var createdAt: Int64
    public var passwordChangedAt: Int64
    public init(userID: String, passwordHash: String, passwordResetRequired: Bool, createdAt: Int64, passwordChangedAt: Int64) {
        self.userID = userID
        self.passwordHash = passwordHash
        self.passwordResetRequired = passwordResetRequired
        self.createdAt = createdAt
        self.passwordChangedAt = passwordChangedAt
    }
}

/// The account password policy (iam-facts §4.7). `nil` fields are "not set".
public struct IAMPasswordPolicy: Sendable, Hashable {
    public var minimumLength: Int = 6
    public var requireSymbols = false
    public var requireNumbers = false
    public var requireUppercase = false
    public var requireLowercase = false
    public var allowUsersToChangePassword = false
    public var maxAgeDays: Int?
    public var reusePrevention: Int?
    public var hardExpiry = false
    public init() {}

    /// The symbols AWS counts as symbols.
    public static let symbols: Set<Character> = Set("!@#$%^&*()_+-=[]{}|'")

    /// The rules `password` breaks, in AWS's words; empty when it complies.
    public func violations(of password: String) -> [String] {
        var out: [String] = []
        if password.count < minimumLength { out.append("Password should have at least \(minimumLength) characters") }
        if requireSymbols && !password.contains(where: { Self.symbols.contains($0) }) {
            out.append("Password should have at least one symbol")
        }
        if requireNumbers && !password.contains(where: { $0.isASCII && $0.isNumber }) {
            out.append("Password should have at least one number")
        }
        if requireUppercase && !password.contains(where: { $0.isASCII && $0.isUppercase }) {
            out.append("Password should have at least one uppercase character")
        }
        if requireLowercase && !password.contains(where: { $0.isASCII && $0.isLowercase }) {
            out.append("Password should have at least one lowercase character")
        }
        return out
    }
}

public struct IAMMFADevice: Sendable, Hashable {
    public var serialNumber: String
    public var accountID: String
    public var name: String
    public var path: String
    public var sealedSeed: [UInt8]
    public var userID: String?
    public var enabledAt: Int64?
    /// The last TOTP step accepted (replay protection).
    public var lastUsedStep: Int64?
    /// Steps the device's clock is off by, learned at enable/resync.
    public var driftSteps: Int64
    public var createdAt: Int64
    public var tags: [IAMTag]
    public init(serialNumber: String, accountID: String, name: String, path: String, sealedSeed: [UInt8], userID: String? = nil,
                enabledAt: Int64? = nil, lastUsedStep: Int64? = nil, driftSteps: Int64 = 0, createdAt: Int64, tags: [IAMTag] = []) {
        self.serialNumber = serialNumber
        self.accountID = accountID
        self.name = name
        self.path = path
        self.sealedSeed = sealedSeed
        self.userID = userID
        self.enabledAt = enabledAt
        self.lastUsedStep = lastUsedStep
        self.driftSteps = driftSteps
        self.createdAt = createdAt
        self.tags = tags
    }
}

public struct IAMSigningCertificate: Sendable, Hashable {
    public var id: String
    public var accountID: String
    public var userID: String?
    public var body: String
    public var fingerprint: [UInt8]
    public var status: IAMAccessKeyStatus
    public var uploadedAt: Int64
    public init(id: String, accountID: String, userID: String?, body: String, fingerprint: [UInt8], status: IAMAccessKeyStatus,
                uploadedAt: Int64) {
        self.id = id
        self.accountID = accountID
        self.userID = userID
        self.body = body
        self.fingerprint = fingerprint
        self.status = status
        self.uploadedAt = uploadedAt
    }
}

public struct IAMSSHPublicKey: Sendable, Hashable {
    public var id: String
    public var userID: String
    public var sshBody: String
    public var pemBody: String
    public var fingerprint: String
    public var status: IAMAccessKeyStatus
    public var uploadedAt: Int64
    public init(id: String, userID: String, sshBody: String, pemBody: String, fingerprint: String, status: IAMAccessKeyStatus,
                uploadedAt: Int64) {
        self.id = id
        self.userID = userID
        self.sshBody = sshBody
        self.pemBody = pemBody
        self.fingerprint = fingerprint
        self.status = status
        self.uploadedAt = uploadedAt
    }
}

public struct IAMServiceSpecificCredential: Sendable, Hashable {
    public var id: String
    public var userID: String
    public var serviceName: String
    public var serviceUserName: String
    public var sealedPassword: [UInt8]
    public var status: IAMAccessKeyStatus
    public var createdAt: Int64
    public init(id: String, userID: String, serviceName: String, serviceUserName: String, sealedPassword: [UInt8],
                status: IAMAccessKeyStatus, createdAt: Int64) {
        self.id = id
        self.userID = userID
        self.serviceName = serviceName
        self.serviceUserName = serviceUserName
        self.sealedPassword = sealedPassword
        self.status = status
        self.createdAt = createdAt
    }
}
