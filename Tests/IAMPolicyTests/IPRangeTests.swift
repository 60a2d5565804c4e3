@testable import IAMPolicy
import Testing

/// `IPRange` parses the values of `IpAddress`/`NotIpAddress` and of `aws:SourceIp`
/// (iam-facts §2.5): IPv4 and IPv6 addresses and CIDR blocks.
@Suite("IP address and CIDR block parsing and matching")
struct IPRangeTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        var text: String
        var isV6: Bool
        var high: UInt64
        var low: UInt64
        var prefixLength: Int
        var testDescription: String { "`\(text)`" }
    }

    static let valid: [Parsed] = [
        // IPv4: the address sits in the low 32 bits.
        Parsed(text: "192.0.2.1", isV6: false, high: 0, low: 0xC000_0201, prefixLength: 32),
        Parsed(text: "0.0.0.0/0", isV6: false, high: 0, low: 0, prefixLength: 0),
        Parsed(text: "10.0.0.0/8", isV6: false, high: 0, low: 0x0A00_0000, prefixLength: 8),
        Parsed(text: "192.0.2.0/24", isV6: false, high: 0, low: 0xC000_0200, prefixLength: 24),
        Parsed(text: "203.0.113.7/32", isV6: false, high: 0, low: 0xCB00_7107, prefixLength: 32),
        Parsed(text: "255.255.255.255", isV6: false, high: 0, low: 0xFFFF_FFFF, prefixLength: 32),
        // IPv6, full and compressed.
        Parsed(text: "2001:0db8:0000:0000:0000:0000:0000:0001", isV6: true, high: 0x2001_0DB8_0000_0000, low: 1,
               prefixLength: 128),
        Parsed(text: "2001:db8:85a3:8d3:1319:8a2e:370:7348", isV6: true, high: 0x2001_0DB8_85A3_08D3,
               low: 0x1319_8A2E_0370_7348, prefixLength: 128),
        Parsed(text: "::", isV6: true, high: 0, low: 0, prefixLength: 128),
        Parsed(text: "::1", isV6: true, high: 0, low: 1, prefixLength: 128),
        Parsed(text: "2001:db8::", isV6: true, high: 0x2001_0DB8_0000_0000, low: 0, prefixLength: 128),
        Parsed(text: "2001:db8::1", isV6: true, high: 0x2001_0DB8_0000_0000, low: 1, prefixLength: 128),
        Parsed(text: "fe80::1:2", isV6: true, high: 0xFE80_0000_0000_0000, low: 0x0000_0000_0001_0002,
               prefixLength: 128),
        Parsed(text: "FE80::1:2", isV6: true, high: 0xFE80_0000_0000_0000, low: 0x0000_0000_0001_0002,
               prefixLength: 128),
        Parsed(text: "1:2:3:4:5:6:7::", isV6: true, high: 0x0001_0002_0003_0004, low: 0x0005_0006_0007_0000,
               prefixLength: 128),
        // Embedded IPv4 in the last 32 bits.
        Parsed(text: "::ffff:192.0.2.1", isV6: true, high: 0, low: 0x0000_FFFF_C000_0201, prefixLength: 128),
        Parsed(text: "64:ff9b::203.0.113.7", isV6: true, high: 0x0064_FF9B_0000_0000, low: 0xCB00_7107,
               prefixLength: 128),
        Parsed(text: "1:2:3:4:5:6:192.0.2.1", isV6: true, high: 0x0001_0002_0003_0004, low: 0x0005_0006_C000_0201,
               prefixLength: 128),
        // IPv6 prefixes.
        Parsed(text: "::/0", isV6: true, high: 0, low: 0, prefixLength: 0),
        Parsed(text: "2001:db8::/32", isV6: true, high: 0x2001_0DB8_0000_0000, low: 0, prefixLength: 32),
        Parsed(text: "2001:db8:0:1::/64", isV6: true, high: 0x2001_0DB8_0000_0001, low: 0, prefixLength: 64),
        Parsed(text: "2001:db8::/127", isV6: true, high: 0x2001_0DB8_0000_0000, low: 0, prefixLength: 127),
        Parsed(text: "2001:db8::1/128", isV6: true, high: 0x2001_0DB8_0000_0000, low: 1, prefixLength: 128),
    ]

    @Test("addresses and blocks parse to their bits and prefix length", arguments: valid)
    func parses(_ expected: Parsed) throws {
        let range = try #require(IPRange(expected.text))
        #expect(range.isV6 == expected.isV6)
        #expect(range.high == expected.high)
        #expect(range.low == expected.low)
        #expect(range.prefixLength == expected.prefixLength)
    }

    @Test("full, compressed and mixed-case IPv6 spellings of one address are equal")
    func ipv6Spellings() {
        let spellings = ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1", "2001:DB8::1", "2001:db8:0:0::1",
                         "2001:db8::0:1", "2001:0db8::0001"]
        let parsed = spellings.map { IPRange($0) }
        #expect(parsed.allSatisfy { $0 != nil && $0 == parsed[0] })
        #expect(IPRange("::ffff:192.0.2.1") == IPRange("::ffff:c000:201"))
        #expect(IPRange("::") == IPRange("0:0:0:0:0:0:0:0"))
    }

    static let invalid: [String] = [
        "", "abc", "1.2.3", "256.1.1.1", "1.2.3.4/33", "1.2.3.4.5", "1.2.3.4/", "/8", "1.2.3.-1", "1..2.3",
        "1.2.3.4/8/8", "1.2.3.4/1000", " 1.2.3.4", "1.2.3.4 ", "01234.1.1.1", "1.2.3.4/a",
        ":::", "1::2::3", "2001:db8::/129", "12345::", ":", "::g", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", ":::1", "1:::2",
        "fe80::1%eth0", "::1.2.3", "::256.0.0.1", "1.2.3.4::", "::1.2.3.4:5", "1:2:3:4:5:6:7:192.0.2.1",
        "2001:db8::/", "2001:db8::/1280",
    ]

    @Test("malformed addresses and prefixes are rejected", arguments: invalid)
    func rejects(_ text: String) {
        #expect(IPRange(text) == nil)
    }

    @Test("a negative or signed prefix length is rejected", arguments: ["10.0.0.0/-1", "::/-1", "10.0.0.0/+8"])
    func rejectsSignedPrefix(_ text: String) {
        do {
            #expect(IPRange(text) == nil)
        }
    }

    struct Membership: Sendable, CustomTestStringConvertible {
        var block: String
        var address: String
        var inside: Bool
        var testDescription: String { "`\(address)` \(inside ? "in" : "not in") `\(block)`" }
    }

    static let memberships: [Membership] = [
        // IPv4 /0 /8 /24 /32 and bare.
        Membership(block: "0.0.0.0/0", address: "203.0.113.9", inside: true),
        Membership(block: "0.0.0.0/0", address: "255.255.255.255", inside: true),
        Membership(block: "10.0.0.0/8", address: "10.0.0.0", inside: true),
        Membership(block: "10.0.0.0/8", address: "10.255.255.255", inside: true),
        Membership(block: "10.0.0.0/8", address: "11.0.0.0", inside: false),
        Membership(block: "10.0.0.0/8", address: "9.255.255.255", inside: false),
        Membership(block: "192.0.2.0/24", address: "192.0.2.255", inside: true),
        Membership(block: "192.0.2.0/24", address: "192.0.3.0", inside: false),
        Membership(block: "192.0.2.77/24", address: "192.0.2.1", inside: true),
        Membership(block: "192.0.2.1/32", address: "192.0.2.1", inside: true),
        Membership(block: "192.0.2.1/32", address: "192.0.2.2", inside: false),
        Membership(block: "192.0.2.1", address: "192.0.2.1", inside: true),
        Membership(block: "192.0.2.1", address: "192.0.2.0", inside: false),
        // IPv6 /0 /32 /63 /64 /65 /127 /128 and bare.
        Membership(block: "::/0", address: "2001:db8::1", inside: true),
        Membership(block: "::/0", address: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", inside: true),
        Membership(block: "2001:db8::/32", address: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", inside: true),
        Membership(block: "2001:db8::/32", address: "2001:db9::", inside: false),
        Membership(block: "2001:db8::/63", address: "2001:db8:0:1:ffff::", inside: true),
        Membership(block: "2001:db8::/63", address: "2001:db8:0:2::", inside: false),
        Membership(block: "2001:db8:0:1::/64", address: "2001:db8:0:1:ffff:ffff:ffff:ffff", inside: true),
        Membership(block: "2001:db8:0:1::/64", address: "2001:db8:0:2::1", inside: false),
        Membership(block: "2001:db8::/65", address: "2001:db8::7fff:ffff:ffff:ffff", inside: true),
        Membership(block: "2001:db8::/65", address: "2001:db8::8000:0:0:0", inside: false),
        Membership(block: "2001:db8::/127", address: "2001:db8::1", inside: true),
        Membership(block: "2001:db8::/127", address: "2001:db8::2", inside: false),
        Membership(block: "2001:db8::1/128", address: "2001:db8::1", inside: true),
        Membership(block: "2001:db8::1/128", address: "2001:db8::", inside: false),
        Membership(block: "::1", address: "0:0:0:0:0:0:0:1", inside: true),
        Membership(block: "::1", address: "::2", inside: false),
        Membership(block: "fe80::1:2", address: "fe80:0:0:0:0:0:1:2", inside: true),
        Membership(block: "fe80::/10", address: "febf::1", inside: true),
        Membership(block: "fe80::/10", address: "fec0::1", inside: false),
        Membership(block: "::ffff:192.0.2.0/120", address: "::ffff:192.0.2.77", inside: true),
        Membership(block: "::ffff:192.0.2.0/120", address: "::ffff:192.0.3.1", inside: false),
    ]

    @Test("a block contains exactly the addresses under its prefix", arguments: memberships)
    func contains(_ membership: Membership) throws {
        let block = try #require(IPRange(membership.block))
        let address = try #require(IPRange(membership.address))
        #expect(block.contains(address) == membership.inside)
    }

    @Test("the address's own prefix is ignored when testing membership")
    func addressPrefixIgnored() throws {
        let block = try #require(IPRange("10.0.0.0/8"))
        #expect(block.contains(try #require(IPRange("10.1.0.0/16"))))
        #expect(!block.contains(try #require(IPRange("11.0.0.0/0"))))
    }

    static let crossFamily: [(block: String, address: String)] = [
        ("0.0.0.0/0", "::1"),
        ("0.0.0.0/0", "::"),
        ("0.0.0.0/0", "::ffff:192.0.2.1"),
        ("192.0.2.1", "::ffff:192.0.2.1"),
        ("0.0.0.0/0", "::c000:201"),
        ("::/0", "0.0.0.0"),
        ("::/0", "192.0.2.1"),
        ("::ffff:0:0/96", "192.0.2.1"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("::/96", "0.0.0.1"),
    ]

    @Test("IPv4 never matches an IPv6 block, nor IPv6 an IPv4 block", arguments: crossFamily)
    func familiesDoNotMix(_ block: String, _ address: String) throws {
        let range = try #require(IPRange(block))
        let ip = try #require(IPRange(address))
        #expect(!range.contains(ip))
    }
}
