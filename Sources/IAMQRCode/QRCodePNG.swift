/// QR codes as PNG images, for the `QRCodePNG` field of CreateVirtualMFADevice.
public enum QRCodePNG {
    /// The quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4).
    public static let quietZoneModules = 4
    /// The accepted `scale` values, in pixels per module.
    public static let scaleRange = 1...32

    /// Encodes `text` as a QR code (libqrencode, 8-bit mode, error correction level M), renders it black on white with
    /// a 4-module quiet zone at `scale` pixels per module, and returns a PNG file (8-bit grayscale, one zlib-compressed
    /// IDAT chunk).
    ///
    /// Returns nil if libqrencode cannot encode the text (more than 2,331 UTF-8 bytes, empty, or containing a NUL
    /// character) or if `scale` is outside ``scaleRange``.
    public static func png(for text: String, scale: Int = 6) -> [UInt8]? {
        guard scaleRange.contains(scale), let symbol = QRSymbol(encoding: text) else { return nil }
        let side = (symbol.width + 2 * quietZoneModules) * scale
        let scanlines = scanlines(for: symbol, scale: scale)
        return PNGEncoder.grayscale(width: side, height: side, scanlines: scanlines)
    }

    /// The image rows, each a filter-type byte (0, none) followed by one byte per pixel: 0 for dark, 255 for light.
    static func scanlines(for symbol: QRSymbol, scale: Int) -> [UInt8] {
        let modulesPerSide = symbol.width + 2 * quietZoneModules
        let rowLength = 1 + modulesPerSide * scale
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity(rowLength * modulesPerSide * scale)
        for moduleRow in 0..<modulesPerSide {
            var row: [UInt8] = [0]
            row.reserveCapacity(rowLength)
            for moduleColumn in 0..<modulesPerSide {
                let dark = symbol.isDark(row: moduleRow - quietZoneModules, column: moduleColumn - quietZoneModules)
                row.append(contentsOf: repeatElement(dark ? 0 : 255, count: scale))
            }
            for _ in 0..<scale { scanlines.append(contentsOf: row) }
        }
        return scanlines
    }
}
