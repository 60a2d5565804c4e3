import AWSQuery
import IAMFederation
import IAMModel
import IAMStorage

/// What STS calls to check the identity behind AssumeRoleWithWebIdentity and AssumeRoleWithSAML:
/// it finds the account's IAM provider, gets its keys (the issuer's JWKS, the SAML metadata's
/// certificates) and runs the pure verifiers of `IAMFederation`. Failures are AWS's STS errors.
/// The role's trust policy is STS's to evaluate afterwards (with the claims' condition keys).
struct FederatedIdentityVerifier: Sendable {
    let store: any IAMStore
    let keys: any JWKSFetching
    var webIdentity = WebIdentityVerifier()
    var saml = SAMLResponseVerifier()

    init(store: any IAMStore, keys: any JWKSFetching = HTTPJWKSFetcher(allowLoopbackHTTP: FederationSwitch.allowLoopbackHTTP)) {
        self.store = store
        self.keys = keys
    }

    /// Checks an OIDC ID token against the provider of `accountID` its `iss` names.
    func verifyWebIdentity(token: String, accountID: String, now: Int64) async throws(AWSServiceError) -> (provider: IAMOIDCProvider, claims: WebIdentityClaims) {
        guard let issuer = WebIdentityVerifier.unverifiedIssuer(of: token) else {
            throw AWSServiceError(FederationError(.invalidIdentityToken, "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"))
        }
        let scheme = issuer.lowercased().hasPrefix("https://") ? "https" : issuer.lowercased().hasPrefix("http://") ? "http" : ""
        let url = String(issuer.dropFirst(scheme.isEmpty ? 0 : scheme.count + 3))
        let provider: IAMOIDCProvider?
        do {
            provider = try await store.oidcProvider(accountID: accountID, url: url)
        } catch {
            throw AWSServiceError.serviceFailure("An internal error occurred.")
        }
        guard let provider, provider.scheme == scheme else {
            throw AWSServiceError(FederationError(.invalidIdentityToken, "No OpenIDConnect provider found in your account for \(issuer)"))
        }
        let trust = OIDCProviderTrust(url: provider.url, clientIDs: provider.clientIDs, scheme: provider.scheme)
        do {
            let set = try await keys.keySet(forIssuer: trust.issuer)
            return (provider, try webIdentity.verify(token: token, provider: trust, keys: set, now: now))
        } catch {
            throw AWSServiceError(error)
        }
    }

    /// Checks a base64 SAML response against the provider `principalARN` (in `accountID`), and that
    /// the assertion offers `roleARN` through that provider.
    func verifySAML(assertion: String, principalARN: String, roleARN: String, accountID: String,
                    now: Int64) async throws(AWSServiceError) -> (provider: IAMSAMLProvider, claims: SAMLAssertionClaims) {
        let prefix = "arn:aws:iam::\(accountID):saml-provider/"
        var provider: IAMSAMLProvider?
        if principalARN.hasPrefix(prefix) {
            do {
                provider = try await store.samlProvider(accountID: accountID, name: String(principalARN.dropFirst(prefix.count)))
            } catch {
                throw AWSServiceError.serviceFailure("An internal error occurred.")
            }
        }
        guard let provider, provider.arn == principalARN else {
            throw AWSServiceError(FederationError(.invalidIdentityToken, "Specified provider doesn't exist."))
        }
        guard provider.encryptionMode == .allowed else {
            throw AWSServiceError(FederationError(.invalidIdentityToken, "Encrypted SAML assertions are not supported."))
        }
        let claims: SAMLAssertionClaims
        do {
            let metadata = try SAMLMetadata.parse(provider.metadataDocument)
            claims = try saml.verify(samlResponse: assertion, metadata: metadata, now: now)
        } catch let failure as FederationError {
            throw AWSServiceError(failure)
        } catch {
            throw AWSServiceError(FederationError(.invalidIdentityToken, "Specified provider doesn't exist."))
        }
        guard claims.allows(roleARN: roleARN, providerARN: principalARN) else {
            throw AWSServiceError.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML")
        }
        return (provider, claims)
    }
}

extension AWSServiceError {
    /// An STS error from the verifiers (the detail stays in logs, not on the wire).
    init(_ failure: FederationError) {
        self.init(failure.code.rawValue, failure.message, status: failure.httpStatus)
    }
}
