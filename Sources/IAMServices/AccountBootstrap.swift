public import IAMModel
public import IAMStorage

/// First start: an account and its root access key.
public enum AccountBootstrap {
    public struct RootCredentials: Sendable {
        public var accountID: String
        public var accessKeyID: String
        /// Only when the key was created now: the secret is never stored in clear.
        public var secretAccessKey: String?
    }

    /// Returns the first account, creating it and a root key when the store is empty.
    /// `accountID` forces the id (the `--accept-any-credentials` default account is 123456789012).
    public static func ensureAccount(store: any IAMStore, box: SecretBox, now: Int64, accountID: String? = nil) async throws -> RootCredentials {
        if let account = try await store.accounts().first {
            let key = try await store.accessKeys(accountID: account.id, userID: nil).first
            return RootCredentials(accountID: account.id, accessKeyID: key?.id ?? "", secretAccessKey: nil)
        }
        var rng = SystemRandomNumberGenerator()
        let id = accountID ?? IAMIdentifiers.accountID(using: &rng)
        try await store.createAccount(IAMAccount(id: id, createdAt: now))
        let keyID = IAMIdentifiers.accessKeyID("AKIA", using: &rng)
        let secret = IAMIdentifiers.secretAccessKey(using: &rng)
        try await store.createAccessKey(IAMAccessKey(id: keyID, accountID: id, userID: nil,
                                                     sealedSecret: try box.seal(secret, boundTo: keyID), status: .active,
                                                     createdAt: now))
        return RootCredentials(accountID: id, accessKeyID: keyID, secretAccessKey: secret)
    }
}
