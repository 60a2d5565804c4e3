// Server certificates and the settings of an account that is not in AWS Organizations.

/// A server certificate (UploadServerCertificate). The private key is kept sealed and never returned.
public struct IAMServerCertificate: Sendable, Hashable {
    public var id: String
    public var accountID: String
    public var name: String
    public var path: String
    /// The certificate and its chain as normalized PEM.
    public var body: String
    public var chain: String?
    /// The private key, sealed with the service's secret box (bound to `id`).
    public var sealedPrivateKey: [UInt8]
    /// The certificate's `notAfter`, in epoch seconds.
    public var expiresAt: Int64
    public var uploadedAt: Int64
    public var tags: [IAMTag]

    public init(id: String, accountID: String, name: String, path: String, body: String, chain: String?,
                sealedPrivateKey: [UInt8], expiresAt: Int64, uploadedAt: Int64, tags: [IAMTag] = []) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.path = path
        self.body = body
        self.chain = chain
        self.sealedPrivateKey = sealedPrivateKey
        self.expiresAt = expiresAt
        self.uploadedAt = uploadedAt
        self.tags = tags
    }

    public var arn: String { IAMARN.serverCertificate(accountID, path: path, name: name) }
}

/// Account-wide settings kept for the standalone-account operations.
public struct IAMAccountSettings: Sendable, Hashable {
    /// The outbound web identity federation issuer, generated the first time the feature is enabled and kept after.
    public var outboundIssuer: String?
    public var outboundFederationEnabled: Bool
    /// `v1Token` (the default) or `v2Token` (SetSecurityTokenServicePreferences).
    public var globalEndpointTokenVersion: String

    public static let defaultTokenVersion = "v1Token"

    public init(outboundIssuer: String? = nil, outboundFederationEnabled: Bool = false,
                globalEndpointTokenVersion: String = IAMAccountSettings.defaultTokenVersion) {
        self.outboundIssuer = outboundIssuer
        self.outboundFederationEnabled = outboundFederationEnabled
        self.globalEndpointTokenVersion = globalEndpointTokenVersion
    }
}

/// A GenerateOrganizationsAccessReport job.
public struct IAMOrganizationsAccessReport: Sendable, Hashable {
    public var jobID: String
    public var accountID: String
    public var entityPath: String
    public var policyID: String?
    /// `IN_PROGRESS`, `COMPLETED` or `FAILED`.
    public var status: String
    public var createdAt: Int64
    public var completedAt: Int64?
    public var errorCode: String?
    public var errorMessage: String?

    public init(jobID: String, accountID: String, entityPath: String, policyID: String?, status: String, createdAt: Int64,
                completedAt: Int64?, errorCode: String?, errorMessage: String?) {
        self.jobID = jobID
        self.accountID = accountID
        self.entityPath = entityPath
        self.policyID = policyID
        self.status = status
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}
