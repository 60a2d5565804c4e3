import AWSQuery
import Foundation
import IAMModel
import IAMPolicyCatalog
import IAMStorage

/// The IAM operations for OpenID Connect and SAML identity providers. Authorization already happened in `Authorizer`.
struct ProviderHandlers: Sendable {
    let store: any IAMStore
    let box: SecretBox
    let catalog: ManagedPolicyCatalog
    let now: @Sendable () -> Int64
    /// The test switch: `http://127.0.0.1` / `http://localhost` OIDC issuers are accepted only when the
    /// server runs with `WARDEN_ALLOW_LOOPBACK_OIDC=1` (E2E tests serve keys from a local HTTP server).
    let allowLoopbackHTTP = FederationSwitch.allowLoopbackHTTP

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        switch operation {
        case .createOpenIDConnectProvider: return try await createOIDCProvider(p, caller)
        case .getOpenIDConnectProvider: return try await getOIDCProvider(p, caller)
        case .listOpenIDConnectProviders: return try await listOIDCProviders(p, caller)
        case .deleteOpenIDConnectProvider: return try await deleteOIDCProvider(p, caller)
        case .addClientIDToOpenIDConnectProvider: return try await addClientID(p, caller)
        case .removeClientIDFromOpenIDConnectProvider: return try await removeClientID(p, caller)
        case .updateOpenIDConnectProviderThumbprint: return try await updateThumbprints(p, caller)
        case .tagOpenIDConnectProvider: return try await tagOIDCProvider(p, caller)
        case .untagOpenIDConnectProvider: return try await untagOIDCProvider(p, caller)
        case .listOpenIDConnectProviderTags: return try await listOIDCProviderTags(p, caller)
        case .createSAMLProvider: return try await createSAMLProvider(p, caller)
        case .getSAMLProvider: return try await getSAMLProvider(p, caller)
        case .listSAMLProviders: return try await listSAMLProviders(p, caller)
        case .updateSAMLProvider: return try await updateSAMLProvider(p, caller)
        case .deleteSAMLProvider: return try await deleteSAMLProvider(p, caller)
        case .tagSAMLProvider: return try await tagSAMLProvider(p, caller)
        case .untagSAMLProvider: return try await untagSAMLProvider(p, caller)
        case .listSAMLProviderTags: return try await listSAMLProviderTags(p, caller)
        default: throw AWSServiceError.invalidAction(operation.rawValue)
        }
    }

    // MARK: Lookups

    /// The OIDC provider named by `OpenIDConnectProviderArn` in the caller's account.
    func existingOIDCProvider(_ p: QueryParameters, _ caller: Caller, deleting: Bool = false) async throws -> IAMOIDCProvider {
        let arn = try ProviderValidation.arn(p, "OpenIDConnectProviderArn")
        let prefix = "arn:aws:iam::\(caller.accountID):oidc-provider/"
        if arn.hasPrefix(prefix), let provider = try await store.oidcProvider(accountID: caller.accountID, url: String(arn.dropFirst(prefix.count))) {
            return provider
        }
        throw AWSServiceError.noSuchEntity(deleting ? "OpenId connect Provider \(arn) cannot be found."
                                                    : "OpenIDConnect Provider not found for arn \(arn)")
    }

    /// The SAML provider named by `SAMLProviderArn` in the caller's account.
    func existingSAMLProvider(_ p: QueryParameters, _ caller: Caller) async throws -> IAMSAMLProvider {
        let arn = try ProviderValidation.arn(p, "SAMLProviderArn")
        let prefix = "arn:aws:iam::\(caller.accountID):saml-provider/"
        if arn.hasPrefix(prefix), let provider = try await store.samlProvider(accountID: caller.accountID, name: String(arn.dropFirst(prefix.count))) {
            return provider
        }
        throw AWSServiceError.noSuchEntity("Manifest not found for arn \(arn)")
    }

    // MARK: Tags

    func requiredTags(_ p: QueryParameters) throws -> [IAMTag] {
        guard try p.structureList("Tags", limit: 1_000) != nil else { throw AWSServiceError.missingParameter("Tags") }
        return try p.tags()
    }

    func requiredTagKeys(_ p: QueryParameters) throws -> [String] {
        guard let keys = try p.list("TagKeys", limit: 50) else { throw AWSServiceError.missingParameter("TagKeys") }
        return keys
    }

    func listTags(_ tags: [IAMTag], _ p: QueryParameters) throws -> String {
        let page = try Paginator.page(tags, marker: p["Marker"], maxItems: try p.int("MaxItems"))
        return write { xml in
            xml.tags(Array(page.items))
            xml.pagination(page)
        }
    }

    func write(_ body: (inout XMLWriter) -> Void) -> String {
        var xml = XMLWriter()
        body(&xml)
        return xml.text
    }

    /// A 22+-character id of `[A-Z0-9]` (SAML provider UUIDs and private key ids).
    static func identifier(_ prefix: String) -> String {
        var rng = SystemRandomNumberGenerator()
        return IAMIdentifiers.uniqueID(prefix, using: &rng)
    }
}

/// Process-wide federation settings read once from the environment.
enum FederationSwitch {
    /// `WARDEN_ALLOW_LOOPBACK_OIDC=1`: OIDC providers and their keys may be served over plain HTTP
    /// from 127.0.0.1 / localhost. For tests only; never set in production.
    static let allowLoopbackHTTP = ProcessInfo.processInfo.environment["WARDEN_ALLOW_LOOPBACK_OIDC"] == "1"
}
