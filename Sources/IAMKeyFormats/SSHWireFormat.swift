/// The SSH wire encoding of RFC 4251 §5 as used in public key blobs (RFC 4253 §6.6): `string` is a uint32 big-endian
/// length followed by the bytes, and `mpint` is a `string` holding a two's-complement big-endian integer.
package enum SSHWireFormat {
    /// Reads `string` and `mpint` fields from a blob, front to back. Every read checks the remaining length first, so
    /// truncated or lying lengths yield nil rather than reading past the end.
    package struct Reader {
        private var remaining: ArraySlice<UInt8>

        package init(_ bytes: [UInt8]) {
            self.remaining = bytes[...]
        }

        /// True once every byte has been consumed.
        package var isAtEnd: Bool { remaining.isEmpty }

        /// The next `string` field, or nil if the blob ends before the length or the bytes it announces.
        package mutating func readString() -> ArraySlice<UInt8>? {
            guard remaining.count >= 4 else { return nil }
            let length = remaining.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            let body = remaining.dropFirst(4)
            guard length <= body.count else { return nil }
            remaining = body.dropFirst(length)
            return body.prefix(length)
        }

        /// The next `mpint` as a non-negative big-endian magnitude without leading zeros (zero is empty). Nil if the
        /// field is truncated or the number is negative. Redundant leading zeros are tolerated here, as OpenSSH does;
        /// callers re-encode canonically.
        package mutating func readUnsignedMPInt() -> [UInt8]? {
            guard let bytes = readString() else { return nil }
            if let first = bytes.first, first & 0x80 != 0 { return nil }
            return Array(bytes.drop { $0 == 0 })
        }
    }

    /// `uint32`: four bytes, big-endian.
    package static func uint32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// `string`: a uint32 big-endian length, then `bytes`.
    package static func string(_ bytes: some Collection<UInt8>) -> [UInt8] {
        uint32(UInt32(clamping: bytes.count)) + Array(bytes)
    }

    /// The canonical `mpint` for a non-negative magnitude: no leading zeros, one `0x00` prepended when the top bit is
    /// set, and zero as an empty string (RFC 4251 §5).
    package static func unsignedMPInt(_ magnitude: some Collection<UInt8>) -> [UInt8] {
        var bytes = Array(magnitude.drop { $0 == 0 })
        if let first = bytes.first, first & 0x80 != 0 {
            bytes.insert(0, at: 0)
        }
        return string(bytes)
    }
}
