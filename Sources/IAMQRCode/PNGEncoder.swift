/// A minimal PNG writer for 8-bit grayscale images (PNG spec, ISO/IEC 15948): signature, IHDR, one IDAT, IEND.
enum PNGEncoder {
    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A PNG file for `scanlines`: `height` rows of `1 + width` bytes, each a filter-type byte then the gray levels.
    static func grayscale(width: Int, height: Int, scanlines: [UInt8]) -> [UInt8] {
        var header: [UInt8] = []
        header += bigEndian(UInt32(clamping: width))
        header += bigEndian(UInt32(clamping: height))
        header += [8, 0, 0, 0, 0]  // bit depth 8, grayscale, deflate, adaptive filtering, no interlace
        var file = signature
        file += chunk("IHDR", header)
        file += chunk("IDAT", ZlibDeflater.compress(scanlines, rowLength: 1 + width))
        file += chunk("IEND", [])
        return file
    }

    /// A chunk: data length, type, data, and the CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return bigEndian(UInt32(clamping: data.count)) + typeAndData + bigEndian(CRC32.checksum(typeAndData))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}
