import Crypto
import CryptoExtras
import Foundation
import Testing

@testable import IAMFederation

/// ID tokens signed in the test with keys made for the run.
struct JWTFixture {
    static let issuer = "https://token.example.com"
    static let now: Int64 = 1_777_636_800
    static let shared: JWTFixture = {
        guard let rsa = try? _RSA.Signing.PrivateKey(keySize: .bits2048) else { preconditionFailure("RSA key generation failed") }
        return JWTFixture(rsa: rsa, ec: P256.Signing.PrivateKey())
    }()

    let rsa: _RSA.Signing.PrivateKey
    let ec: P256.Signing.PrivateKey

    var provider: OIDCProviderTrust { OIDCProviderTrust(url: "token.example.com", clientIDs: ["sts.amazonaws.com", "app"]) }

    /// The JWKS document publishing both keys (`rsa-1`, `ec-1`).
    var jwks: String {
        let primitives = try? rsa.publicKey.getKeyPrimitives()
        let n = Base64URL.encode(primitives?.modulus ?? Data())
        let e = Base64URL.encode(primitives?.publicExponent ?? Data())
        let raw = ec.publicKey.rawRepresentation
        let x = Base64URL.encode(raw.prefix(32))
        let y = Base64URL.encode(raw.suffix(32))
        return """
            {"keys":[{"kty":"RSA","kid":"rsa-1","use":"sig","alg":"RS256","n":"\(n)","e":"\(e)"},
            {"kty":"EC","kid":"ec-1","crv":"P-256","x":"\(x)","y":"\(y)"},
            {"kty":"oct","kid":"secret","k":"c2VjcmV0"},{"kty":"RSA","kid":"enc","use":"enc","n":"\(n)","e":"\(e)"}]}
            """
    }

    var keySet: JSONWebKeySet { (try? JSONWebKeySet.parse(jwks)) ?? JSONWebKeySet(keys: []) }

    static func claims(_ overrides: [String: String] = [:], removing: Set<String> = []) -> String {
        var fields: [String: String] = [
            "iss": "\"\(issuer)\"", "sub": "\"repo:octo/app:ref:refs/heads/main\"", "aud": "\"sts.amazonaws.com\"",
            "exp": "\(now + 300)", "iat": "\(now - 10)", "nbf": "\(now - 10)", "amr": "[\"pwd\",\"mfa\"]",
        ]
        for (key, value) in overrides { fields[key] = value }
        for key in removing { fields[key] = nil }
        return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    func token(header: String = #"{"alg":"RS256","kid":"rsa-1","typ":"JWT"}"#, claims: String = JWTFixture.claims()) throws -> String {
        let input = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(Data(claims.utf8))
        let signature: Data
        if header.contains("\"ES256\"") {
            signature = try ec.signature(for: Data(input.utf8)).rawRepresentation
        } else {
            signature = try rsa.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5).rawRepresentation
        }
        return input + "." + Base64URL.encode(signature)
    }
}

@Suite("Web identity tokens: signature, issuer, audience, expiry")
struct WebIdentityVerifierTests {
    let fixture = JWTFixture.shared
    let verifier = WebIdentityVerifier()

