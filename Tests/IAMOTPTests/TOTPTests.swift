import Testing

@testable import IAMOTP

@Suite("TOTP code generation")
struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    /// RFC 6238 Appendix B, SHA-1 column: (time, 8-digit TOTP).
    static let rfc6238Vectors: [(time: Int64, code: String)] = [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ]

    /// RFC 4226 Appendix D: HOTP values for counters 0...9.
    static let rfc4226Vectors = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489",
    ]

    @Test("RFC 6238 Appendix B SHA-1 vectors match in their last 6 digits", arguments: rfc6238Vectors)
    func rfc6238(vector: (time: Int64, code: String)) {
        let totp = TOTP(secret: Self.rfcSecret)
        #expect(totp.code(at: vector.time) == String(vector.code.suffix(6)))
    }

    @Test("RFC 4226 Appendix D HOTP vectors for counters 0 to 9")
    func rfc4226() {
        let totp = TOTP(secret: Self.rfcSecret)
        #expect((0...9).map { totp.code(atStep: Int64($0)) } == Self.rfc4226Vectors)
    }

    @Test("a Base32 seed gives the same codes as its raw bytes")
    func base32Seed() throws {
        let totp = try #require(TOTP(base32Secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
        #expect(totp.code(at: 59) == "287082")
        #expect(TOTP(base32Secret: "not base32!") == nil)
    }

    @Test("steps are floor(time / 30), also before the epoch")
    func steps() {
        #expect(TOTP.step(at: 0) == 0)
        #expect(TOTP.step(at: 29) == 0)
        #expect(TOTP.step(at: 30) == 1)
        #expect(TOTP.step(at: 59) == 1)
        #expect(TOTP.step(at: 1_111_111_109) == 37_037_036)
        #expect(TOTP.step(at: -1) == -1)
        #expect(TOTP.step(at: -30) == -1)
        #expect(TOTP.step(at: -31) == -2)
        #expect(TOTP.step(at: .min) == .min / 30 - 1)
        #expect(TOTP.step(at: .max) == .max / 30)
    }

    @Test("codes are always 6 zero-padded digits, even for extreme steps")
    func codeFormat() {
        let totp = TOTP(secret: Self.rfcSecret)
        for step: Int64 in [.min, -1, 0, 1, .max] {
            #expect(TOTP.parse(totp.code(atStep: step)) != nil)
        }
        #expect(totp.code(at: 1_111_111_109) == "081804")
    }

    @Test("generated secrets are 40 random bytes, 64 Base32 characters")
    func generatedSecrets() {
        let first = TOTP.generateSecret()
        let second = TOTP.generateSecret()
        #expect(first.count == 40)
        #expect(Base32.encode(first).count == 64)
        #expect(first != second)
    }

    @Test("descriptions and mirrors never show the key")
    func redaction() {
        let totp = TOTP(secret: Array("super-secret-key-bytes".utf8))
        var dumped = ""
        dump(totp, to: &dumped)
        for text in [String(describing: totp), String(reflecting: totp), dumped] {
            #expect(!text.contains("super"))
            #expect(text.contains("redacted"))
        }
    }
}
