import Crypto
import CryptoExtras
import Foundation
import IAMKeyFormats

/// Key material for EC2 key pairs: generating a key pair (CreateKeyPair), reading an uploaded public
/// key (ImportKeyPair) and the fingerprints EC2 reports for each.
///
/// Fingerprints follow the `KeyPairInfo.KeyFingerprint` documentation in botocore's EC2 model and
/// the EC2 User Guide's "Verify the fingerprint of your key pair":
/// - RSA created by EC2: SHA-1 of the DER PKCS#8 private key, colon-separated lowercase hex
///   (`openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c`).
/// - RSA imported: MD5 of the DER SubjectPublicKeyInfo, colon-separated lowercase hex
///   (`openssl rsa -pubout -outform DER | openssl md5 -c`). The API reference says "RFC 4716 §4"
///   (MD5 of the SSH blob), but the User Guide's command and AWS itself hash the DER form.
/// - Ed25519 (created or imported): standard base64 of SHA-256 over the SSH key blob, with its `=`
///   padding and no `SHA256:` prefix (OpenSSH prints the same digest unpadded after `SHA256:`).
enum EC2KeyMaterial {
    enum KeyType: String, Sendable { case rsa, ed25519 }
    enum KeyFormat: String, Sendable { case pem, ppk }

    /// A fresh key pair. `privateKey` is returned to the caller once and never stored.
    struct Generated: Sendable {
        var privateKey: String
        var publicKey: String
        var fingerprint: String
    }

    /// An accepted uploaded public key.
    struct Imported: Sendable {
        var keyType: KeyType
        var publicKey: String
        var fingerprint: String
    }

    static let rsaType = "ssh-rsa"
    static let ed25519Type = "ssh-ed25519"

    // MARK: Generation

    /// A new key pair of `type`, its private key in `format`; `comment` names the key inside the file.
    static func generate(_ type: KeyType, format: KeyFormat, comment: String) throws -> Generated {
        switch type {
        case .rsa: return try generateRSA(format: format, comment: comment)
        case .ed25519: return generateEd25519(format: format, comment: comment)
        }
    }

    /// A 2048-bit RSA key (EC2's size), returned as PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`) like EC2.
    static func generateRSA(format: KeyFormat, comment: String) throws -> Generated {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let numbers = try key.publicKey.getKeyPrimitives()
        let blob = SSHWireFormat.string(Array(rsaType.utf8)) + SSHWireFormat.unsignedMPInt(numbers.publicExponent) + SSHWireFormat.unsignedMPInt(numbers.modulus)
        let material: String
        switch format {
        case .pem:
            material = trimmingFinalNewline(key.pemRepresentation)
        case .ppk:
            let der = DERReader.integers(inSequence: Array(key.derRepresentation))
            // PKCS#1 RSAPrivateKey: version, n, e, d, p, q, dP, dQ, qInv.
            guard let fields = der, fields.count == 9 else { throw CryptoKitError.incorrectParameterSize }
            let privateBlob = SSHWireFormat.unsignedMPInt(fields[3]) + SSHWireFormat.unsignedMPInt(fields[4]) + SSHWireFormat.unsignedMPInt(fields[5])
                + SSHWireFormat.unsignedMPInt(fields[8])
            material = ppk(algorithm: rsaType, comment: comment, publicBlob: blob, privateBlob: privateBlob)
        }
        return Generated(privateKey: material, publicKey: openSSHLine(rsaType, blob, comment: comment),
                         fingerprint: colonHex(Insecure.SHA1.hash(data: key.pkcs8DERRepresentation)))
    }

    /// An Ed25519 key, returned in OpenSSH's own format (`BEGIN OPENSSH PRIVATE KEY`) like EC2.
    static func generateEd25519(format: KeyFormat, comment: String) -> Generated {
        let key = Curve25519.Signing.PrivateKey()
        let seed = Array(key.rawRepresentation)
        let publicKey = Array(key.publicKey.rawRepresentation)
        let blob = SSHWireFormat.string(Array(ed25519Type.utf8)) + SSHWireFormat.string(publicKey)
        let material: String
        switch format {
        case .pem: material = openSSHPrivateKey(publicBlob: blob, publicKey: publicKey, seed: seed, comment: comment)
        case .ppk: material = ppk(algorithm: ed25519Type, comment: comment, publicBlob: blob, privateBlob: SSHWireFormat.string(seed))
        }
        return Generated(privateKey: material, publicKey: openSSHLine(ed25519Type, blob, comment: comment),
                         fingerprint: ed25519Fingerprint(blob))
    }

