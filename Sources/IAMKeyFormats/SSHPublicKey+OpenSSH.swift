extension SSHPublicKey {
    /// Key types OpenSSH knows that IAM does not accept, named in the error so the user knows what to change.
    static let otherOpenSSHKeyTypes: Set<String> = [
        "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "ssh-rsa-cert-v01@openssh.com",
        "ssh-ed25519-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-512",
    ]

    /// Parses one OpenSSH public key line, `ssh-rsa BASE64 [comment]` (sshd(8) AUTHORIZED_KEYS FILE FORMAT, without
    /// options). Blank lines around it are ignored; a second key is not.
    static func parseOpenSSH(_ body: String) -> Result<RSAPublicNumbers, SSHPublicKeyError> {
        let lines = Array(body.utf8).split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy(isBlank) }
        guard let line = lines.first else {
            return .failure(.unrecognizedEncoding("the public key body is empty"))
        }
        let fields = line.split(whereSeparator: isBlank)
        let keyType = fields.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard keyType == rsaKeyType else {
            if otherOpenSSHKeyTypes.contains(keyType) {
                return .failure(.unrecognizedEncoding("the key type `\(keyType)` is not supported; use `ssh-rsa`"))
            }
            return .failure(
                .unrecognizedEncoding("the body is neither an OpenSSH `ssh-rsa` key nor a PEM RSA public key"))
        }
        guard lines.count == 1 else {
            return .failure(.invalid("the body holds \(lines.count) lines; upload exactly one key"))
        }
        guard fields.count >= 2 else {
            return .failure(.invalid("the `ssh-rsa` line has no key data"))
        }
        guard let blob = PEMArmor.decodeBase64(fields[1]) else {
            return .failure(.invalid("the `ssh-rsa` key data is not valid base64"))
        }
        return numbers(fromBlob: blob)
    }

    /// Reads `string "ssh-rsa", mpint e, mpint n` (RFC 4253 §6.6) with nothing after it.
    static func numbers(fromBlob blob: [UInt8]) -> Result<RSAPublicNumbers, SSHPublicKeyError> {
        var reader = SSHWireFormat.Reader(blob)
        guard let type = reader.readString() else {
            return .failure(.invalid("the `ssh-rsa` key data is truncated"))
        }
        guard type.elementsEqual(rsaKeyType.utf8) else {
            return .failure(.invalid("the key data does not hold an `ssh-rsa` key"))
        }
        guard let exponent = reader.readUnsignedMPInt(), let modulus = reader.readUnsignedMPInt() else {
            return .failure(.invalid("the `ssh-rsa` key data is truncated or holds a negative number"))
        }
        guard reader.isAtEnd else {
            return .failure(.invalid("the `ssh-rsa` key data has trailing bytes"))
        }
        return .success(RSAPublicNumbers(modulus: modulus, exponent: exponent))
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
