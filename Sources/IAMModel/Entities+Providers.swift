// Identity providers: OpenID Connect and SAML 2.0 (issue 8).

/// An IAM OpenID Connect provider. `url` is the provider URL without its scheme (`host/path`), as
/// its ARN and GetOpenIDConnectProvider show it.
public struct IAMOIDCProvider: Sendable, Hashable {
    public var id: String
    public var accountID: String
    public var url: String
    /// `https`, or `http` for a loopback issuer registered behind the test switch.
    public var scheme: String
    public var clientIDs: [String]
    public var thumbprints: [String]
    public var createdAt: Int64
    public var tags: [IAMTag]

    public init(id: String, accountID: String, url: String, scheme: String = "https", clientIDs: [String], thumbprints: [String],
                createdAt: Int64, tags: [IAMTag] = []) {
        self.id = id
        self.accountID = accountID
        self.url = url
        self.scheme = scheme
        self.clientIDs = clientIDs
        self.thumbprints = thumbprints
        self.createdAt = createdAt
        self.tags = tags
    }

    public var arn: String { IAMARN.oidcProvider(accountID, url: url) }
}

/// `AssertionEncryptionMode` of a SAML provider.
public enum IAMAssertionEncryptionMode: String, Sendable, Hashable, CaseIterable {
    case required = "Required"
    case allowed = "Allowed"
}

/// A private key uploaded to decrypt a SAML provider's assertions; sealed at rest, never shown.
public struct IAMSAMLPrivateKey: Sendable, Hashable {
    public var id: String
    public var sealedKey: [UInt8]
    public var createdAt: Int64
    public init(id: String, sealedKey: [UInt8], createdAt: Int64) {
        self.id = id
        self.sealedKey = sealedKey
        self.createdAt = createdAt
    }
}

/// An IAM SAML provider: its metadata document as uploaded and what IAM derived from it.
public struct IAMSAMLProvider: Sendable, Hashable {
    /// The `SAMLProviderUUID`.
    public var id: String
    public var accountID: String
    public var name: String
    public var metadataDocument: String
    public var validUntil: Int64
    public var encryptionMode: IAMAssertionEncryptionMode
    public var privateKeys: [IAMSAMLPrivateKey]
    public var createdAt: Int64
    public var tags: [IAMTag]

    public init(id: String, accountID: String, name: String, metadataDocument: String, validUntil: Int64,
                encryptionMode: IAMAssertionEncryptionMode = .allowed, privateKeys: [IAMSAMLPrivateKey] = [], createdAt: Int64,
                tags: [IAMTag] = []) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.metadataDocument = metadataDocument
        self.validUntil = validUntil
        self.encryptionMode = encryptionMode
        self.privateKeys = privateKeys
        self.createdAt = createdAt
        self.tags = tags
    }

    public var arn: String { IAMARN.samlProvider(accountID, name: name) }
}
