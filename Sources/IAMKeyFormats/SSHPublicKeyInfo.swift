/// What IAM keeps about an accepted SSH public key (UploadSSHPublicKey), with both encodings GetSSHPublicKey can return.
public struct SSHPublicKeyInfo: Sendable, Equatable {
    /// The MD5 fingerprint of the canonical SSH wire-format key blob as 16 lowercase hex pairs joined by `:` (47
    /// characters), the form AWS returns and `ssh-keygen -l -E md5` prints after `MD5:`.
    ///
    /// The IAM model's `publicKeyFingerprintType` says exactly 48 characters, but 16 colon-joined hex pairs are 47, and
    /// every published AWS example (`12:34:56:78:90:ab:cd:ef:12:34:56:78:90:ab:cd:ef` in the CLI reference for
    /// upload-ssh-public-key and get-ssh-public-key) has 47. Clients do not check output lengths, so the 47-character
    /// form is used.
    public var fingerprint: String
    /// The key as one OpenSSH line, `ssh-rsa AAAA...`, canonically re-encoded and without a comment (GetSSHPublicKey
    /// with `Encoding=SSH`).
    public var sshEncoding: String
    /// The key as an X.509 SubjectPublicKeyInfo PEM block, `-----BEGIN PUBLIC KEY-----` with 64-character lines and a
    /// final line break (GetSSHPublicKey with `Encoding=PEM`).
    public var pemEncoding: String
    /// The size of the RSA modulus in bits.
    public var modulusBits: Int

    /// Creates the value; ``SSHPublicKey/parse(_:)`` is the usual source.
    public init(fingerprint: String, sshEncoding: String, pemEncoding: String, modulusBits: Int) {
        self.fingerprint = fingerprint
        self.sshEncoding = sshEncoding
        self.pemEncoding = pemEncoding
        self.modulusBits = modulusBits
    }
}
