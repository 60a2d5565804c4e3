import Crypto
import Foundation

/// What a verified SAML response says, for AssumeRoleWithSAML: all of it read from the signed part.
public struct SAMLAssertionClaims: Sendable, Equatable {
    /// `NameID` of the assertion's Subject.
    public var subject: String
    /// The NameID `Format` with `urn:oasis:names:tc:SAML:2.0:nameid-format:` removed (`transient`,
    /// `persistent`, ...); other formats as given; nil when the NameID has no Format.
    public var subjectType: String?
    /// The assertion's `Issuer` (the IdP's entity ID).
    public var issuer: String
    /// The `Recipient` of the bearer SubjectConfirmationData (AWS returns it as `Audience`).
    public var audience: String
    /// Each value of `https://aws.amazon.com/SAML/Attributes/Role`: a role ARN and a provider ARN.
    public var roles: [RolePair]
    /// `https://aws.amazon.com/SAML/Attributes/RoleSessionName` (checked: `[\w+=,.@-]{2,64}`).
    public var roleSessionName: String
    /// `https://aws.amazon.com/SAML/Attributes/SessionDuration` (900...43,200), when present.
    public var sessionDuration: Int?
    /// `SessionNotOnOrAfter` of the AuthnStatement, when present (the session may not outlast it).
    public var sessionNotOnOrAfter: Int64?
    /// The earliest `NotOnOrAfter` of the assertion's Conditions and its bearer confirmation.
    public var notOnOrAfter: Int64
    /// `https://aws.amazon.com/SAML/Attributes/SourceIdentity`, when present (checked).
    public var sourceIdentity: String?
    /// `https://aws.amazon.com/SAML/Attributes/PrincipalTag:KEY` attributes, in document order.
    public var principalTags: [(key: String, value: String)]
    /// `https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys` values.
    public var transitiveTagKeys: [String]
    /// Every attribute: name → values, in document order.
    public var attributes: [(name: String, values: [String])]

    public struct RolePair: Sendable, Equatable, Hashable {
        public var roleARN: String
        public var providerARN: String
    }

    /// Whether the assertion lets its subject assume `roleARN` through `providerARN`.
    public func allows(roleARN: String, providerARN: String) -> Bool {
        roles.contains(RolePair(roleARN: roleARN, providerARN: providerARN))
    }

    /// AWS's `NameQualifier`: BASE64(SHA1(issuer + account ID + "/" + provider name)).
    public func nameQualifier(accountID: String, providerName: String) -> String {
        Data(Insecure.SHA1.hash(data: Data("\(issuer)\(accountID)/\(providerName)".utf8))).base64EncodedString()
    }

    /// The `saml:` condition keys a role's trust policy can test.
    public func conditionKeys(accountID: String, providerName: String, providerARN: String) -> [(key: String, values: [String])] {
        var keys: [(key: String, values: [String])] = [
            ("saml:aud", [audience]), ("saml:iss", [issuer]), ("saml:sub", [subject]),
            ("saml:namequalifier", [nameQualifier(accountID: accountID, providerName: providerName)]),
            ("saml:doc", [providerARN]),
        ]
        if let subjectType { keys.append(("saml:sub_type", [subjectType])) }
        return keys
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.subject == b.subject && a.subjectType == b.subjectType && a.issuer == b.issuer && a.audience == b.audience
            && a.roles == b.roles && a.roleSessionName == b.roleSessionName && a.sessionDuration == b.sessionDuration
            && a.sessionNotOnOrAfter == b.sessionNotOnOrAfter && a.notOnOrAfter == b.notOnOrAfter
            && a.sourceIdentity == b.sourceIdentity && a.principalTags.map(\.key) == b.principalTags.map(\.key)
            && a.principalTags.map(\.value) == b.principalTags.map(\.value) && a.transitiveTagKeys == b.transitiveTagKeys
            && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.values) == b.attributes.map(\.values)
    }
}
