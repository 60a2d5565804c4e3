/// Reads the assertion's AttributeStatements into the claims, checking the attributes AWS defines.
enum SAMLAttributeReader {
    static let sessionNamePattern = "[a-zA-Z_0-9+=,.@-]{2,64}"

    static func read(_ assertion: XMLTreeElement, into claims: inout SAMLAssertionClaims) throws(FederationError) {
        let ns = SAMLResponseVerifier.assertionNamespace
        for statement in assertion.children("AttributeStatement", in: ns) {
            for attribute in statement.children("Attribute", in: ns) {
                guard let name = attribute.attribute("Name") else { continue }
                let values = attribute.children("AttributeValue", in: ns).map { $0.text.trimmingSpaces }
                claims.attributes.append((name, values))
            }
        }
        let prefix = SAMLResponseVerifier.attributePrefix
        func values(_ name: String) -> [String] {
            claims.attributes.filter { $0.name == prefix + name }.flatMap(\.values)
        }
        for value in values("Role") {
            let parts = value.split(separator: ",").map { String($0).trimmingSpaces }
            guard parts.count == 2 else { continue }
            let role = parts.first { $0.contains(":role/") }
            let provider = parts.first { $0.contains(":saml-provider/") }
            if let role, let provider, role != provider {
                claims.roles.append(.init(roleARN: role, providerARN: provider))
            }
        }
        guard let sessionName = values("RoleSessionName").first else {
            throw .invalid("RoleSessionName is required in AuthnResponse")
        }
        guard isSessionName(sessionName) else {
            throw .invalid("RoleSessionName in AuthnResponse must match \(sessionNamePattern)")
        }
        claims.roleSessionName = sessionName
        if let text = values("SessionDuration").first {
            guard let seconds = Int(text), (900...43_200).contains(seconds) else {
                throw .invalid("SessionDuration in AuthnResponse must be an integer between 900 and 43200")
            }
            claims.sessionDuration = seconds
        }
        if let source = values("SourceIdentity").first {
            guard isSessionName(source), !source.lowercased().hasPrefix("aws:") else {
                throw .invalid("Source Identity must match \(sessionNamePattern) and not begin with \"aws:\"")
            }
            claims.sourceIdentity = source
        }
        for attribute in claims.attributes where attribute.name.hasPrefix(prefix + "PrincipalTag:") {
            let key = String(attribute.name.dropFirst((prefix + "PrincipalTag:").count))
            if let value = attribute.values.first, !key.isEmpty { claims.principalTags.append((key, value)) }
        }
        claims.transitiveTagKeys = values("TransitiveTagKeys")
    }

    /// `[\w+=,.@-]{2,64}` over ASCII.
    static func isSessionName(_ value: String) -> Bool {
        (2...64).contains(value.unicodeScalars.count) && value.unicodeScalars.allSatisfy { c in
            switch c {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": true
            default: false
            }
        }
    }
}