    func refusal(_ token: String, at now: Int64 = JWTFixture.now) -> FederationError? {
        do {
            _ = try verifier.verify(token: token, provider: fixture.provider, keys: fixture.keySet, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test("RS256 and ES256 tokens from the provider verify and give their claims")
    func valid() throws {
        #expect(fixture.keySet.keys.map(\.keyID) == ["rsa-1", "ec-1"], "symmetric and encryption keys are skipped")
        let claims = try verifier.verify(token: try fixture.token(), provider: fixture.provider, keys: fixture.keySet, now: JWTFixture.now)
        #expect(claims.issuer == JWTFixture.issuer && claims.subject == "repo:octo/app:ref:refs/heads/main")
        #expect(claims.audience == "sts.amazonaws.com" && claims.expiresAt == JWTFixture.now + 300)
        #expect(claims.authenticationMethods == ["pwd", "mfa"])
        #expect(claims.conditionKeys(providerURL: "token.example.com").map(\.key)
                == ["token.example.com:aud", "token.example.com:sub", "token.example.com:amr"])
        let ec = try fixture.token(header: #"{"alg":"ES256","kid":"ec-1"}"#, claims: JWTFixture.claims(["aud": "[\"other\",\"app\"]"]))
        #expect(try verifier.verify(token: ec, provider: fixture.provider, keys: fixture.keySet, now: JWTFixture.now).audience == "app")
        let noKid = try fixture.token(header: #"{"alg":"RS256"}"#)
        #expect(refusal(noKid) == nil, "without kid every key of the right type is tried")
    }

    @Test("Session tags and source identity come from AWS's claims")
    func sessionClaims() throws {
        let tags = #"{"principal_tags":{"Team":["blue"],"Cost":["7"]},"transitive_tag_keys":["Team"]}"#
        let token = try fixture.token(claims: JWTFixture.claims(["https://aws.amazon.com/tags": tags,
                                                                "https://aws.amazon.com/source_identity": "\"jdoe\""]))
        let claims = try verifier.verify(token: token, provider: fixture.provider, keys: fixture.keySet, now: JWTFixture.now)
        #expect(claims.principalTags == [.init(key: "Team", value: "blue"), .init(key: "Cost", value: "7")])
        #expect(claims.transitiveTagKeys == ["Team"] && claims.sourceIdentity == "jdoe")
    }

    @Test("Forged and altered tokens are InvalidIdentityToken")
    func forgeries() throws {
        let token = try fixture.token()
        let parts = token.split(separator: ".").map(String.init)
        let forgedClaims = Base64URL.encode(Data(JWTFixture.claims(["sub": "\"repo:evil/app\""]).utf8))
        let signatureInvalid = FederationError(.invalidIdentityToken, WebIdentityVerifier.badSignature)
        #expect(refusal([parts[0], forgedClaims, parts[2]].joined(separator: ".")) == signatureInvalid)
        var signature = Base64URL.decode(parts[2][...]) ?? []
        signature[10] ^= 1
        #expect(refusal([parts[0], parts[1], Base64URL.encode(signature)].joined(separator: ".")) == signatureInvalid)
        // alg none, HMAC with a public key as the secret, and a key the set does not have.
        let none = Base64URL.encode(Data(#"{"alg":"none"}"#.utf8)) + "." + parts[1] + ".c2ln"
        #expect(refusal(none)?.code == .invalidIdentityToken)
        let hmac = Base64URL.encode(Data(#"{"alg":"HS256","kid":"rsa-1"}"#.utf8)) + "." + parts[1] + "." + parts[2]
        #expect(refusal(hmac)?.code == .invalidIdentityToken)
        #expect(refusal(try fixture.token(header: #"{"alg":"RS256","kid":"rotated"}"#))
                == FederationError(.invalidIdentityToken, WebIdentityVerifier.noKey))
        // An RSA signature presented as ES256, and an EC key asked to check RS256.
        #expect(refusal(Base64URL.encode(Data(#"{"alg":"ES256","kid":"ec-1"}"#.utf8)) + "." + parts[1] + "." + parts[2])?.code
                == .invalidIdentityToken)
        #expect(refusal(try fixture.token(header: #"{"alg":"RS256","kid":"ec-1"}"#))?.code == .invalidIdentityToken)
        let stranger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let foreign = JWTFixture(rsa: stranger, ec: P256.Signing.PrivateKey())
        #expect(refusal(try foreign.token()) == signatureInvalid)
        let crit = try fixture.token(header: #"{"alg":"RS256","kid":"rsa-1","crit":["exp"]}"#)
        #expect(refusal(crit)?.code == .invalidIdentityToken)
    }

    @Test("Issuer, audience, expiry and not-before are AWS's errors")
    func claims() throws {
        #expect(refusal(try fixture.token(claims: JWTFixture.claims(["iss": "\"https://evil.example.com\""])))
                == FederationError(.invalidIdentityToken, "No OpenIDConnect provider found in your account for https://evil.example.com"))
        #expect(refusal(try fixture.token(claims: JWTFixture.claims(["aud": "\"someone-else\""])))
                == FederationError(.invalidIdentityToken, "Incorrect token audience"))
        #expect(refusal(try fixture.token(claims: JWTFixture.claims(removing: ["aud"])))?.message == "Incorrect token audience")
        #expect(refusal(try fixture.token(), at: JWTFixture.now + 300) == FederationError(.expiredToken,
                "Token expired: current date/time \(JWTFixture.now + 300) must be before the expiration date/time\(JWTFixture.now + 300)"))
        #expect(refusal(try fixture.token(claims: JWTFixture.claims(["nbf": "\(JWTFixture.now + 3_600)"])))?.code == .idpRejectedClaim)
        #expect(refusal(try fixture.token(claims: JWTFixture.claims(removing: ["sub"])))?.code == .idpRejectedClaim)
        #expect(refusal(try fixture.token(claims: JWTFixture.claims(["exp": "1.7776371e9"])))?.message
                == "Timestamps in the token must be formatted as either an integer or a long integer.")
        #expect(refusal(try fixture.token(claims: JWTFixture.claims(["exp": "\"\(JWTFixture.now + 300)\""])))?.code == .invalidIdentityToken)
        #expect(refusal(try fixture.token(claims: JWTFixture.claims(removing: ["exp"])))?.code == .invalidIdentityToken)
    }

    @Test("Malformed tokens are refused without crashing", arguments: [
        "", "abc", "a.b", "a.b.c.d", "!!!.???.###", String(repeating: "a", count: 20_001),
        "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
        // Duplicate claims are ambiguous: refused.
        Base64URL.encode(Data(#"{"alg":"RS256"}"#.utf8)) + "." + Base64URL.encode(Data(#"{"iss":"a","iss":"b"}"#.utf8)) + ".c2ln",
    ])
    func malformed(token: String) {
        #expect(refusal(token)?.code == .invalidIdentityToken)
        _ = WebIdentityVerifier.unverifiedIssuer(of: token)
    }
}
