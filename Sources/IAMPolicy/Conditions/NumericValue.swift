/// A number for Numeric operators: exact for integers, IEEE double otherwise.
enum NumericValue: Sendable, Comparable {
    case integer(Int64)
    case decimal(Double)

    init?(_ text: String) {
        if let i = Int64(text) {
            self = .integer(i)
            return
        }
        // Only plain decimal notation: digits, one `.`, optional sign and exponent.
        guard !text.isEmpty, text.utf8.allSatisfy({ Self.allowed($0) }),
              let d = Double(text), d.isFinite else { return nil }
        if d == d.rounded(), abs(d) < 9.0e15 {
            self = .integer(Int64(d))
        } else {
            self = .decimal(d)
        }
    }

    private static func allowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
             UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    private var double: Double {
        switch self {
        case .integer(let i): Double(i)
        case .decimal(let d): d
        }
    }

    static func < (lhs: NumericValue, rhs: NumericValue) -> Bool {
        if case .integer(let a) = lhs, case .integer(let b) = rhs { return a < b }
        return lhs.double < rhs.double
    }

    static func == (lhs: NumericValue, rhs: NumericValue) -> Bool {
        if case .integer(let a) = lhs, case .integer(let b) = rhs { return a == b }
        return lhs.double == rhs.double
    }
}
