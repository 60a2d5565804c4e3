/// The timestamps SigV4 uses, without Foundation: the ISO-8601 basic form `20150830T123600Z`,
/// the date stamp `20150830`, and the RFC 1123 `Date` header `Sun, 30 Aug 2015 12:36:00 GMT`.
/// Times are epoch seconds (UTC); all arithmetic saturates instead of trapping.
enum SigV4Timestamp {
    static let secondsPerDay: Int64 = 86_400

    /// `a + b`, clamped to the `Int64` range.
    static func adding(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? .max : .min
    }

    // MARK: Parsing

    /// Parses `yyyyMMdd'T'HHmmss'Z'` exactly (16 ASCII characters); `nil` for anything else.
    static func parseBasicISO8601(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8.prefix(17))
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            let year = number(bytes[0..<4]), let month = number(bytes[4..<6]), let day = number(bytes[6..<8]),
            let hour = number(bytes[9..<11]), let minute = number(bytes[11..<13]),
            let second = number(bytes[13..<15])
        else { return nil }
        return epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Parses the RFC 1123 form of an HTTP date, `Sun, 30 Aug 2015 12:36:00 GMT` (the weekday is
    /// optional and not checked against the date; the zone must be `GMT` or `UTC`).
    static func parseHTTPDate(_ text: some StringProtocol) -> Int64? {
        guard text.utf8.count <= 64 else { return nil }
        var fields = String(text).split(separator: " ").map(String.init)
        if let first = fields.first, first.hasSuffix(",") {
            guard weekdays.contains(String(first.dropLast())) else { return nil }
            fields.removeFirst()
        }
        guard fields.count == 5, fields[4] == "GMT" || fields[4] == "UTC",
            (1...2).contains(fields[0].utf8.count), let day = number(Array(fields[0].utf8)),
            let monthIndex = months.firstIndex(of: fields[1]),
            fields[2].utf8.count == 4, let year = number(Array(fields[2].utf8))
        else { return nil }
        let clock = Array(fields[3].utf8)
        guard clock.count == 8, clock[2] == UInt8(ascii: ":"), clock[5] == UInt8(ascii: ":"),
            let hour = number(clock[0..<2]), let minute = number(clock[3..<5]), let second = number(clock[6..<8])
        else { return nil }
        return epochSeconds(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
    }

    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A run of ASCII digits (at most 4) as a number; `nil` if empty, too long or not all digits.
    private static func number(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// Validated calendar fields to epoch seconds; `nil` if any field is out of range.
    static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        return days * secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: Formatting

    /// `20150830T123600Z`.
    static func basicISO8601(_ time: Int64) -> String {
        let (year, month, day, secondOfDay) = civil(time)
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
            + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }

    /// `20150830`, the credential-scope date.
    static func dateStamp(_ time: Int64) -> String {
        let (year, month, day, _) = civil(time)
        return pad(year, 4) + pad(month, 2) + pad(day, 2)
    }

    private static func civil(_ time: Int64) -> (year: Int64, month: Int64, day: Int64, secondOfDay: Int64) {
        var days = time / secondsPerDay
        var secondOfDay = time % secondsPerDay
        if secondOfDay < 0 {
            secondOfDay += secondsPerDay
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        return (year, month, day, secondOfDay)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: Proleptic Gregorian calendar (H. Hinnant's days_from_civil / civil_from_days)

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `days` is at most `Int64.max / 86400` in magnitude, so nothing here can overflow.
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
