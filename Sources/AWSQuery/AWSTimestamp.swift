/// Timestamps as the Query protocol writes them: ISO 8601 in UTC.
///
/// botocore reads response timestamps with `dateutil.parser` (`botocore.utils.parse_timestamp`), which accepts both
/// the plain form IAM uses and the form with milliseconds STS uses for credential expirations.
public enum AWSTimestamp {
    /// `2026-11-29T04:24:00Z`: seconds precision and a `Z`, as IAM returns `CreateDate` and friends.
    /// Years before 0000 are written with a `-` and years after 9999 with more digits; AWS never needs either.
    public static func iso8601(epochSeconds: Int64) -> String {
        let (days, secondOfDay) = floorDivide(epochSeconds, 86_400)
        return date(daysSinceEpoch: days) + "T" + time(secondOfDay: secondOfDay) + "Z"
    }

    /// `2026-11-29T04:24:00.123Z`: like ``iso8601(epochSeconds:)`` with milliseconds.
    public static func iso8601(epochMilliseconds: Int64) -> String {
        let (seconds, milliseconds) = floorDivide(epochMilliseconds, 1_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        return date(daysSinceEpoch: days) + "T" + time(secondOfDay: secondOfDay) + "." + pad(milliseconds, 3) + "Z"
    }

    /// `YYYY-MM-DD` for a day count since 1970-01-01, by Howard Hinnant's `civil_from_days`.
    static func date(daysSinceEpoch: Int64) -> String {
        let shifted = daysSinceEpoch + 719_468
        let (era, dayOfEra) = floorDivide(shifted, 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let yearText = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return yearText + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    static func time(secondOfDay: Int64) -> String {
        pad(secondOfDay / 3_600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
    }

    /// Quotient rounded toward negative infinity and a remainder in `0..<divisor` (for a positive divisor).
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// `value` (not negative) in decimal with leading zeros up to `width` digits.
    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
