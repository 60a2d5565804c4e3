import Crypto

/// RFC 6238 time-based one-time passwords as AWS virtual MFA devices use them: HMAC-SHA1, 30-second steps from the
/// Unix epoch, 6 digits.
///
/// Time is always a parameter (epoch seconds or a step number); only ``generateSecret()`` touches the system, for
/// randomness. The key never appears in `description` or `dump` output.
public struct TOTP: Sendable {
    /// The length of one time step, in seconds (RFC 6238's X; T0 is the Unix epoch).
    public static let stepSeconds: Int64 = 30
    /// The number of decimal digits in a code.
    public static let digits = 6
    /// The length of a secret from ``generateSecret()``: 40 bytes, which Base32-encode to 64 characters like AWS seeds.
    public static let secretByteCount = 40

    private let key: SymmetricKey

    /// Creates a generator for the raw key bytes (the Base32-decoded seed).
    public init(secret: [UInt8]) {
        key = SymmetricKey(data: secret)
    }

    /// Creates a generator for a Base32 seed such as IAM's `Base32StringSeed`; nil if the text is not Base32.
    public init?(base32Secret: String) {
        guard let secret = Base32.decode(base32Secret) else { return nil }
        self.init(secret: secret)
    }

    /// RFC 4226 HOTP for the counter `step` (RFC 6238 TOTP for that time step): HMAC-SHA1 over the 8-byte big-endian
    /// counter, dynamic truncation to 31 bits, the last 6 decimal digits, zero-padded.
    public func code(atStep step: Int64) -> String {
        let counter = UInt64(bitPattern: step).bigEndian
        let mac = withUnsafeBytes(of: counter) { HMAC<Insecure.SHA1>.authenticationCode(for: $0, using: key) }
        let bytes = Array(mac)
        // The offset is at most 15 and SHA-1 MACs are 20 bytes, so `offset + 3` is always in range.
        let offset = Int(bytes[bytes.count - 1] & 0x0F)
        let truncated =
            UInt32(bytes[offset] & 0x7F) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
        return Self.decimal(truncated % Self.modulus)
    }

    /// The code for the step containing `time` (epoch seconds).
    public func code(at time: Int64) -> String {
        code(atStep: Self.step(at: time))
    }

    /// The time step containing `time` (epoch seconds): `floor(time / 30)`, also for times before the epoch.
    public static func step(at time: Int64) -> Int64 {
        let quotient = time / stepSeconds
        return time % stepSeconds < 0 ? quotient - 1 : quotient
    }

    /// A new random 40-byte secret from the system's cryptographically secure generator (64 Base32 characters, the
    /// length AWS seeds have).
    public static func generateSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<secretByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// 10^digits.
    static let modulus: UInt32 = (0..<digits).reduce(1) { value, _ in value * 10 }

    private static func decimal(_ value: UInt32) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

extension TOTP: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Redacted: the key is never printed.
    public var description: String { "TOTP(secret: <redacted>)" }
    /// Redacted: the key is never printed.
    public var debugDescription: String { description }
    /// Redacted: `dump` and mirrors show no key.
    public var customMirror: Mirror { Mirror(self, children: [(label: "secret", value: "<redacted>")]) }
}
