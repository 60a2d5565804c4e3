import CryptoExtras
import Foundation
import Testing

@testable import IAMFederation

@Suite("SAML responses: signed, by the provider's key, for AWS, in time")
struct SAMLResponseVerifierTests {
    let fixture = SAMLFixture.shared
    let verifier = SAMLResponseVerifier()
    typealias Options = SAMLFixture.Options

    func verify(_ base64: String, at now: Int64 = SAMLFixture.now) throws(FederationError) -> SAMLAssertionClaims {
        try verifier.verify(samlResponse: base64, metadata: fixture.metadata, now: now)
    }

    func refusal(_ base64: String, at now: Int64 = SAMLFixture.now) -> FederationError? {
        do {
            _ = try verify(base64, at: now)
            return nil
        } catch {
            return error
        }
    }

    @Test("A response with a signed assertion gives its subject, issuer, audience, roles and session attributes")
    func signedAssertion() throws {
        var options = Options()
        options.extraAttributes = """
            <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/SessionDuration"><saml:AttributeValue>7200</saml:AttributeValue></saml:Attribute>\
            <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/SourceIdentity"><saml:AttributeValue>jdoe</saml:AttributeValue></saml:Attribute>\
            <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/PrincipalTag:Team"><saml:AttributeValue>blue</saml:AttributeValue></saml:Attribute>\
            <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys"><saml:AttributeValue>Team</saml:AttributeValue></saml:Attribute>
            """
        options.roles = ["\(SAMLFixture.provider),\(SAMLFixture.role)", "arn:aws:iam::123456789012:role/Other,\(SAMLFixture.provider)"]
        let claims = try verify(try fixture.signedResponse(options))
        #expect(claims.subject == "jdoe@example.com")
        #expect(claims.subjectType == "persistent")
        #expect(claims.issuer == SAMLFixture.issuer)
        #expect(claims.audience == "https://signin.aws.amazon.com/saml")
        #expect(claims.roleSessionName == "jdoe")
        #expect(claims.sessionDuration == 7_200)
        #expect(claims.sourceIdentity == "jdoe")
        #expect(claims.principalTags.map(\.key) == ["Team"] && claims.principalTags.map(\.value) == ["blue"])
        #expect(claims.transitiveTagKeys == ["Team"])
        #expect(claims.notOnOrAfter == SAMLFixture.now + 300)
        #expect(claims.sessionNotOnOrAfter == SAMLFixture.now + 8 * 3_600)
        #expect(claims.allows(roleARN: SAMLFixture.role, providerARN: SAMLFixture.provider), "either order of the pair")
        #expect(claims.allows(roleARN: "arn:aws:iam::123456789012:role/Other", providerARN: SAMLFixture.provider))
        #expect(!claims.allows(roleARN: "arn:aws:iam::123456789012:role/Admin", providerARN: SAMLFixture.provider))
        let expected = Data(Insecure.SHA1.hash(data: Data("\(SAMLFixture.issuer)123456789012/Okta".utf8))).base64EncodedString()
        #expect(claims.nameQualifier(accountID: SAMLFixture.account, providerName: "Okta") == expected)
        #expect(claims.conditionKeys(accountID: SAMLFixture.account, providerName: "Okta", providerARN: SAMLFixture.provider)
            .contains { $0.key == "saml:sub_type" && $0.values == ["persistent"] })
    }

    @Test("A response signed as a whole (assertion unsigned) is accepted; so is one signed twice")
    func signedResponse() throws {
        let options = Options()
        let whole = try fixture.sign(fixture.response(options, assertion: fixture.assertion(options)), id: "_response-1")
        #expect(try verify(fixture.encode(whole)).subject == "jdoe@example.com")
        let both = try fixture.sign(fixture.response(options, assertion: try fixture.sign(fixture.assertion(options), id: options.assertionID)),
                                    id: "_response-1")
        #expect(try verify(fixture.encode(both)).roleSessionName == "jdoe")
    }

    @Test("InclusiveNamespaces prefix lists are honoured")
    func inclusivePrefixes() throws {
        let options = Options()
        let signed = try fixture.sign(fixture.assertion(options), id: options.assertionID, inclusivePrefixes: "saml xs")
        #expect(try verify(fixture.encode(fixture.response(options, assertion: signed))).subject == "jdoe@example.com")
    }

    @Test("Unsigned, altered, or foreign-signed responses are refused with AWS's message")
    func forgeries() throws {
        let options = Options()
        let unsigned = fixture.encode(fixture.response(options, assertion: fixture.assertion(options)))
        #expect(refusal(unsigned) == FederationError(.invalidIdentityToken, "Response signature invalid"))

        let signed = fixture.response(options, assertion: try fixture.sign(fixture.assertion(options), id: options.assertionID))
        for (original, forged) in [("jdoe@example.com", "admin@example.com"), ("<saml:AttributeValue>jdoe<", "<saml:AttributeValue>root<"),
                                   ("role/Federated", "role/Admin"), ("2026-05-01T12:05:00Z\" Recipient", "2027-05-01T12:05:00Z\" Recipient")] {
            let altered = signed.replacingOccurrences(of: original, with: forged)
            #expect(altered != signed)
            #expect(refusal(fixture.encode(altered))?.message == "Response signature invalid", "\(forged)")
        }

        let stranger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let foreign = try fixture.sign(fixture.assertion(options), id: options.assertionID, with: stranger)
        #expect(refusal(fixture.encode(fixture.response(options, assertion: foreign)))?.message == "Response signature invalid")

        // A valid assertion signature does not excuse a broken response signature.
        let both = try fixture.sign(fixture.response(options, assertion: try fixture.sign(fixture.assertion(options), id: options.assertionID)),
                                    id: "_response-1")
        let brokenOuter = both.replacingOccurrences(of: "Destination=\"https://signin.aws.amazon.com/saml\"",
                                                    with: "Destination=\"https://evil.example.com/saml\"")
        #expect(refusal(fixture.encode(brokenOuter))?.message == "Response signature invalid")
    }

    @Test("Signature wrapping: a signed assertion hidden elsewhere does not vouch for an unsigned one")
    func wrapping() throws {
        let good = Options()
        let signed = try fixture.sign(fixture.assertion(good), id: good.assertionID)
        var evil = Options()
        evil.nameID = "attacker"
        evil.roles = ["arn:aws:iam::123456789012:role/Admin,\(SAMLFixture.provider)"]
        // The same ID twice (evil assertion first, the signed one inside it).
        let evilAssertion = fixture.assertion(evil).replacingOccurrences(of: "</saml:Assertion>", with: "<saml:Advice>\(signed)</saml:Advice></saml:Assertion>")
        #expect(refusal(fixture.encode(fixture.response(evil, assertion: evilAssertion)))?.message == "Response signature invalid")
        // A different ID, with the signed assertion tucked away in an extension.
        evil.assertionID = "_evil"
        let wrapped = fixture.response(evil, assertion: fixture.assertion(evil))
            .replacingOccurrences(of: "<samlp:Status>", with: "<samlp:Extensions>\(signed)</samlp:Extensions><samlp:Status>")
        #expect(refusal(fixture.encode(wrapped))?.message == "Response signature invalid")
        // Two assertions.
        let two = fixture.response(good, assertion: signed + fixture.assertion(evil))
        #expect(refusal(fixture.encode(two))?.code == .invalidIdentityToken)
    }

    @Test("A comment inside the NameID cannot truncate the signed subject")
    func commentInjection() throws {
        var options = Options()
        options.nameID = "admin@example.com<!---->.evil.com"
        let claims = try verify(try fixture.signedResponse(options))
        #expect(claims.subject == "admin@example.com.evil.com")
    }

    @Test("Expired assertions are ExpiredTokenException; early ones, wrong audiences and issuers are InvalidIdentityToken")
    func conditions() throws {
        let response = try fixture.signedResponse()
        #expect(refusal(response, at: SAMLFixture.now + 300)
                == FederationError.expired(now: SAMLFixture.now + 300, expiry: SAMLFixture.now + 300))
        #expect(refusal(response, at: SAMLFixture.now - 60 - 301)?.message == "The SAML assertion is not valid yet.")
        #expect((try? verify(response, at: SAMLFixture.now - 60 - 299)) != nil, "five minutes of clock skew")

        var shortConfirmation = Options()
        shortConfirmation.confirmationNotOnOrAfter = "2026-05-01T12:01:00Z"
        #expect(refusal(try fixture.signedResponse(shortConfirmation), at: SAMLFixture.now + 60)?.code == .expiredToken)

        var audience = Options()
        audience.audience = "https://example.com/app"
        #expect(refusal(try fixture.signedResponse(audience)) == FederationError(.invalidIdentityToken, "Response does not contain the required audience."))
        var recipient = Options()
        recipient.recipient = "https://example.com/acs"
        #expect(refusal(try fixture.signedResponse(recipient))?.message == "Response does not contain the required audience.")
        var regional = Options()
        regional.audience = "https://eu-west-1.signin.aws.amazon.com/saml"
        regional.recipient = "https://eu-west-1.signin.aws.amazon.com/saml"
        #expect(try verify(try fixture.signedResponse(regional)).audience == "https://eu-west-1.signin.aws.amazon.com/saml")

        var issuer = Options()
        issuer.issuer = "https://other-idp.example.com"
        #expect(refusal(try fixture.signedResponse(issuer))?.message == "Issuer not present in specified provider")
        var failed = Options()
        failed.status = "urn:oasis:names:tc:SAML:2.0:status:Requester"
        #expect(refusal(try fixture.signedResponse(failed))?.code == .invalidIdentityToken)
    }

    @Test("AWS's attribute rules: RoleSessionName required and well-formed; SourceIdentity and SessionDuration checked")
    func attributes() throws {
        var missing = Options()
        missing.sessionName = nil
        #expect(refusal(try fixture.signedResponse(missing))?.message == "RoleSessionName is required in AuthnResponse")
        var bad = Options()
        bad.sessionName = "has space"
        #expect(refusal(try fixture.signedResponse(bad))?.message == "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}")
        var source = Options()
        source.extraAttributes = "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/SourceIdentity\"><saml:AttributeValue>aws:me</saml:AttributeValue></saml:Attribute>"
        #expect(refusal(try fixture.signedResponse(source))?.message
                == "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"")
        var duration = Options()
        duration.extraAttributes = "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/SessionDuration\"><saml:AttributeValue>60</saml:AttributeValue></saml:Attribute>"
        #expect(refusal(try fixture.signedResponse(duration))?.code == .invalidIdentityToken)
        var format = Options()
        format.nameIDFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
        #expect(try verify(try fixture.signedResponse(format)).subjectType == "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")
        format.nameIDFormat = nil
        #expect(try verify(try fixture.signedResponse(format)).subjectType == nil)
    }

    @Test("Garbage, DTDs and oversized input are refused without crashing", arguments: [
        "", "not base64!", Data("<not-saml/>".utf8).base64EncodedString(),
        Data("<!DOCTYPE r [<!ENTITY x \"y\">]><samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>".utf8).base64EncodedString(),
        String(repeating: "QUFB", count: 30_000),
    ])
    func garbage(input: String) {
        #expect(refusal(input)?.code == .invalidIdentityToken)
    }

    @Test("Encrypted assertions are refused (decryption is not supported)")
    func encrypted() throws {
        let options = Options()
        let body = "<saml:EncryptedAssertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"><x/></saml:EncryptedAssertion>"
        #expect(refusal(fixture.encode(fixture.response(options, assertion: body)))?.message == "Encrypted SAML assertions are not supported.")
    }
}
