import IAMPolicy

/// The data type of a condition key, as the Service Authorization Reference and the global
/// condition key page give it (`String`, `ArrayOfARN`, `Bool`, ...), and which condition
/// operator families may test it.
struct ConditionKeyType: Sendable, Hashable {
    enum Base: String, Sendable, Hashable {
        case string = "String"
        case arn = "ARN"
        case bool = "Bool"
        case numeric = "Numeric"
        case date = "Date"
        case ipAddress = "IPAddress"
        case binary = "Binary"
    }

    var base: Base
    /// `ArrayOf...`: the key may carry several values.
    var isArray: Bool

    static let string = ConditionKeyType(base: .string, isArray: false)
    static let arrayOfString = ConditionKeyType(base: .string, isArray: true)
    static let arn = ConditionKeyType(base: .arn, isArray: false)
    static let bool = ConditionKeyType(base: .bool, isArray: false)
    static let numeric = ConditionKeyType(base: .numeric, isArray: false)
    static let date = ConditionKeyType(base: .date, isArray: false)
    static let ipAddress = ConditionKeyType(base: .ipAddress, isArray: false)

    /// Parses the catalog's spelling; unknown spellings count as `String`, the permissive choice.
    init(catalogName: String) {
        var name = Substring(catalogName)
        isArray = name.hasPrefix("ArrayOf")
        if isArray { name = name.dropFirst("ArrayOf".count) }
        switch name.lowercased() {
        case "arn": base = .arn
        case "bool", "boolean": base = .bool
        case "numeric", "long", "integer": base = .numeric
        case "date": base = .date
        case "ipaddress": base = .ipAddress
        case "binary": base = .binary
        default: base = .string
        }
    }

    init(base: Base, isArray: Bool) {
        self.base = base
        self.isArray = isArray
    }

    var name: String { (isArray ? "ArrayOf" : "") + base.rawValue }

    /// Operator families that can test a key of this type. String and ARN operators are
    /// interchangeable: String operators work on ARN keys (AWS recommends ARN operators there),
    /// and ARN operators on String keys that hold ARNs, as AWS's own managed policies do
    /// (`ArnLike` on `kms:EncryptionContext:aws:s3:arn`). `Null` tests any key.
    var operatorFamilies: Set<ConditionOperator.Family> {
        switch base {
        case .string: [.string, .arn, .null]
        case .arn: [.arn, .string, .null]
        case .bool: [.bool, .null]
        case .numeric: [.numeric, .null]
        case .date: [.date, .null]
        case .ipAddress: [.ip, .null]
        case .binary: [.binary, .null]
        }
    }

    /// How a finding names the operators that fit this type.
    var operatorHint: String {
        switch base {
        case .string: "a String"
        case .arn: "an ARN or String"
        case .bool: "a Bool"
        case .numeric: "a Numeric"
        case .date: "a Date"
        case .ipAddress: "an IpAddress"
        case .binary: "a BinaryEquals"
        }
    }
}
