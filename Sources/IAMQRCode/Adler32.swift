/// Adler-32 (RFC 1950 §8), the checksum that ends a zlib stream.
enum Adler32 {
    private static let modulus: UInt32 = 65_521
    /// The most bytes that can be summed before `b` could overflow 32 bits (zlib's NMAX).
    private static let blockLength = 5_552

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        var start = 0
        while start < bytes.count {
            let end = min(start + blockLength, bytes.count)
            for byte in bytes[start..<end] {
                a += UInt32(byte)
                b += a
            }
            a %= modulus
            b %= modulus
            start = end
        }
        return b << 16 | a
    }
}
