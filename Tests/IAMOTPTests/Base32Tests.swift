import Testing

@testable import IAMOTP

@Suite("Base32 (RFC 4648)")
struct Base32Tests {
    /// RFC 4648 §10, with the `=` padding removed.
    static let vectors: [(plain: String, encoded: String)] = [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"),
    ]

    @Test("RFC 4648 test vectors encode without padding and decode back", arguments: vectors)
    func rfcVectors(vector: (plain: String, encoded: String)) {
        #expect(Base32.encode(Array(vector.plain.utf8)) == vector.encoded)
        #expect(Base32.decode(vector.encoded) == Array(vector.plain.utf8))
    }

    @Test("padded, lowercase and spaced input decodes")
    func lenientDecoding() {
        let foobar = Array("foobar".utf8)
        #expect(Base32.decode("MZXW6YTBOI======") == foobar)
        #expect(Base32.decode("mzxw6ytboi") == foobar)
        #expect(Base32.decode("MZXW 6YTB OI") == foobar)
        #expect(Base32.decode("mzxw 6ytb oi==\n") == foobar)
        #expect(Base32.decode("MY======") == Array("f".utf8))
    }

    @Test("invalid characters are rejected", arguments: ["MZXW1", "MZXW8", "MZXW0", "MZ-XW6", "MZXW6!", "MZXWé", "MZ_W6"])
    func invalidCharacters(text: String) {
        #expect(Base32.decode(text) == nil)
    }

    @Test("impossible lengths are rejected", arguments: ["M", "MZX", "MZXW6Y", "MZXW6YTBO"])
    func impossibleLengths(text: String) {
        #expect(Base32.decode(text) == nil)
    }

    @Test("random byte strings round-trip")
    func roundTrips() {
        var generator = SystemRandomNumberGenerator()
        for count in 0..<80 {
            let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let encoded = Base32.encode(bytes)
            #expect(encoded.count == (count * 8 + 4) / 5)
            #expect(encoded.utf8.allSatisfy { Base32.alphabet.contains($0) })
            #expect(Base32.decode(encoded) == bytes)
            #expect(Base32.decode(encoded.lowercased()) == bytes)
        }
    }

    @Test("the RFC 6238 seed encodes to its well-known Base32 form")
    func rfc6238Seed() {
        #expect(Base32.encode(Array("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    }
}
