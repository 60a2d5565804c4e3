@testable import IAMPolicy
import Testing

/// `Timestamp` parses the values of the Date condition operators (iam-facts §2.5): ISO 8601 in
/// its common forms, or epoch seconds. Expected epoch values were computed independently with
/// Python's `datetime.fromisoformat(...).timestamp()` and written here as constants.
@Suite("Timestamp parsing and ordering")
struct TimestampTests {
    /// A text and the instant it names, as (seconds, nanoseconds) since the Unix epoch.
    struct Known: Sendable, CustomTestStringConvertible {
        var text: String
        var seconds: Int64
        var nanoseconds: Int64 = 0
        var testDescription: String { "`\(text)`" }
    }

    static let isoForms: [Known] = [
        // Date only: midnight UTC.
        Known(text: "2020-01-01", seconds: 1_577_836_800),
        Known(text: "2012-10-17", seconds: 1_350_432_000),
        Known(text: "1970-01-01", seconds: 0),
        Known(text: "1900-03-01", seconds: -2_203_891_200),
        // Date and time with `T` and `Z`, in either case.
        Known(text: "2020-01-01T00:00:00Z", seconds: 1_577_836_800),
        Known(text: "2020-01-01t00:00:00z", seconds: 1_577_836_800),
        Known(text: "2020-01-01T12:00:00Z", seconds: 1_577_880_000),
        Known(text: "2020-01-01T12:00Z", seconds: 1_577_880_000),
        Known(text: "2024-02-29T12:34:56Z", seconds: 1_709_210_096),
        Known(text: "1969-12-31T23:59:59Z", seconds: -1),
        Known(text: "2038-01-19T03:14:08Z", seconds: 2_147_483_648),
        Known(text: "9999-12-31T23:59:59Z", seconds: 253_402_300_799),
        // Leap days.
        Known(text: "2024-02-29", seconds: 1_709_164_800),
        Known(text: "2000-02-29", seconds: 951_782_400),
        // Offsets: `+hh:mm`, `-hhmm`, `+hh`.
        Known(text: "2020-06-15T10:30:00+02:00", seconds: 1_592_209_800),
        Known(text: "2020-06-15T10:30:00-0530", seconds: 1_592_236_800),
        Known(text: "2020-06-15T10:30:00-05:30", seconds: 1_592_236_800),
        Known(text: "2020-06-15T10:30:00+02", seconds: 1_592_209_800),
    ]

    @Test("ISO 8601 dates and date-times parse to the instant they name", arguments: isoForms)
    func isoForm(_ known: Known) throws {
        let parsed = try #require(Timestamp(known.text))
        #expect(parsed.seconds == known.seconds)
        #expect(parsed.nanoseconds == known.nanoseconds)
    }

    static let fractions: [Known] = [
        Known(text: "2020-01-01T00:00:00.5Z", seconds: 1_577_836_800, nanoseconds: 500_000_000),
        Known(text: "2020-01-01T00:00:00.1Z", seconds: 1_577_836_800, nanoseconds: 100_000_000),
        Known(text: "2020-01-01T00:00:00.12Z", seconds: 1_577_836_800, nanoseconds: 120_000_000),
        Known(text: "2020-01-01T00:00:00.123Z", seconds: 1_577_836_800, nanoseconds: 123_000_000),
        Known(text: "2020-01-01T00:00:00.1234Z", seconds: 1_577_836_800, nanoseconds: 123_400_000),
        Known(text: "2020-01-01T00:00:00.12345Z", seconds: 1_577_836_800, nanoseconds: 123_450_000),
        Known(text: "2020-01-01T00:00:00.123456Z", seconds: 1_577_836_800, nanoseconds: 123_456_000),
        Known(text: "2020-01-01T00:00:00.1234567Z", seconds: 1_577_836_800, nanoseconds: 123_456_700),
        Known(text: "2020-01-01T00:00:00.12345678Z", seconds: 1_577_836_800, nanoseconds: 123_456_780),
        Known(text: "2020-01-01T00:00:00.123456789Z", seconds: 1_577_836_800, nanoseconds: 123_456_789),
        // Digits past the ninth are dropped (truncated, not rounded).
        Known(text: "2020-01-01T00:00:00.1234567899Z", seconds: 1_577_836_800, nanoseconds: 123_456_789),
        Known(text: "2020-01-01T00:00:00.999999999999Z", seconds: 1_577_836_800, nanoseconds: 999_999_999),
        Known(text: "2020-01-01T00:00:00.000000001Z", seconds: 1_577_836_800, nanoseconds: 1),
        // A fraction combined with an offset.
        Known(text: "2020-06-15T10:30:00.25+02:00", seconds: 1_592_209_800, nanoseconds: 250_000_000),
    ]

