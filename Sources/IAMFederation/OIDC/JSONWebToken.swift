import IAMPolicy

/// A compact JWS (`header.payload.signature`), parsed but not yet verified.
struct JSONWebToken {
    var header: JSONNode
    var claims: JSONNode
    /// `header.payload` as sent: what the signature covers.
    var signingInput: [UInt8]
    var signature: [UInt8]

    /// The model's `clientTokenType` bounds.
    static let length = 4...20_000

    static func parse(_ token: String) -> JSONWebToken? {
        guard length.contains(token.utf8.count) else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]), let claimBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]), !signature.isEmpty,
              let headerText = String(validating: headerBytes, as: UTF8.self),
              let claimText = String(validating: claimBytes, as: UTF8.self),
              let header = try? JSONParser.parse(headerText, maximumDepth: 8),
              let claims = try? JSONParser.parse(claimText, maximumDepth: 16),
              header.objectValue != nil, claims.objectValue != nil else { return nil }
        return JSONWebToken(header: header, claims: claims, signingInput: Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8),
                            signature: signature)
    }

    /// The issuer of a token before it is verified: to find the provider and its keys.
    static func unverifiedIssuer(_ token: String) -> String? {
        parse(token)?.claims["iss"]?.stringValue
    }
}

extension JSONNode {
    /// A NumericDate: a JSON integer (AWS accepts integers only).
    var integerValue: Int64? {
        guard case .number(let text) = kind else { return nil }
        return Int64(text)
    }

    /// A string, or every string of an array of strings.
    var stringValues: [String]? {
        if let single = stringValue { return [single] }
        guard let array = arrayValue else { return nil }
        let strings = array.compactMap(\.stringValue)
        return strings.count == array.count ? strings : nil
    }
}