    /// OpenSSH's private key format (PROTOCOL.key), unencrypted, with one Ed25519 key.
    static func openSSHPrivateKey(publicBlob: [UInt8], publicKey: [UInt8], seed: [UInt8], comment: String) -> String {
        let check = SSHWireFormat.uint32(UInt32.random(in: .min ... .max))
        var section = check + check + SSHWireFormat.string(Array(ed25519Type.utf8)) + SSHWireFormat.string(publicKey)
            + SSHWireFormat.string(seed + publicKey) + SSHWireFormat.string(Array(comment.utf8))
        var pad: UInt8 = 1
        while section.count % 8 != 0 {
            section.append(pad)
            pad += 1
        }
        let body = Array("openssh-key-v1".utf8) + [0] + SSHWireFormat.string(Array("none".utf8)) + SSHWireFormat.string(Array("none".utf8))
            + SSHWireFormat.string([]) + SSHWireFormat.uint32(1) + SSHWireFormat.string(publicBlob) + SSHWireFormat.string(section)
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrappedBase64(body, width: 70)
            + "-----END OPENSSH PRIVATE KEY-----\n"
    }

    /// PuTTY's PPK version 2, unencrypted: the MAC is HMAC-SHA-1 keyed with
    /// SHA-1("putty-private-key-file-mac-key") over the algorithm, encryption, comment and both blobs.
    static func ppk(algorithm: String, comment: String, publicBlob: [UInt8], privateBlob: [UInt8]) -> String {
        let macKey = SymmetricKey(data: Insecure.SHA1.hash(data: Array("putty-private-key-file-mac-key".utf8)))
        let macInput = SSHWireFormat.string(Array(algorithm.utf8)) + SSHWireFormat.string(Array("none".utf8))
            + SSHWireFormat.string(Array(comment.utf8)) + SSHWireFormat.string(publicBlob) + SSHWireFormat.string(privateBlob)
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: macInput, using: macKey)
        let publicLines = wrappedBase64(publicBlob, width: 64)
        let privateLines = wrappedBase64(privateBlob, width: 64)
        func lineCount(_ text: String) -> Int { text.split(separator: "\n").count }
        return "PuTTY-User-Key-File-2: \(algorithm)\nEncryption: none\nComment: \(comment)\n"
            + "Public-Lines: \(lineCount(publicLines))\n\(publicLines)"
            + "Private-Lines: \(lineCount(privateLines))\n\(privateLines)"
            + "Private-MAC: \(mac.map { hexPair($0) }.joined())\n"
    }

    // MARK: Import

    /// Reads an uploaded public key: an OpenSSH line (`ssh-rsa` or `ssh-ed25519`), an RFC 4716
    /// `---- BEGIN SSH2 PUBLIC KEY ----` block, an RSA PEM public key, or base64 DER (EC2 accepts
    /// all four). RSA keys need 1024 bits or more. Nil when the key is not one of these.
    static func importPublicKey(_ bytes: [UInt8]) -> Imported? {
        if bytes.first == 0x30 { return importRSA(der: bytes, comment: nil) }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = lines.first else { return nil }
        if first.hasPrefix("-----BEGIN ") {
            guard let key = try? _RSA.Signing.PublicKey(unsafePEMRepresentation: text) else { return nil }
            return importRSA(der: Array(key.derRepresentation), comment: nil)
        }
        if first == "---- BEGIN SSH2 PUBLIC KEY ----" {
            return importRFC4716(lines)
        }
        guard lines.count == 1 else { return nil }
        let fields = first.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 2, let blob = Data(base64Encoded: fields[1]) else { return nil }
        let comment = fields.count > 2 ? fields[2...].joined(separator: " ") : nil
        guard let imported = importBlob(Array(blob), comment: comment), imported.publicKey.hasPrefix(fields[0] + " ") else {
            return nil
        }
        return imported
    }

    /// RFC 4716: header lines (`Name: value`, continued with a trailing `\`), then base64.
    static func importRFC4716(_ lines: [String]) -> Imported? {
        guard lines.last == "---- END SSH2 PUBLIC KEY ----" else { return nil }
        var body = ""
        var continued = false
        for line in lines.dropFirst().dropLast() {
            if continued || line.contains(":") {
                continued = line.hasSuffix("\\")
                continue
            }
            body += line
        }
        guard let blob = Data(base64Encoded: body) else { return nil }
        return importBlob(Array(blob), comment: nil)
    }

    /// An SSH key blob (RFC 4253 §6.6 for `ssh-rsa`, RFC 8709 for `ssh-ed25519`).
    static func importBlob(_ blob: [UInt8], comment: String?) -> Imported? {
        var reader = SSHWireFormat.Reader(blob)
        guard let type = reader.readString().map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
        switch type {
        case rsaType:
            guard let e = reader.readUnsignedMPInt(), let n = reader.readUnsignedMPInt(), reader.isAtEnd else { return nil }
            return importRSA(der: DERWriter.rsaPublicKey(modulus: n, exponent: e), comment: comment)
        case ed25519Type:
            guard let key = reader.readString(), key.count == 32, reader.isAtEnd,
                  (try? Curve25519.Signing.PublicKey(rawRepresentation: key)) != nil else { return nil }
            let canonical = SSHWireFormat.string(Array(ed25519Type.utf8)) + SSHWireFormat.string(key)
            return Imported(keyType: .ed25519, publicKey: openSSHLine(ed25519Type, canonical, comment: comment),
                            fingerprint: ed25519Fingerprint(canonical))
        default:
            return nil
        }
    }

    /// An RSA public key in DER (SPKI or PKCS#1), loaded by swift-crypto (1024 bits or more).
    static func importRSA(der: [UInt8], comment: String?) -> Imported? {
        guard let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: der),
              let numbers = try? key.getKeyPrimitives() else { return nil }
        let blob = SSHWireFormat.string(Array(rsaType.utf8)) + SSHWireFormat.unsignedMPInt(numbers.publicExponent) + SSHWireFormat.unsignedMPInt(numbers.modulus)
        return Imported(keyType: .rsa, publicKey: openSSHLine(rsaType, blob, comment: comment),
                        fingerprint: colonHex(Insecure.MD5.hash(data: key.derRepresentation)))
    }

    // MARK: Encodings

    static func ed25519Fingerprint(_ blob: [UInt8]) -> String {
        Data(SHA256.hash(data: blob)).base64EncodedString()
    }

    static func openSSHLine(_ type: String, _ blob: [UInt8], comment: String?) -> String {
        let line = "\(type) \(Data(blob).base64EncodedString())"
        guard let comment, !comment.isEmpty else { return line }
        return line + " " + comment
    }

    static func colonHex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { hexPair($0) }.joined(separator: ":")
    }

    static func hexPair(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Base64 in lines of `width` characters, each ending in a line feed.
    static func wrappedBase64(_ bytes: [UInt8], width: Int) -> String {
        let text = Array(Data(bytes).base64EncodedString())
        return stride(from: 0, to: text.count, by: width).map { String(text[$0..<min($0 + width, text.count)]) + "\n" }.joined()
    }

    static func trimmingFinalNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}

