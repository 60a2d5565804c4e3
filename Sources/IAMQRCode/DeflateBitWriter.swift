/// Packs a deflate bit stream (RFC 1951 §3.1.1): values least-significant bit first, Huffman codes most-significant
/// bit first.
struct DeflateBitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt32 = 0
    private var bitCount = 0

    /// Appends the low `count` bits of `value` (at most 16), least-significant first.
    mutating func writeBits(_ value: UInt32, count: Int) {
        buffer |= (value & (1 << UInt32(count) - 1)) << UInt32(bitCount)
        bitCount += count
        while bitCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            bitCount -= 8
        }
    }

    /// Appends a Huffman code of `length` bits, most-significant bit first.
    mutating func writeCode(_ code: UInt32, length: Int) {
        var reversed: UInt32 = 0
        for bit in 0..<length {
            reversed |= (code >> UInt32(bit) & 1) << UInt32(length - 1 - bit)
        }
        writeBits(reversed, count: length)
    }

    /// The stream, its last byte padded with zero bits.
    mutating func finish() -> [UInt8] {
        if bitCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer = 0
            bitCount = 0
        }
        return bytes
    }
}
