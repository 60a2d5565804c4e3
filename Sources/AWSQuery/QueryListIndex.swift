/// The `N` of `member.N`, `entry.N` or an EC2 `Prefix.N`, checked without ever overflowing.
enum QueryListIndex: Equatable {
    /// A positive integer written without leading zeros, at most the list's limit.
    case valid(Int)
    /// Not a positive decimal integer without leading zeros (`0`, `01`, `-1`, `1a`, empty).
    case invalid
    /// A well-formed index above the list's limit (including ones too large for any integer type).
    case exceedsLimit

    init(_ text: Substring, limit: Int) {
        let digits = text.utf8
        guard let first = digits.first, first != UInt8(ascii: "0"),
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            self = .invalid
            return
        }
        var value = 0
        for digit in digits {
            // Stop before `value` can grow past `limit`, so a twenty-digit index never overflows.
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
            if value > limit {
                self = .exceedsLimit
                return
            }
        }
        self = .valid(value)
    }
}