extension EC2KeyMaterial {
    /// Just enough DER to read a PKCS#1 private key's integers.
    enum DERReader {
        /// The INTEGER magnitudes (leading zeros dropped) of a DER SEQUENCE of INTEGERs; nil otherwise.
        static func integers(inSequence der: [UInt8]) -> [[UInt8]]? {
            var outer = der[...]
            guard let sequence = element(&outer, tag: 0x30), outer.isEmpty else { return nil }
            var rest = sequence
            var result: [[UInt8]] = []
            while !rest.isEmpty {
                guard let integer = element(&rest, tag: 0x02) else { return nil }
                result.append(Array(integer.drop { $0 == 0 }))
            }
            return result
        }

        /// Reads one tag-length-value with the given tag from the front of `bytes`.
        static func element(_ bytes: inout ArraySlice<UInt8>, tag: UInt8) -> ArraySlice<UInt8>? {
            guard bytes.count >= 2, bytes.first == tag else { return nil }
            var index = bytes.startIndex + 1
            var length = Int(bytes[index])
            index += 1
            if length & 0x80 != 0 {
                let count = length & 0x7F
                guard count >= 1, count <= 4, bytes.endIndex - index >= count else { return nil }
                length = bytes[index..<index + count].reduce(0) { $0 << 8 | Int($1) }
                index += count
            }
            guard bytes.endIndex - index >= length else { return nil }
            let value = bytes[index..<index + length]
            bytes = bytes[(index + length)...]
            return value
        }
    }

    /// Just enough DER to write a PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`.
    enum DERWriter {
        static func rsaPublicKey(modulus: [UInt8], exponent: [UInt8]) -> [UInt8] {
            tlv(0x30, integer(modulus) + integer(exponent))
        }

        static func integer(_ magnitude: [UInt8]) -> [UInt8] {
            var bytes = Array(magnitude.drop { $0 == 0 })
            if bytes.first.map({ $0 & 0x80 != 0 }) ?? true { bytes.insert(0, at: 0) }
            return tlv(0x02, bytes)
        }

        static func tlv(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
            guard value.count >= 0x80 else { return [tag, UInt8(value.count)] + value }
            var length: [UInt8] = []
            var count = value.count
            while count > 0 {
                length.insert(UInt8(count & 0xFF), at: 0)
                count >>= 8
            }
            return [tag, 0x80 | UInt8(length.count)] + length + value
        }
    }
}
