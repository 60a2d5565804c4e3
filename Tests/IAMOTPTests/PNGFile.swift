/// An independent reader for the PNG files under test: splits chunks and recomputes their CRCs.
struct PNGFile {
    struct Chunk {
        var type: String
        var data: [UInt8]
        var storedCRC: UInt32
        var computedCRC: UInt32
    }

    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    var chunks: [Chunk] = []

    /// Nil when the signature is missing or a chunk runs past the end of the file.
    init?(_ bytes: [UInt8]) {
        guard bytes.starts(with: Self.signature) else { return nil }
        var offset = Self.signature.count
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else { return nil }
            let length = Int(Self.uint32(bytes, at: offset))
            let end = offset + 12 + length
            guard end <= bytes.count else { return nil }
            let typeAndData = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            chunks.append(
                Chunk(
                    type: String(decoding: typeAndData.prefix(4), as: UTF8.self),
                    data: Array(typeAndData.dropFirst(4)),
                    storedCRC: Self.uint32(bytes, at: offset + 8 + length),
                    computedCRC: Self.crc32(typeAndData)))
            offset = end
        }
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Bitwise CRC-32 (no table), written independently of the encoder's.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    /// Adler-32 without batching, written independently of the encoder's.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}
