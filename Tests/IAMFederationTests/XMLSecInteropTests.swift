import CryptoExtras
import Foundation
import Testing

@testable import IAMFederation

/// The verifier against the reference implementation: xmlsec1 (libxmlsec1, as used by many IdPs)
/// signs, Warden verifies; Warden's test signatures verify under xmlsec1. Needs the Debian
/// packages `xmlsec1` and `openssl`.
@Suite("XML signatures interoperate with xmlsec1")
struct XMLSecInteropTests {
    let fixture = SAMLFixture.shared
    static let assertionNode = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion"

    static let signatureTemplate = """
        <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
          <ds:SignedInfo>
            <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
            <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
            <ds:Reference URI="#_assertion-1">
              <ds:Transforms>
                <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
                <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
              </ds:Transforms>
              <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
              <ds:DigestValue/>
            </ds:Reference>
          </ds:SignedInfo>
          <ds:SignatureValue/>
          <ds:KeyInfo><ds:X509Data/></ds:KeyInfo>
        </ds:Signature>
        """

    @Test("A response whose assertion xmlsec1 signed verifies; altering it after signing does not")
    func xmlsecSigned() throws {
        let workspace = try ToolWorkspace()
        defer { workspace.remove() }
        try workspace.run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                                      "-subj", "/CN=idp.example.com", "-days", "30"])
        let options = SAMLFixture.Options()
        // Pretty-printed, with comments and a CRLF, as real IdPs send: canonicalization has to cope.
        let assertion = fixture.assertion(options)
            .replacingOccurrences(of: "</saml:Issuer>", with: "</saml:Issuer>\n" + Self.signatureTemplate)
            .replacingOccurrences(of: "<saml:Subject>", with: "\n  <!-- who -->\r\n  <saml:Subject>")
            .replacingOccurrences(of: "<saml:Conditions", with: "\n  <saml:Conditions")
        let template = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + fixture.response(options, assertion: assertion)
        try workspace.write("template.xml", template)
        try workspace.run("xmlsec1", ["--sign", "--privkey-pem", "key.pem,cert.pem", "--id-attr:ID", Self.assertionNode,
                                      "--output", "signed.xml", "template.xml"])
        let signed = try workspace.read("signed.xml")
        #expect(signed.contains("<ds:DigestValue>") && !signed.contains("<ds:DigestValue/>"))

        let certificate = try workspace.read("cert.pem").split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined(separator: "\n")
        let metadata = try SAMLMetadata.parse("""
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="\(SAMLFixture.issuer)">
              <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
                  <ds:X509Certificate>\(certificate)</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
              </md:IDPSSODescriptor>
            </md:EntityDescriptor>
            """)
        let verifier = SAMLResponseVerifier()
        let claims = try verifier.verify(samlResponse: fixture.encode(signed), metadata: metadata, now: SAMLFixture.now)
        #expect(claims.subject == "jdoe@example.com" && claims.roleSessionName == "jdoe")

        let altered = signed.replacingOccurrences(of: "jdoe@example.com", with: "root@example.com")
        #expect(throws: FederationError(.invalidIdentityToken, "Response signature invalid")) {
            try verifier.verify(samlResponse: fixture.encode(altered), metadata: metadata, now: SAMLFixture.now)
        }
        // The same document checked against another IdP's certificate.
        #expect(throws: FederationError.self) {
            try verifier.verify(samlResponse: fixture.encode(signed), metadata: fixture.metadata, now: SAMLFixture.now)
        }
    }

    @Test("Warden's canonical form is xmlsec1's: signatures made with it verify under xmlsec1", arguments: [nil, "saml xs"] as [String?])
    func wardenSigned(prefixes: String?) throws {
        let workspace = try ToolWorkspace()
        defer { workspace.remove() }
        try workspace.write("key.pub.pem", fixture.key.publicKey.pemRepresentation)
        var options = SAMLFixture.Options()
        options.extraAttributes = "<saml:Attribute Name=\"x\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><saml:AttributeValue a=\"&quot;&#10;\">a &amp; b &lt; c</saml:AttributeValue></saml:Attribute>"
        let signed = try fixture.sign(fixture.assertion(options), id: options.assertionID, inclusivePrefixes: prefixes)
        try workspace.write("signed.xml", fixture.response(options, assertion: signed))
        let result = try workspace.run("xmlsec1", ["--verify", "--pubkey-pem", "key.pub.pem", "--id-attr:ID", Self.assertionNode,
                                                   "signed.xml"], check: false)
        #expect(result.status == 0, "\(result.error)")
    }
}
