/// `xs:dateTime` values as SAML writes them (`2026-05-01T12:00:00Z`, optional fractional seconds,
/// `Z` or a `±hh:mm` offset; no offset is read as UTC), to epoch seconds. Fractions are dropped.
public enum XMLDateTime {
    public static func epochSeconds(_ text: String) -> Int64? {
        let chars = Array(text.trimmingSpaces.utf8)
        guard chars.count >= 19, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
              chars[10] == UInt8(ascii: "T"), chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
              let year = number(chars, 0..<4), let month = number(chars, 5..<7), let day = number(chars, 8..<10),
              let hour = number(chars, 11..<13), let minute = number(chars, 14..<16), let second = number(chars, 17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < chars.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(chars[index]) { index += 1 }
            guard index > start else { return nil }
        }
        var offset: Int64 = 0
        if index < chars.count {
            if chars[index] == UInt8(ascii: "Z") {
                index += 1
            } else if chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
                guard index + 6 == chars.count, chars[index + 3] == UInt8(ascii: ":"),
                      let hours = number(chars, (index + 1)..<(index + 3)), let minutes = number(chars, (index + 4)..<(index + 6)),
                      hours <= 14, minutes < 60 else { return nil }
                offset = (hours * 3_600 + minutes * 60) * (chars[index] == UInt8(ascii: "+") ? 1 : -1)
                index += 6
            }
        }
        guard index == chars.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return days * 86_400 + hour * 3_600 + minute * 60 + min(second, 59) - offset
    }

    /// `seconds` moved `years` calendar years on (29 February becomes 28 February in a common year).
    public static func adding(years: Int64, to seconds: Int64) -> Int64 {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let timeOfDay = seconds - days * 86_400
        let date = civilFromDays(days)
        let year = date.year + years
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let day = date.month == 2 && date.day == 29 && !leap ? 28 : date.day
        return daysFromCivil(year: year, month: date.month, day: day) * 86_400 + timeOfDay
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func number(_ chars: [UInt8], _ range: Range<Int>) -> Int64? {
        var value: Int64 = 0
        for i in range {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(chars[i]) else { return nil }
            value = value * 10 + Int64(chars[i] - UInt8(ascii: "0"))
        }
        return value
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension String {
    /// Without leading and trailing XML white space (space, tab, CR, LF).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
