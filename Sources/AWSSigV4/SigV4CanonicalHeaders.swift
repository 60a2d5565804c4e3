/// The canonical headers block: one `name:value\n` line per signed header, where the value is
/// every occurrence of that header (trimmed, inner whitespace runs collapsed to one space, folded
/// continuation lines included) joined with `,` in received order.
enum SigV4CanonicalHeaders {
    /// ASCII-only lowercasing, so no Unicode case mapping can turn one header name into another.
    static func lowercasedASCII(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            return String(text)
        }
        let bytes = text.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): true
        default: false
        }
    }

    /// Trims the value and collapses each run of spaces, tabs and line breaks to a single space.
    static func normalizedValue(_ value: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if isWhitespace(byte) {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(UInt8(ascii: " ")) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The block for `signedHeaders` (in the given order), ending with a newline. A signed header
    /// the request lacks gets an empty value.
    static func block(_ headers: [(name: String, value: String)], signedHeaders: [String]) -> String {
        // Keyed by bytes: `String` keys would merge canonically equivalent names.
        let wanted = Set(signedHeaders.map { Array($0.utf8) })
        var values: [[UInt8]: [String]] = [:]
        for header in headers {
            let name = Array(lowercasedASCII(header.name).utf8)
            if wanted.contains(name) { values[name, default: []].append(normalizedValue(header.value)) }
        }
        var output = ""
        for name in signedHeaders {
            output += name + ":" + (values[Array(name.utf8)] ?? []).joined(separator: ",") + "\n"
        }
        return output
    }
}
