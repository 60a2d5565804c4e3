/// An IPv4 or IPv6 address, or a CIDR block of them, for `IpAddress`/`NotIpAddress`.
/// A bare address is a /32 (IPv4) or /128 (IPv6). IPv4 never matches an IPv6 block, nor back.
struct IPRange: Sendable, Equatable {
    var isV6: Bool
    /// The address in the high bits (IPv4 uses the low 32 bits of `low`).
    var high: UInt64
    var low: UInt64
    var prefixLength: Int

    init?(_ text: String) {
        var addressText = Substring(text)
        var prefix: Int?
        if let slash = text.firstIndex(of: "/") {
            addressText = text[..<slash]
            let bits = text[text.index(after: slash)...]
            guard !bits.isEmpty, bits.count <= 3, bits.allSatisfy({ ("0"..."9").contains($0) }), let n = Int(bits) else { return nil }
            prefix = n
        }
        if let v4 = Self.parseV4(addressText) {
            guard (prefix ?? 32) <= 32 else { return nil }
            self.isV6 = false
            self.high = 0
            self.low = UInt64(v4)
            self.prefixLength = prefix ?? 32
        } else if let (h, l) = Self.parseV6(addressText) {
            guard (prefix ?? 128) <= 128 else { return nil }
            self.isV6 = true
            self.high = h
            self.low = l
            self.prefixLength = prefix ?? 128
        } else {
            return nil
        }
    }

    /// Whether `address` (a bare address: its own prefix is ignored) lies inside this block.
    func contains(_ address: IPRange) -> Bool {
        guard address.isV6 == isV6 else { return false }
        if !isV6 {
            let mask: UInt64 = prefixLength == 0 ? 0 : (0xFFFF_FFFF << UInt64(32 - prefixLength)) & 0xFFFF_FFFF
            return address.low & mask == low & mask
        }
        let highMask: UInt64 = prefixLength >= 64 ? ~0 : (prefixLength == 0 ? 0 : ~0 << UInt64(64 - prefixLength))
        let lowBits = prefixLength - 64
        let lowMask: UInt64 = lowBits <= 0 ? 0 : (lowBits >= 64 ? ~0 : ~0 << UInt64(64 - lowBits))
        return address.high & highMask == high & highMask && address.low & lowMask == low & lowMask
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseV6(_ text: Substring) -> (UInt64, UInt64)? {
        guard text.count >= 2, text.count <= 45, text.contains(":") else { return nil }
        let pieces = text.split(separator: "::", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return nil }
        guard let head = groups(pieces[0], isLast: pieces.count == 1) else { return nil }
        var all = head
        if pieces.count == 2 {
            guard let tail = groups(pieces[1], isLast: true), head.count + tail.count < 8 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for g in all[0..<4] { high = high << 16 | UInt64(g) }
        for g in all[4..<8] { low = low << 16 | UInt64(g) }
        return (high, low)
    }

    /// Colon-separated hex groups; the last may be a dotted IPv4 address when `isLast`.
    private static func groups(_ text: Substring, isLast: Bool) -> [UInt16]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var out: [UInt16] = []
        for (i, part) in parts.enumerated() {
            if isLast, i == parts.count - 1, part.contains("."), let v4 = parseV4(part) {
                out.append(UInt16(v4 >> 16))
                out.append(UInt16(v4 & 0xFFFF))
                continue
            }
            guard !part.isEmpty, part.count <= 4, part.allSatisfy(\.isHexDigit), let g = UInt16(part, radix: 16) else {
                return nil
            }
            out.append(g)
        }
        return out
    }
}
