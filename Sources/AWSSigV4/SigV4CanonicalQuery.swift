/// The canonical query string: each parameter decoded, then re-encoded with the RFC 3986
/// unreserved set, sorted by encoded name and then encoded value, joined as `name=value` with `&`.
enum SigV4CanonicalQuery {
    /// One decoded query parameter. The bytes need not be valid UTF-8.
    struct Parameter {
        var name: [UInt8]
        var value: [UInt8]
    }

    /// The decoded parameters in received order; empty `&&` pieces are skipped and a piece
    /// without `=` is a name with an empty value.
    static func parameters(_ query: String) -> [Parameter] {
        query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { piece in
            let name: Substring.UTF8View.SubSequence
            let value: Substring.UTF8View.SubSequence
            if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
                name = piece[piece.startIndex..<equals]
                value = piece[piece.index(after: equals)...]
            } else {
                name = piece
                value = piece[piece.endIndex...]
            }
            return Parameter(
                name: SigV4PercentEncoding.decode(name, plusAsSpace: true),
                value: SigV4PercentEncoding.decode(value, plusAsSpace: true))
        }
    }

    /// The decoded parameters as strings (invalid UTF-8 replaced), for reading signing parameters.
    static func stringParameters(_ query: String) -> [(name: String, value: String)] {
        parameters(query).map { (String(decoding: $0.name, as: UTF8.self), String(decoding: $0.value, as: UTF8.self)) }
    }

    /// The canonical query string; `excludingSignature` drops `X-Amz-Signature` (presigned requests).
    static func canonical(_ query: String, excludingSignature: Bool) -> String {
        let signatureName = Array(SigV4.QueryParameter.signature.utf8)
        let encoded = parameters(query)
            .filter { !excludingSignature || $0.name != signatureName }
            .map { (name: SigV4PercentEncoding.encode($0.name), value: SigV4PercentEncoding.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.name != rhs.name
                    ? lhs.name.lexicographicallyPrecedes(rhs.name) : lhs.value.lexicographicallyPrecedes(rhs.value)
            }
        var output: [UInt8] = []
        for (index, parameter) in encoded.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            output += parameter.name
            output.append(UInt8(ascii: "="))
            output += parameter.value
        }
        return String(decoding: output, as: UTF8.self)
    }
}
