/// RFC 4648 Base32 (alphabet `A`–`Z`, `2`–`7`), the encoding of TOTP seeds in `otpauth://` URIs and in
/// IAM's `Base32StringSeed`.
public enum Base32 {
    /// The RFC 4648 §6 alphabet, indexed by 5-bit value.
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes `bytes` without `=` padding (authenticator apps and AWS seeds omit it).
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            buffer = (buffer << 8 | UInt32(byte)) & 0xFFF
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int(buffer >> UInt32(bitCount) & 0x1F)])
            }
        }
        if bitCount > 0 {
            output.append(alphabet[Int(buffer << UInt32(5 - bitCount) & 0x1F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes Base32 text. Lowercase letters are accepted, and ASCII spaces, tabs, line breaks and `=` padding are
    /// ignored wherever they appear. Returns nil for any other character, and for a count of significant characters
    /// that no byte string encodes to (1, 3 or 6 modulo 8).
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 5 / 8)
        var buffer: UInt32 = 0
        var bitCount = 0
        var symbolCount = 0
        for character in text.utf8 {
            if ignored(character) { continue }
            guard let value = value(of: character) else { return nil }
            buffer = (buffer << 5 | UInt32(value)) & 0x1FFF
            bitCount += 5
            symbolCount += 1
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bitCount)))
            }
        }
        switch symbolCount % 8 {
        case 1, 3, 6: return nil
        default: return output
        }
    }

    private static func ignored(_ character: UInt8) -> Bool {
        switch character {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "="): true
        default: false
        }
    }

    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): character - UInt8(ascii: "2") + 26
        default: nil
        }
    }
}
