/// RFC 3986 percent-encoding and the `application/x-www-form-urlencoded` decoding that Query requests use.
public enum PercentEncoding {
    /// Encodes every UTF-8 byte except the unreserved `A–Z a–z 0–9 - _ . ~` as `%XX` with uppercase hex digits.
    /// IAM returns policy documents this way (`GetPolicyVersion`, `GetUserPolicy`, ...).
    public static func encode(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigit(byte >> 4))
                bytes.append(hexDigit(byte & 0x0F))
            }
        }
        // The output is pure ASCII, so decoding it as UTF-8 cannot fail or repair anything.
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes `%XX` sequences (either hex case) and, when `plusIsSpace`, `+` as a space.
    /// Returns nil when a `%` is not followed by two hex digits or the decoded bytes are not valid UTF-8.
    public static func decode(_ text: String, plusIsSpace: Bool) -> String? {
        decode(text[...], plusIsSpace: plusIsSpace)
    }

    /// ``decode(_:plusIsSpace:)`` for a slice of a larger string, so form decoding copies nothing it doesn't change.
    static func decode(_ text: Substring, plusIsSpace: Bool) -> String? {
        let utf8 = text.utf8
        let plus = UInt8(ascii: "+")
        let percent = UInt8(ascii: "%")
        guard utf8.contains(where: { $0 == percent || (plusIsSpace && $0 == plus) }) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == percent {
                let first = utf8.index(after: index)
                guard first != utf8.endIndex, let high = hexValue(utf8[first]) else { return nil }
                let second = utf8.index(after: first)
                guard second != utf8.endIndex, let low = hexValue(utf8[second]) else { return nil }
                bytes.append(high << 4 | low)
                index = utf8.index(after: second)
            } else {
                bytes.append(plusIsSpace && byte == plus ? UInt8(ascii: " ") : byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
