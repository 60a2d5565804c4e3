/// The few DER encodings the key formats build by hand: definite lengths, unsigned INTEGERs and SEQUENCEs (X.690 §8.1.3,
/// §8.3, §8.9). Enough to write a PKCS#1 `RSAPublicKey` without a general ASN.1 serializer.
enum DEREncoding {
    static let integerTag: UInt8 = 0x02
    static let sequenceTag: UInt8 = 0x30

    /// The definite-form length octets for `count`: one byte below 128, else `0x80 | n` followed by `n` big-endian
    /// bytes with no leading zero.
    static func length(_ count: Int) -> [UInt8] {
        guard count >= 0x80 else { return [UInt8(truncatingIfNeeded: count)] }
        var bytes: [UInt8] = []
        var remaining = UInt64(clamping: count)
        while remaining > 0 {
            bytes.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
            remaining >>= 8
        }
        return [0x80 | UInt8(truncatingIfNeeded: bytes.count)] + bytes
    }

    /// A tag-length-value triple.
    static func element(tag: UInt8, contents: [UInt8]) -> [UInt8] {
        [tag] + length(contents.count) + contents
    }

    /// An INTEGER holding the non-negative number whose big-endian magnitude is `magnitude`. Leading zero bytes are
    /// dropped, and one `0x00` is prepended when the top bit is set so the value stays positive; zero encodes as `00`.
    static func unsignedInteger(_ magnitude: some Collection<UInt8>) -> [UInt8] {
        var contents = Array(magnitude.drop { $0 == 0 })
        if contents.first.map({ $0 & 0x80 != 0 }) ?? true {
            contents.insert(0, at: 0)
        }
        return element(tag: integerTag, contents: contents)
    }

    /// A SEQUENCE whose contents are the already-encoded `elements`, in order.
    static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
        element(tag: sequenceTag, contents: elements.flatMap { $0 })
    }
}
