/// A point in time for Date operators: seconds since the Unix epoch plus nanoseconds.
/// Parsed from ISO 8601 (`2020-01-01`, `2020-01-01T10:00:00Z`, `...T10:00:00.5+02:00`) or from
/// epoch seconds (`1577836800`, `1577836800.25`).
struct Timestamp: Sendable, Comparable {
    var seconds: Int64
    var nanoseconds: Int64

    static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    init(seconds: Int64, nanoseconds: Int64 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        if let epoch = Self.parseEpoch(bytes) {
            self = epoch
        } else if let iso = Self.parseISO(bytes) {
            self = iso
        } else {
            return nil
        }
    }

    private static func digit(_ b: UInt8) -> Int64? {
        b >= 0x30 && b <= 0x39 ? Int64(b - 0x30) : nil
    }

    private static func parseEpoch(_ bytes: [UInt8]) -> Timestamp? {
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        var seconds: Int64 = 0
        var digits = 0
        while i < bytes.count, let d = digit(bytes[i]) {
            guard digits < 15 else { return nil }
            seconds = seconds * 10 + d
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        var nanos: Int64 = 0
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard let fraction = parseFraction(bytes, &i) else { return nil }
            nanos = fraction
        }
        guard i == bytes.count else { return nil }
        if negative {
            return nanos == 0 ? Timestamp(seconds: -seconds) : Timestamp(seconds: -seconds - 1, nanoseconds: 1_000_000_000 - nanos)
        }
        return Timestamp(seconds: seconds, nanoseconds: nanos)
    }

    private static func parseFraction(_ bytes: [UInt8], _ i: inout Int) -> Int64? {
        var nanos: Int64 = 0
        var count = 0
        while i < bytes.count, let d = digit(bytes[i]) {
            if count < 9 { nanos = nanos * 10 + d }
            count += 1
            i += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 9) { nanos *= 10 }
        return nanos
    }

    private static func number(_ bytes: [UInt8], _ i: inout Int, digits: Int) -> Int64? {
        guard i + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for k in 0..<digits {
            guard let d = digit(bytes[i + k]) else { return nil }
            value = value * 10 + d
        }
        i += digits
        return value
    }

    private static func parseISO(_ bytes: [UInt8]) -> Timestamp? {
        var i = 0
        guard let year = number(bytes, &i, digits: 4) else { return nil }
        var month: Int64 = 1
        var day: Int64 = 1
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var nanos: Int64 = 0
        var offset: Int64 = 0
        if i < bytes.count && bytes[i] == UInt8(ascii: "-") {
            i += 1
            guard let m = number(bytes, &i, digits: 2) else { return nil }
            month = m
            if i < bytes.count && bytes[i] == UInt8(ascii: "-") {
                i += 1
                guard let d = number(bytes, &i, digits: 2) else { return nil }
                day = d
            }
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: "t")) {
            i += 1
            guard let h = number(bytes, &i, digits: 2) else { return nil }
            hour = h
            if i < bytes.count && bytes[i] == UInt8(ascii: ":") {
                i += 1
                guard let m = number(bytes, &i, digits: 2) else { return nil }
                minute = m
                if i < bytes.count && bytes[i] == UInt8(ascii: ":") {
                    i += 1
                    guard let s = number(bytes, &i, digits: 2) else { return nil }
                    second = s
                    if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
                        i += 1
                        guard let f = parseFraction(bytes, &i) else { return nil }
                        nanos = f
                    }
                }
            }
            if i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                    i += 1
                case UInt8(ascii: "+"), UInt8(ascii: "-"):
                    let sign: Int64 = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(bytes, &i, digits: 2), oh <= 23 else { return nil }
                    var om: Int64 = 0
                    let colon = i < bytes.count && bytes[i] == UInt8(ascii: ":")
                    if colon { i += 1 }
                    if colon || i < bytes.count {
                        guard let m = number(bytes, &i, digits: 2), m <= 59 else { return nil }
                        om = m
                    }
                    offset = sign * (oh * 3600 + om * 60)
                default:
                    return nil
                }
            }
        }
        guard i == bytes.count else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Timestamp(seconds: days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanoseconds: nanos)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
