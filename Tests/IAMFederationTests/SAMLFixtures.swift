import Crypto
import CryptoExtras
import Foundation

@testable import IAMFederation

/// Builds SAML 2.0 responses as an IdP would and signs them with a key made for the test run.
struct SAMLFixture {
    static let issuer = "https://idp.example.com/saml"
    static let account = "123456789012"
    static let role = "arn:aws:iam::123456789012:role/Federated"
    static let provider = "arn:aws:iam::123456789012:saml-provider/Okta"
    /// 2026-05-01T12:00:00Z
    static let now: Int64 = 1_777_636_800
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"

    let key: _RSA.Signing.PrivateKey

    /// One key per test run (RSA key generation is slow).
    static let shared: SAMLFixture = {
        // A 2048-bit key generated once; failure here is a broken crypto library, not a test outcome.
        guard let key = try? _RSA.Signing.PrivateKey(keySize: .bits2048) else { preconditionFailure("RSA key generation failed") }
        return SAMLFixture(key: key)
    }()

    var metadata: SAMLMetadata {
        SAMLMetadata(entityID: Self.issuer, signingCertificates: [], signingKeys: [.rsa(key.publicKey)], validUntil: nil)
    }

    struct Options {
        var issuer = SAMLFixture.issuer
        var audience = "https://signin.aws.amazon.com/saml"
        var recipient = "https://signin.aws.amazon.com/saml"
        var notBefore = "2026-05-01T11:59:00Z"
        var notOnOrAfter = "2026-05-01T12:05:00Z"
        var confirmationNotOnOrAfter = "2026-05-01T12:05:00Z"
        var nameID = "jdoe@example.com"
        var nameIDFormat: String? = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
        var sessionName: String? = "jdoe"
        var roles = ["\(SAMLFixture.role),\(SAMLFixture.provider)"]
        var extraAttributes = ""
        var assertionID = "_assertion-1"
        var status = "urn:oasis:names:tc:SAML:2.0:status:Success"
    }

    func assertion(_ o: Options) -> String {
        let format = o.nameIDFormat.map { " Format=\"\($0)\"" } ?? ""
        let session = o.sessionName.map {
            "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\"><saml:AttributeValue>\($0)</saml:AttributeValue></saml:Attribute>"
        } ?? ""
        let roles = o.roles.map { "<saml:AttributeValue>\($0)</saml:AttributeValue>" }.joined()
        return """
            <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="\(o.assertionID)" Version="2.0" IssueInstant="2026-05-01T12:00:00Z">\
            <saml:Issuer>\(o.issuer)</saml:Issuer>\
            <saml:Subject><saml:NameID\(format)>\(o.nameID)</saml:NameID>\
            <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
            <saml:SubjectConfirmationData NotOnOrAfter="\(o.confirmationNotOnOrAfter)" Recipient="\(o.recipient)"/>\
            </saml:SubjectConfirmation></saml:Subject>\
            <saml:Conditions NotBefore="\(o.notBefore)" NotOnOrAfter="\(o.notOnOrAfter)">\
            <saml:AudienceRestriction><saml:Audience>\(o.audience)</saml:Audience></saml:AudienceRestriction></saml:Conditions>\
            <saml:AuthnStatement AuthnInstant="2026-05-01T12:00:00Z" SessionNotOnOrAfter="2026-05-01T20:00:00Z">\
            <saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>\
            <saml:AttributeStatement>\
            <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">\(roles)</saml:Attribute>\
            \(session)\(o.extraAttributes)</saml:AttributeStatement></saml:Assertion>
            """
    }

    func response(_ o: Options, assertion body: String, id: String = "_response-1") -> String {
        """
        <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="\(id)" Version="2.0" IssueInstant="2026-05-01T12:00:00Z" Destination="https://signin.aws.amazon.com/saml">\
        <saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">\(o.issuer)</saml:Issuer>\
        <samlp:Status><samlp:StatusCode Value="\(o.status)"/></samlp:Status>\(body)</samlp:Response>
        """
    }

    /// `element` (a complete element's text) with an enveloped signature inserted after its first
    /// child `Issuer` element, signed with `signer` (or this fixture's key).
    func sign(_ element: String, id: String, with signer: _RSA.Signing.PrivateKey? = nil, inclusivePrefixes: String? = nil) throws -> String {
        let tree = try XMLTreeParser.parse(element, limits: XMLTreeLimits(maximumBytes: 1_000_000))
        let prefixList = inclusivePrefixes.map { Set($0.split(separator: " ").map(String.init)) } ?? []
        let digest = Data(SHA256.hash(data: ExclusiveCanonicalizer(inclusivePrefixes: prefixList).canonicalize(tree.root))).base64EncodedString()
        let inclusive = inclusivePrefixes.map { "<ec:InclusiveNamespaces xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"\($0)\"/>" } ?? ""
        let signedInfo = """
            <ds:SignedInfo xmlns:ds="\(Self.dsig)"><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
            <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
            <ds:Reference URI="#\(id)"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
            <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">\(inclusive)</ds:Transform></ds:Transforms>\
            <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>\(digest)</ds:DigestValue></ds:Reference></ds:SignedInfo>
            """
        let canonicalInfo = ExclusiveCanonicalizer().canonicalize(try XMLTreeParser.parse(signedInfo, limits: XMLTreeLimits(maximumBytes: 100_000)).root)
        let value = try (signer ?? key).signature(for: SHA256.hash(data: canonicalInfo), padding: .insecurePKCS1v1_5)
        let signature = "<ds:Signature xmlns:ds=\"\(Self.dsig)\">"
            + signedInfo.replacingOccurrences(of: "<ds:SignedInfo xmlns:ds=\"\(Self.dsig)\">", with: "<ds:SignedInfo>")
            + "<ds:SignatureValue>\(value.rawRepresentation.base64EncodedString(options: .lineLength64Characters))</ds:SignatureValue></ds:Signature>"
        guard let issuerEnd = element.range(of: "</saml:Issuer>") else { throw FixtureFailure("no Issuer to sign after") }
        var signed = element
        signed.insert(contentsOf: signature, at: issuerEnd.upperBound)
        return signed
    }

    /// A response whose assertion is signed, base64-encoded as the IdP posts it.
    func signedResponse(_ o: Options = Options()) throws -> String {
        encode(response(o, assertion: try sign(assertion(o), id: o.assertionID)))
    }

    func encode(_ xml: String) -> String { Data(xml.utf8).base64EncodedString() }
}

struct FixtureFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
