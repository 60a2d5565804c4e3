/// An RSA public key as its two numbers, each a big-endian magnitude without leading zeros. Every accepted SSH key
/// encoding (OpenSSH `ssh-rsa`, SPKI PEM, PKCS#1 PEM) is reduced to these, so the checks and the canonical encodings
/// are computed once, from the numbers, whatever the input looked like.
struct RSAPublicNumbers: Equatable {
    /// The smallest modulus IAM accepts for SSH public keys (AWS: "RSA ... at least 2048 bits").
    static let minimumModulusBits = 2_048
    /// The largest modulus BoringSSL will load (`OPENSSL_RSA_MAX_MODULUS_BITS`).
    static let maximumModulusBits = 16_384
    /// The widest public exponent BoringSSL accepts (`kMaxExponentBits`).
    static let maximumExponentBits = 33

    /// The modulus `n`.
    let modulus: [UInt8]
    /// The public exponent `e`.
    let exponent: [UInt8]

    init(modulus: some Collection<UInt8>, exponent: some Collection<UInt8>) {
        self.modulus = Array(modulus.drop { $0 == 0 })
        self.exponent = Array(exponent.drop { $0 == 0 })
    }

    /// The bit length of the modulus (2048 for a 2048-bit key).
    var modulusBits: Int { Self.bitLength(modulus) }

    /// PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 §A.1.1), in DER.
    var pkcs1DER: [UInt8] {
        DEREncoding.sequence([DEREncoding.unsignedInteger(modulus), DEREncoding.unsignedInteger(exponent)])
    }

    /// The canonical OpenSSH key blob: `string "ssh-rsa", mpint e, mpint n` (RFC 4253 §6.6).
    var sshBlob: [UInt8] {
        SSHWireFormat.string(Array(SSHPublicKey.rsaKeyType.utf8)) + SSHWireFormat.unsignedMPInt(exponent)
            + SSHWireFormat.unsignedMPInt(modulus)
    }

    /// Why these numbers cannot be an RSA public key IAM accepts, or nil if they pass. Checked here, before the crypto
    /// library sees them, so each rejection gets its own message.
    var problem: String? {
        let bits = modulusBits
        if bits < Self.minimumModulusBits {
            return "the RSA key is \(bits) bits; at least \(Self.minimumModulusBits) bits are required"
        }
        if bits > Self.maximumModulusBits {
            return "the RSA key is \(bits) bits; at most \(Self.maximumModulusBits) bits are supported"
        }
        if modulus.last.map({ $0 & 1 == 0 }) ?? true {
            return "the RSA modulus is even"
        }
        let exponentBits = Self.bitLength(exponent)
        if exponentBits < 2 || exponent.last.map({ $0 & 1 == 0 }) ?? true {
            return "the RSA public exponent must be an odd number of at least 3"
        }
        if exponentBits > Self.maximumExponentBits {
            return "the RSA public exponent is \(exponentBits) bits; at most \(Self.maximumExponentBits) are supported"
        }
        return nil
    }

    /// The position of the highest set bit, counting from one; zero for an empty or all-zero magnitude.
    static func bitLength(_ magnitude: [UInt8]) -> Int {
        guard let index = magnitude.firstIndex(where: { $0 != 0 }) else { return 0 }
        let leading = magnitude[index]
        return (magnitude.count - index - 1) * 8 + (8 - leading.leadingZeroBitCount)
    }
}
