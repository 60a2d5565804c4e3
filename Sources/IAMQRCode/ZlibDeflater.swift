/// A small zlib compressor (RFC 1950 around RFC 1951) tuned for rendered QR codes: one fixed-Huffman block whose
/// matches copy either the previous byte (runs of one gray level) or the previous scanline (a module's repeated rows).
enum ZlibDeflater {
    private static let minimumMatch = 3
    private static let maximumMatch = 258
    private static let maximumDistance = 32_768

    private static let lengthBases: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtraBits: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBases: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtraBits: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// A zlib stream (header 78 01, one final fixed-Huffman deflate block, Adler-32) that inflates to `data`.
    /// `rowLength` is the scanline length, tried as a match distance alongside 1.
    static func compress(_ data: [UInt8], rowLength: Int) -> [UInt8] {
        var writer = DeflateBitWriter()
        writer.writeBits(1, count: 1)  // BFINAL: the only block
        writer.writeBits(1, count: 2)  // BTYPE 01: fixed Huffman codes
        let distances = [1, rowLength].filter { (1...maximumDistance).contains($0) }
        var position = 0
        while position < data.count {
            var best = (length: 0, distance: 0)
            for distance in distances where distance <= position {
                let length = matchLength(data, at: position, distance: distance)
                if length > best.length { best = (length, distance) }
            }
            if best.length >= minimumMatch {
                writeMatch(length: best.length, distance: best.distance, to: &writer)
                position += best.length
            } else {
                writeSymbol(Int(data[position]), to: &writer)
                position += 1
            }
        }
        writeSymbol(256, to: &writer)  // end of block
        return [0x78, 0x01] + writer.finish() + PNGEncoder.bigEndian(Adler32.checksum(data))
    }

    /// How many bytes from `position` repeat those `distance` bytes earlier (at most 258).
    private static func matchLength(_ data: [UInt8], at position: Int, distance: Int) -> Int {
        let limit = min(maximumMatch, data.count - position)
        var length = 0
        while length < limit, data[position + length] == data[position + length - distance] {
            length += 1
        }
        return length
    }

    private static func writeMatch(length: Int, distance: Int, to writer: inout DeflateBitWriter) {
        let lengthIndex = lastIndex(in: lengthBases, notAbove: length)
        writeSymbol(257 + lengthIndex, to: &writer)
        writer.writeBits(UInt32(length - lengthBases[lengthIndex]), count: lengthExtraBits[lengthIndex])
        let distanceIndex = lastIndex(in: distanceBases, notAbove: distance)
        writer.writeCode(UInt32(distanceIndex), length: 5)
        writer.writeBits(UInt32(distance - distanceBases[distanceIndex]), count: distanceExtraBits[distanceIndex])
    }

    /// A literal/length symbol in the fixed Huffman code of RFC 1951 §3.2.6.
    private static func writeSymbol(_ symbol: Int, to writer: inout DeflateBitWriter) {
        switch symbol {
        case 0...143: writer.writeCode(UInt32(0x30 + symbol), length: 8)
        case 144...255: writer.writeCode(UInt32(0x190 + symbol - 144), length: 9)
        case 256...279: writer.writeCode(UInt32(symbol - 256), length: 7)
        default: writer.writeCode(UInt32(0xC0 + symbol - 280), length: 8)
        }
    }

    /// The index of the last base not above `value` (the tables are ascending and start at or below every value used).
    private static func lastIndex(in bases: [Int], notAbove value: Int) -> Int {
        bases.lastIndex { $0 <= value } ?? 0
    }
}