    @Test("fractional seconds of one to nine or more digits are nanoseconds", arguments: fractions)
    func fraction(_ known: Known) throws {
        let parsed = try #require(Timestamp(known.text))
        #expect(parsed.seconds == known.seconds)
        #expect(parsed.nanoseconds == known.nanoseconds)
    }

    static let epochForms: [Known] = [
        Known(text: "1577836800", seconds: 1_577_836_800),
        Known(text: "0", seconds: 0),
        Known(text: "1577836800.25", seconds: 1_577_836_800, nanoseconds: 250_000_000),
        Known(text: "1.000000001", seconds: 1, nanoseconds: 1),
        Known(text: "253402300799", seconds: 253_402_300_799),
        // Negative instants keep nanoseconds non-negative: -1.5 s is -2 s + 0.5 s.
        Known(text: "-1", seconds: -1),
        Known(text: "-1.5", seconds: -2, nanoseconds: 500_000_000),
        Known(text: "-0.25", seconds: -1, nanoseconds: 750_000_000),
        Known(text: "-2203891200", seconds: -2_203_891_200),
    ]

    @Test("epoch seconds parse, with a fraction and when negative", arguments: epochForms)
    func epochForm(_ known: Known) throws {
        let parsed = try #require(Timestamp(known.text))
        #expect(parsed.seconds == known.seconds)
        #expect(parsed.nanoseconds == known.nanoseconds)
    }

    static let invalid: [String] = [
        "", "garbage", "now", "-", "1.", "-.5", "1577836800x", "+1577836800",
        // Calendar errors.
        "2023-02-29", "1900-02-29", "2020-13-01", "2020-00-10", "2020-01-00", "2020-01-32", "2020-04-31",
        // Clock errors.
        "2020-01-01T24:00:00Z", "2020-01-01T23:60:00Z", "2020-01-01T23:59:61Z",
        // Offset errors.
        "2020-01-01T10:00:00+24:00", "2020-01-01T10:00:00+02:60", "2020-01-01T10:00:00+2",
        "2020-01-01T10:00:00+02:0", "2020-01-01T10:00:00+02:00:00", "2020-01-01T10:00:00Q",
        "2020-01-01T10:00:00ZZ",
        // Shape errors.
        "2020-01-01T", "2020-01-01T10:00:00.Z", "2020-01-01 10:00:00Z", "2020/01/01", "20-01-01", "2020-1-1",
        "2020-01-1", "T10:00:00Z", "2020-01-01T1:00:00Z", "2020-01-01T10:0:00Z", "2020-01-01Z",
        "１９７０-01-01", "2020-01-01T10:00:00.5.5Z",
        // Longer than 64 characters.
        "2020-01-01T00:00:00." + String(repeating: "0", count: 60) + "Z",
    ]

