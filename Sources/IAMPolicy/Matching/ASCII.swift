/// ASCII helpers for case-insensitive action matching.
enum ASCII {
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    static func lowercased(_ text: some StringProtocol) -> [UInt8] {
        text.utf8.map(lower)
    }
}
