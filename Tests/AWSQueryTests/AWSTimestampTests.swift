import Testing

@testable import AWSQuery

@Suite("Timestamps")
struct AWSTimestampTests {
    // Epoch values from Python's `calendar.timegm(datetime.fromisoformat(text).timetuple())`.
    @Test(
        "seconds since the epoch render as ISO 8601 in UTC",
        arguments: [
            (Int64(1_795_926_240), "2026-11-29T04:24:00Z"),
            (0, "1970-01-01T00:00:00Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (1_709_208_000, "2024-02-29T12:00:00Z"),
            (951_868_800, "2000-03-01T00:00:00Z"),
            (-2_203_891_200, "1900-03-01T00:00:00Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
            (-62_135_596_800, "0001-01-01T00:00:00Z"),
        ])
    func seconds(_ epoch: Int64, _ expected: String) {
        #expect(AWSTimestamp.iso8601(epochSeconds: epoch) == expected)
    }

    @Test("milliseconds add a three-digit fraction")
    func milliseconds() {
        #expect(AWSTimestamp.iso8601(epochMilliseconds: 1_795_926_240_123) == "2026-11-29T04:24:00.123Z")
        #expect(AWSTimestamp.iso8601(epochMilliseconds: 5) == "1970-01-01T00:00:00.005Z")
        #expect(AWSTimestamp.iso8601(epochMilliseconds: -1) == "1969-12-31T23:59:59.999Z")
    }

    @Test("extreme values render without trapping")
    func extremes() {
        #expect(!AWSTimestamp.iso8601(epochSeconds: .max).isEmpty)
        #expect(!AWSTimestamp.iso8601(epochSeconds: .min).isEmpty)
        #expect(!AWSTimestamp.iso8601(epochMilliseconds: .max).isEmpty)
        #expect(!AWSTimestamp.iso8601(epochMilliseconds: .min).isEmpty)
    }
}