    @Test("malformed dates, times, offsets and garbage are rejected", arguments: invalid)
    func rejects(_ text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test("an offset with a colon but no minutes is rejected")
    func offsetWithDanglingColon() {
        do {
            #expect(Timestamp("2020-01-01T10:00:00+02:") == nil)
        }
    }

    @Test("a bare number is epoch seconds, even when it looks like a year")
    func bareNumberIsEpoch() {
        #expect(Timestamp("2020") == Timestamp(seconds: 2020))
    }

    @Test("a leap day exists only in leap years")
    func leapDays() {
        #expect(Timestamp("2024-02-29") != nil)
        #expect(Timestamp("2000-02-29") != nil)
        #expect(Timestamp("2023-02-29") == nil)
        #expect(Timestamp("1900-02-29") == nil)
        #expect(Timestamp("2100-02-29") == nil)
        // The day after a leap day is exactly one day later.
        let leap = Timestamp("2024-02-29T00:00:00Z")
        let next = Timestamp("2024-03-01T00:00:00Z")
        #expect(next.map(\.seconds) == leap.map { $0.seconds + 86_400 })
    }

    static let sameInstant: [String] = [
        "2020-01-01T02:00:00+02:00",
        "2020-01-01T00:00:00Z",
        "1577836800",
        "2020-01-01",
        "2020-01-01t00:00:00z",
        "2020-01-01T00:00:00.000Z",
        "2020-01-01T00:00:00.000000000000Z",
        "2019-12-31T19:00:00-05:00",
        "2020-01-01T05:30:00+0530",
        "2019-12-31T22:00:00-02",
        "1577836800.0",
        "1577836800.000000000",
    ]

    @Test("the same instant written in different forms compares equal", arguments: sameInstant)
    func sameInstantIsEqual(_ text: String) throws {
        let parsed = try #require(Timestamp(text))
        #expect(parsed == Timestamp(seconds: 1_577_836_800))
        #expect(!(parsed < Timestamp(seconds: 1_577_836_800)))
        #expect(!(Timestamp(seconds: 1_577_836_800) < parsed))
    }

    /// Strictly increasing, mixing the two notations and negative instants.
    static let ascending: [String] = [
        "1900-03-01",
        "-1.5",
        "-1",
        "1969-12-31T23:59:59.5Z",
        "1970-01-01",
        "0.000000001",
        "1970-01-01T00:00:00.000000002Z",
        "1970-01-01T00:00:01Z",
        "2020-01-01T01:00:00+02:00",
        "2019-12-31T23:59:59.999999999Z",
        "2020-01-01",
        "1577836800.5",
        "2020-01-01T00:00:01Z",
        "2020-01-01T00:00:00-00:01",
        "2024-02-29",
        "9999-12-31T23:59:59.999999999Z",
    ]

    @Test("timestamps order by instant, whatever their notation")
    func ordering() throws {
        let parsed = try Self.ascending.map { text in try #require(Timestamp(text), "`\(text)`") }
        for (earlier, later) in zip(parsed, parsed.dropFirst()) {
            #expect(earlier < later, "\(earlier) < \(later)")
            #expect(later > earlier)
            #expect(earlier != later)
        }
        #expect(parsed.reversed().sorted() == parsed)
    }

    @Test("nanoseconds break ties between equal seconds")
    func nanosecondTieBreak() throws {
        #expect(Timestamp(seconds: 5, nanoseconds: 1) > Timestamp(seconds: 5))
        #expect(Timestamp(seconds: -1, nanoseconds: 999_999_999) < Timestamp(seconds: 0))
        #expect(Timestamp("1577836800.1") == Timestamp("2020-01-01T00:00:00.1Z"))
        let tenth = try #require(Timestamp("1577836800.1"))
        #expect(tenth < (try #require(Timestamp("2020-01-01T00:00:00.100000001Z"))))
    }

    @Test("days from the civil calendar match known dates")
    func daysFromCivil() {
        #expect(Timestamp.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(Timestamp.daysFromCivil(year: 2020, month: 1, day: 1) == 18_262)
        #expect(Timestamp.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(Timestamp.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
        #expect(Timestamp.daysFromCivil(year: 1600, month: 1, day: 1) == -135_140)
    }
}
