import AWSQuery
import IAMModel

/// The botocore model's constraints on string, integer and enum parameters (length, pattern, range, enum), answered
/// with AWS's `ValidationError` wording. Secret values are never echoed in the message.
enum FieldRules {
    /// `[\u0009\u000A\u000D\u0020-\u00FF]`: certificate bodies, chains and private keys.
    static func isCertificateText(_ c: Unicode.Scalar) -> Bool {
        c == "\t" || c == "\n" || c == "\r" || (0x20...0xFF).contains(c.value)
    }

    /// `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]`: delegation request texts and notes.
    static func isPrintableText(_ c: Unicode.Scalar) -> Bool {
        c == "\t" || c == "\n" || c == "\r" || (0x20...0x7E).contains(c.value) || (0xA1...0xFF).contains(c.value)
    }

    /// `[ -~]`: printable ASCII.
    static func isPrintableASCII(_ c: Unicode.Scalar) -> Bool { (0x20...0x7E).contains(c.value) }

    /// `[\w-]`.
    static func isWordOrHyphen(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    /// A string parameter: nil when absent and not required; `missingParameter` when required and absent; the length
    /// (in characters) and every character checked. `pattern` is the model's pattern, for the message.
    static func text(_ p: QueryParameters, _ parameter: String, required: Bool = false, min: Int = 0, max: Int? = nil,
                     pattern: String? = nil, secret: Bool = false,
                     allowed: (Unicode.Scalar) -> Bool = { _ in true }) throws -> String? {
        guard let value = p[parameter] else {
            if required { throw AWSServiceError.missingParameter(parameter) }
            return nil
        }
        let field = AWSServiceError.lowerFirst(parameter)
        let shown = secret || value.unicodeScalars.count > 256 ? "***" : value
        let length = value.unicodeScalars.count
        if length < min {
            throw AWSServiceError.validationError(IAMNames.violation(
                shown, at: field, "Member must have length greater than or equal to \(min)"))
        }
        if let max, length > max {
            throw AWSServiceError.validationError(IAMNames.violation(
                shown, at: field, "Member must have length less than or equal to \(max)"))
        }
        if let pattern, !value.unicodeScalars.allSatisfy(allowed) {
            throw AWSServiceError.validationError(IAMNames.violation(
                shown, at: field, "Member must satisfy regular expression pattern: \(pattern)"))
        }
        return value
    }

    /// A string that must match `regex` as a whole (after the length checks of ``text``).
    static func matching(_ p: QueryParameters, _ parameter: String, required: Bool = false, min: Int = 0,
                         max: Int? = nil, pattern: String, regex: String) throws -> String? {
        guard let value = try text(p, parameter, required: required, min: min, max: max) else { return nil }
        let matches = (try? Regex(regex)).map { value.wholeMatch(of: $0) != nil } ?? false
        guard matches else {
            throw AWSServiceError.validationError(IAMNames.violation(
                value, at: AWSServiceError.lowerFirst(parameter), "Member must satisfy regular expression pattern: \(pattern)"))
        }
        return value
    }

    /// An integer parameter within `range`.
    static func integer(_ p: QueryParameters, _ parameter: String, required: Bool = false,
                        in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try p.int(parameter) else {
            if required { throw AWSServiceError.missingParameter(parameter) }
            return nil
        }
        let field = AWSServiceError.lowerFirst(parameter)
        if value < range.lowerBound {
            throw AWSServiceError.validationError(IAMNames.violation(
                String(value), at: field, "Member must have value greater than or equal to \(range.lowerBound)"))
        }
        if value > range.upperBound {
            throw AWSServiceError.validationError(IAMNames.violation(
                String(value), at: field, "Member must have value less than or equal to \(range.upperBound)"))
        }
        return value
    }

    /// One of the model's enum values.
    static func oneOf(_ p: QueryParameters, _ parameter: String, _ values: [String], required: Bool = false) throws -> String? {
        guard let value = p[parameter] else {
            if required { throw AWSServiceError.missingParameter(parameter) }
            return nil
        }
        guard values.contains(value) else {
            throw AWSServiceError.validationError(IAMNames.violation(
                value, at: AWSServiceError.lowerFirst(parameter),
                "Member must satisfy enum value set: [\(values.joined(separator: ", "))]"))
        }
        return value
    }
}
