import Testing

@testable import IAMKeyFormats

@Suite("DER, SSH wire and PEM encodings")
struct KeyEncodingTests {
    @Test("DER lengths use the short form below 128 and minimal long forms above", arguments: [
        (0, [0x00]), (127, [0x7F]), (128, [0x81, 0x80]), (255, [0x81, 0xFF]), (256, [0x82, 0x01, 0x00]),
        (65_535, [0x82, 0xFF, 0xFF]), (65_536, [0x83, 0x01, 0x00, 0x00]),
    ] as [(Int, [UInt8])])
    func derLength(count: Int, expected: [UInt8]) {
        #expect(DEREncoding.length(count) == expected)
    }

    @Test("DER INTEGERs drop leading zeros and add one when the top bit is set")
    func derInteger() {
        #expect(DEREncoding.unsignedInteger([0x80]) == [0x02, 0x02, 0x00, 0x80])
        #expect(DEREncoding.unsignedInteger([0x00, 0x00, 0x05]) == [0x02, 0x01, 0x05])
        #expect(DEREncoding.unsignedInteger([0x7F, 0xFF]) == [0x02, 0x02, 0x7F, 0xFF])
        #expect(DEREncoding.unsignedInteger([UInt8]()) == [0x02, 0x01, 0x00])
        let long = [UInt8](repeating: 0xFF, count: 256)
        #expect(DEREncoding.unsignedInteger(long).prefix(5) == [0x02, 0x82, 0x01, 0x01, 0x00])
    }

    @Test("a PKCS#1 key is SEQUENCE { INTEGER n, INTEGER e }")
    func pkcs1Layout() {
        let numbers = RSAPublicNumbers(modulus: [0x00, 0xC5], exponent: [0x01, 0x00, 0x01])
        #expect(numbers.pkcs1DER == [0x30, 0x09, 0x02, 0x02, 0x00, 0xC5, 0x02, 0x03, 0x01, 0x00, 0x01])
        #expect(numbers.modulusBits == 8)
    }

    @Test("SSH mpints are minimal two's complement, zero is empty")
    func mpint() {
        #expect(SSHWireFormat.unsignedMPInt([0x80]) == [0, 0, 0, 2, 0x00, 0x80])
        #expect(SSHWireFormat.unsignedMPInt([0x00, 0x7F]) == [0, 0, 0, 1, 0x7F])
        #expect(SSHWireFormat.unsignedMPInt([UInt8]()) == [0, 0, 0, 0])
    }

    @Test("the SSH reader refuses truncated fields, lying lengths and negative numbers")
    func reader() {
        var truncated = SSHWireFormat.Reader([0, 0, 0])
        #expect(truncated.readString() == nil)
        var lying = SSHWireFormat.Reader([0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3])
        #expect(lying.readString() == nil)
        var negative = SSHWireFormat.Reader([0, 0, 0, 1, 0x80])
        #expect(negative.readUnsignedMPInt() == nil)
        var padded = SSHWireFormat.Reader([0, 0, 0, 3, 0, 0, 0x05])
        #expect(padded.readUnsignedMPInt() == [0x05])
        #expect(padded.isAtEnd)
    }

    @Test("bit lengths count from the highest set bit")
    func bitLength() {
        #expect(RSAPublicNumbers.bitLength([]) == 0)
        #expect(RSAPublicNumbers.bitLength([0x00, 0x01]) == 1)
        #expect(RSAPublicNumbers.bitLength([0x80, 0x00]) == 16)
        #expect(RSAPublicNumbers.bitLength([0x00, 0x7F, 0x00]) == 15)
    }

    @Test("PEM encoding wraps base64 at 64 characters and ends with a line break")
    func pemEncode() {
        let text = PEMArmor.encode(label: "TEST", der: [UInt8](repeating: 0xAB, count: 60))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "-----BEGIN TEST-----")
        #expect(lines[1].count == 64)
        #expect(lines[2].count == 16)
        #expect(lines[3] == "-----END TEST-----")
        #expect(lines.last == "")
        #expect(PEMArmor.blocks(in: text) == .success([PEMArmor.Block(label: "TEST", der: [UInt8](repeating: 0xAB, count: 60))]))
    }

    @Test("PEM parsing reports each kind of broken armour", arguments: [
        ("-----BEGIN A-----\nAAAA\n", PEMArmor.Failure.unterminated(label: "A")),
        ("-----BEGIN A-----\nAAAA\n-----END B-----\n", .mismatchedEnd(label: "A")),
        ("-----END A-----\n", .strayBoundary),
        ("-----BEGIN A-----\nProc-Type: 4\nAAAA\n-----END A-----\n", .headers(label: "A")),
        ("-----BEGIN A-----\nAAA\n-----END A-----\n", .badBase64(label: "A")),
        ("-----BEGIN A-----\n-----BEGIN A-----\n", .unterminated(label: "A")),
    ])
    func pemFailures(text: String, expected: PEMArmor.Failure) {
        #expect(PEMArmor.blocks(in: text) == .failure(expected))
    }

    @Test("PEM parsing skips explanatory text and finds every block")
    func pemBlocks() {
        let text = "note\n-----BEGIN A-----\nAAEC\n-----END A-----\nmore\n -----BEGIN B-----\r\n Aw QF \r\n-----END B-----"
        let expected = [PEMArmor.Block(label: "A", der: [0, 1, 2]), PEMArmor.Block(label: "B", der: [3, 4, 5])]
        #expect(PEMArmor.blocks(in: text) == .success(expected))
        #expect(PEMArmor.blocks(in: text, allowingText: false) == .failure(.textOutsideBlocks))
        let blankOnly = "\n \r\n-----BEGIN A-----\nAAEC\n-----END A-----\n\t\n"
        #expect(PEMArmor.blocks(in: blankOnly, allowingText: false) == .success([expected[0]]))
    }
}
