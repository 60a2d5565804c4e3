import AWSQuery
import IAMModel

/// Input rules of the provider operations (botocore's shapes, then IAM's own checks), with AWS's
/// messages. Constraint violations are collected like AWS does ("3 validation errors detected: ...");
/// documents, keys and lists are never quoted back.
enum ProviderValidation {
    /// `Value at 'field' failed to satisfy constraint: ...` problems, in the order found.
    struct Problems {
        var items: [String] = []

        mutating func add(_ field: String, _ constraint: String, value: String? = nil) {
            let subject = value.map { "Value '\($0)' at '\(field)'" } ?? "Value at '\(field)'"
            items.append("\(subject) failed to satisfy constraint: \(constraint)")
        }

        /// A ValidationError naming every problem, if there is one.
        func check() throws(AWSServiceError) {
            guard !items.isEmpty else { return }
            let count = items.count == 1 ? "1 validation error detected" : "\(items.count) validation errors detected"
            throw AWSServiceError.validationError("\(count): \(items.joined(separator: "; "))")
        }
    }

    static func length(_ value: String, _ range: ClosedRange<Int>) -> String? {
        let count = value.count
        if count < range.lowerBound { return "Member must have length greater than or equal to \(range.lowerBound)" }
        if count > range.upperBound { return "Member must have length less than or equal to \(range.upperBound)" }
        return nil
    }

    /// `arnType`: 20...2,048 characters.
    static func arn(_ p: QueryParameters, _ parameter: String) throws -> String {
        let value = try p.required(parameter)
        var problems = Problems()
        if let problem = length(value, 20...2_048) {
            problems.add(AWSServiceError.lowerFirst(parameter), problem, value: value.count > 2_048 ? nil : value)
        }
        try problems.check()
        return value
    }

    /// The OIDC provider URL: `https://host[/path]` without query or fragment (or `http://` to a
    /// loopback host behind the test switch). Returns the scheme and the rest.
    static func oidcURL(_ url: String, allowLoopbackHTTP: Bool) -> (scheme: String, rest: String)? {
        let lowered = url.lowercased()
        let scheme: String
        if lowered.hasPrefix("https://") {
            scheme = "https"
        } else if lowered.hasPrefix("http://") && allowLoopbackHTTP {
            scheme = "http"
        } else {
            return nil
        }
        let rest = String(url.dropFirst(scheme.count + 3))
        let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let hostName = host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        guard !hostName.isEmpty, !rest.contains("?"), !rest.contains("#"), !host.contains("@"),
              rest.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return nil }
        if scheme == "http" {
            let loopback = host == "127.0.0.1" || host.hasPrefix("127.0.0.1:") || host == "localhost" || host.hasPrefix("localhost:")
            guard loopback else { return nil }
        }
        return (scheme, rest)
    }

    /// A thumbprint: the hex SHA-1 of a certificate, 40 hexadecimal digits.
    static func isThumbprint(_ value: String) -> Bool {
        value.utf8.count == 40 && value.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }

    /// `SAMLProviderNameType`: `[\w._-]+`, 1...128.
    static func samlName(_ p: QueryParameters) throws -> String {
        let name = try p.required("Name")
        var problems = Problems()
        if let problem = length(name, 1...128) { problems.add("name", problem, value: name) }
        let allowed = name.unicodeScalars.allSatisfy { c in
            switch c {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-": true
            default: false
            }
        }
        if !allowed { problems.add("name", "Member must satisfy regular expression pattern: [\\w._-]+", value: name) }
        try problems.check()
        return name
    }

    /// `SAMLMetadataDocumentType`: 1,000...10,000,000 characters (the document is not quoted back).
    static func metadataDocument(_ value: String, _ problems: inout Problems) {
        if let problem = length(value, 1_000...10_000_000) { problems.add("sAMLMetadataDocument", problem) }
    }

    /// `assertionEncryptionModeType`.
    static func encryptionMode(_ value: String?, _ problems: inout Problems) -> IAMAssertionEncryptionMode? {
        guard let value else { return nil }
        guard let mode = IAMAssertionEncryptionMode(rawValue: value) else {
            problems.add("assertionEncryptionMode", "Member must satisfy enum value set: [Required, Allowed]", value: value)
            return nil
        }
        return mode
    }

    /// `privateKeyType`: 1...16,384 characters of `[\u0009\u000A\u000D\u0020-\u00FF]+` (never quoted back).
    static func privateKey(_ value: String?, _ problems: inout Problems) {
        guard let value else { return }
        if let problem = length(value, 1...16_384) { problems.add("addPrivateKey", problem) }
        let allowed = value.unicodeScalars.allSatisfy { c in c == "\t" || c == "\n" || c == "\r" || (0x20...0xFF).contains(c.value) }
        if !allowed { problems.add("addPrivateKey", "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+") }
    }

    /// `privateKeyIdType`: `[A-Z0-9]+`, 22...64.
    static func privateKeyID(_ value: String?, _ problems: inout Problems) {
        guard let value else { return }
        if let problem = length(value, 22...64) { problems.add("removePrivateKey", problem, value: value) }
        if !value.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) {
            problems.add("removePrivateKey", "Member must satisfy regular expression pattern: [A-Z0-9]+", value: value)
        }
    }
}
