import CQREncode

/// A QR code symbol from libqrencode: a square of modules, dark or light.
struct QRSymbol: Sendable {
    /// Modules per side (21 for version 1, up to 177 for version 40).
    let width: Int
    /// Row-major, `true` for a dark module.
    private let modules: [Bool]

    /// Encodes `text` (its UTF-8 bytes) in 8-bit mode at error correction level M with the smallest version that
    /// fits. Nil when libqrencode fails: empty or too long text; text with a NUL character, which C strings cannot carry.
    init?(encoding text: String) {
        guard !text.isEmpty, !text.utf8.contains(0) else { return nil }
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        // libqrencode's data holds width × width bytes; bit 0 of each is set for a dark module.
        let bytes = UnsafeBufferPointer(start: data, count: width * width)
        self.width = width
        modules = bytes.map { $0 & 1 == 1 }
    }

    /// Whether the module at (`row`, `column`) is dark; positions outside the symbol (the quiet zone) are light.
    func isDark(row: Int, column: Int) -> Bool {
        guard (0..<width).contains(row), (0..<width).contains(column) else { return false }
        return modules[row * width + column]
    }
}
