/// A test-only zlib inflater for stored and fixed-Huffman deflate blocks (RFC 1950/1951), enough to check that the
/// PNG encoder's IDAT stream decodes to the intended scanlines. Returns nil on anything malformed or unsupported.
struct ZlibInflater {
    private let input: [UInt8]
    private var bitPosition = 16  // after the 2-byte zlib header

    private static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    static func inflate(_ stream: [UInt8]) -> [UInt8]? {
        guard stream.count >= 6, stream[0] & 0x0F == 8, (UInt32(stream[0]) << 8 | UInt32(stream[1])) % 31 == 0 else {
            return nil
        }
        var inflater = ZlibInflater(input: stream)
        guard let output = inflater.blocks(), (inflater.bitPosition + 7) / 8 + 4 == stream.count else { return nil }
        guard PNGFile.uint32(stream, at: stream.count - 4) == PNGFile.adler32(output) else { return nil }
        return output
    }

    private init(input: [UInt8]) { self.input = input }

    private mutating func blocks() -> [UInt8]? {
        var output: [UInt8] = []
        var isFinal = false
        while !isFinal {
            guard let final = bits(1), let type = bits(2) else { return nil }
            isFinal = final == 1
            switch type {
            case 0: guard stored(into: &output) else { return nil }
            case 1: guard fixedHuffman(into: &output) else { return nil }
            default: return nil
            }
        }
        return output
    }

    private mutating func stored(into output: inout [UInt8]) -> Bool {
        bitPosition = (bitPosition + 7) / 8 * 8
        let start = bitPosition / 8
        guard start + 4 <= input.count else { return false }
        let length = Int(input[start]) | Int(input[start + 1]) << 8
        let complement = Int(input[start + 2]) | Int(input[start + 3]) << 8
        guard length ^ 0xFFFF == complement, start + 4 + length <= input.count else { return false }
        output += input[(start + 4)..<(start + 4 + length)]
        bitPosition = (start + 4 + length) * 8
        return true
    }

    private mutating func fixedHuffman(into output: inout [UInt8]) -> Bool {
        while let symbol = literalLengthSymbol() {
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return true
            } else {
                let index = symbol - 257
                guard index < 29, let lengthBits = bits(Self.lengthExtra[index]), let distanceCode = code(5),
                    distanceCode < 30, let distanceBits = bits(Self.distanceExtra[distanceCode])
                else { return false }
                let length = Self.lengthBases[index] + lengthBits
                let distance = Self.distanceBases[distanceCode] + distanceBits
                guard distance <= output.count else { return false }
                for _ in 0..<length { output.append(output[output.count - distance]) }
            }
        }
        return false
    }

    /// Decodes one symbol of the fixed literal/length code (7, 8 or 9 bits, most-significant bit first).
    private mutating func literalLengthSymbol() -> Int? {
        guard var value = code(7) else { return nil }
        if value <= 0b001_0111 { return 256 + value }
        guard let eighth = bits(1) else { return nil }
        value = value << 1 | eighth
        if (0x30...0xBF).contains(value) { return value - 0x30 }
        if (0xC0...0xC7).contains(value) { return 280 + value - 0xC0 }
        guard let ninth = bits(1) else { return nil }
        value = value << 1 | ninth
        return (0x190...0x1FF).contains(value) ? 144 + value - 0x190 : nil
    }

    /// `count` bits as a Huffman code, most-significant bit first.
    private mutating func code(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let bit = bits(1) else { return nil }
            value = value << 1 | bit
        }
        return value
    }

    /// `count` bits as a number, least-significant bit first.
    private mutating func bits(_ count: Int) -> Int? {
        var value = 0
        for shift in 0..<count {
            let byteIndex = bitPosition / 8
            guard byteIndex < input.count - 4 else { return nil }
            value |= Int(input[byteIndex] >> UInt8(bitPosition % 8) & 1) << shift
            bitPosition += 1
        }
        return value
    }
}
