import Crypto
import Foundation
import IAMFederation
import IAMModel
import IAMStorage
import Testing

@testable import IAMServices

/// The service-side glue STS calls: the provider is found in the account by the token's issuer or
/// the SAML principal ARN, its keys are fetched, and the pure verifiers decide.
@Suite("Federated identity verification against stored providers")
struct FederatedIdentityVerifierTests {
    static let account = "123456789012"
    static let now: Int64 = 1_777_636_800

    let store: SQLStorage
    let key = P256.Signing.PrivateKey()

    init() async throws {
        store = try SQLStorage()
        try await store.createAccount(IAMAccount(id: Self.account, createdAt: Self.now))
        try await store.createOIDCProvider(IAMOIDCProvider(id: "AOIDC1", accountID: Self.account, url: "token.example.com",
                                                           clientIDs: ["sts.amazonaws.com"], thumbprints: [], createdAt: Self.now),
                                           quota: 100)
    }

    var keys: any JWKSFetching {
        let raw = key.publicKey.rawRepresentation
        let jwks = #"{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","x":"\#(Base64URL.encode(raw.prefix(32)))","y":"\#(Base64URL.encode(raw.suffix(32)))"}]}"#
        return FixedJWKS(["https://token.example.com": (try? JSONWebKeySet.parse(jwks)) ?? JSONWebKeySet(keys: [])])
    }

    func token(issuer: String = "https://token.example.com", audience: String = "sts.amazonaws.com") throws -> String {
        let header = Base64URL.encode(Data(#"{"alg":"ES256","kid":"k1"}"#.utf8))
        let claims = Base64URL.encode(Data(#"{"iss":"\#(issuer)","sub":"user-123456","aud":"\#(audience)","exp":\#(Self.now + 600)}"#.utf8))
        let signature = try key.signature(for: Data("\(header).\(claims)".utf8)).rawRepresentation
        return "\(header).\(claims).\(Base64URL.encode(signature))"
    }

    @Test("A token from a registered provider verifies; its provider and claims come back")
    func verifies() async throws {
        let verifier = FederatedIdentityVerifier(store: store, keys: keys)
        let result = try await verifier.verifyWebIdentity(token: try token(), accountID: Self.account, now: Self.now)
        #expect(result.provider.url == "token.example.com" && result.claims.subject == "user-123456")
    }

    @Test("Unknown issuers, another scheme, other audiences and other accounts are STS's InvalidIdentityToken")
    func refusals() async throws {
        let verifier = FederatedIdentityVerifier(store: store, keys: keys)
        for (token, account, message) in [
            (try token(issuer: "https://other.example.com"), Self.account, "No OpenIDConnect provider found in your account for https://other.example.com"),
            (try token(issuer: "http://token.example.com"), Self.account, "No OpenIDConnect provider found in your account for http://token.example.com"),
            (try token(), "999999999999", "No OpenIDConnect provider found in your account for https://token.example.com"),
            (try token(audience: "someone-else"), Self.account, "Incorrect token audience"),
        ] {
            do {
                _ = try await verifier.verifyWebIdentity(token: token, accountID: account, now: Self.now)
                Issue.record("accepted: \(message)")
            } catch {
                #expect(error.code == "InvalidIdentityToken" && error.message == message && error.httpStatus == 400)
            }
        }
        let expiring = try token()
        do {
            _ = try await verifier.verifyWebIdentity(token: expiring, accountID: Self.account, now: Self.now + 600)
            Issue.record("an expired token was accepted")
        } catch {
            #expect(error.code == "ExpiredTokenException")
        }
    }

    @Test("SAML: a provider that does not exist, or that requires encryption, refuses the response")
    func saml() async throws {
        let verifier = FederatedIdentityVerifier(store: store, keys: keys)
        let role = "arn:aws:iam::\(Self.account):role/R"
        do {
            _ = try await verifier.verifySAML(assertion: "PHg+", principalARN: "arn:aws:iam::\(Self.account):saml-provider/Missing",
                                              roleARN: role, accountID: Self.account, now: Self.now)
            Issue.record("a missing provider was accepted")
        } catch {
            #expect(error.code == "InvalidIdentityToken" && error.message == "Specified provider doesn't exist.")
        }
        let provider = IAMSAMLProvider(id: "SAMLP1", accountID: Self.account, name: "Okta", metadataDocument: "<x/>",
                                       validUntil: Self.now + 1, encryptionMode: .required,
                                       privateKeys: [IAMSAMLPrivateKey(id: "SAMLPK1", sealedKey: [1], createdAt: Self.now)], createdAt: Self.now)
        try await store.createSAMLProvider(provider, quota: 100)
        do {
            _ = try await verifier.verifySAML(assertion: "PHg+", principalARN: provider.arn, roleARN: role, accountID: Self.account, now: Self.now)
            Issue.record("an unencrypted response was accepted by a provider that requires encryption")
        } catch {
            #expect(error.code == "InvalidIdentityToken")
        }
    }
}
