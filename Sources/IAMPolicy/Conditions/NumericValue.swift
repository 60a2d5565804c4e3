/// A number for Numeric operators: exact for integers, IEEE double otherwise.
enum NumericValue: Sendable, Comparable {
    case integer(Int64)
    case decimal(Double)

    init?(_ text: String) {
        if let i = Int64(text) {
            self = .integer(i)
            return
        }
        // `10.0`, `-3.000`: integral decimals stay exact integers.
        if let dot = text.firstIndex(of: "."), text[text.index(after: dot)...].allSatisfy({ $0 == "0" }),
           text[text.index(after: dot)...].count > 0, let i = Int64(text[..<dot]) {
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

    static func < (lhs: NumericValue, rhs: NumericValue) -> Bool {
        compare(lhs, rhs) < 0
    }

    static func == (lhs: NumericValue, rhs: NumericValue) -> Bool {
        compare(lhs, rhs) == 0
    }

    /// -1, 0 or 1. Integers against decimals compare exactly: the decimal is split into its
    /// floor (an integer) and a fraction, instead of rounding the integer to a double.
    static func compare(_ lhs: NumericValue, _ rhs: NumericValue) -> Int {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.decimal(let a), .decimal(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.integer(let a), .decimal(let d)): return compare(a, d)
        case (.decimal(let d), .integer(let a)): return -compare(a, d)
        }
    }

    private static func compare(_ a: Int64, _ d: Double) -> Int {
        if d >= 9.3e18 { return -1 }
        if d <= -9.3e18 { return 1 }
        let floor = d.rounded(.down)
        let f = Int64(floor)
        if a != f { return a < f ? -1 : 1 }
        return d > floor ? -1 : 0
    }
}
