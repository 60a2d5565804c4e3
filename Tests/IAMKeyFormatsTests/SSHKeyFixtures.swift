import Foundation

/// SSH keys made once per test run with `ssh-keygen` (and `openssl` where ssh-keygen cannot make the key).
struct SSHKeyFixtures: Sendable {
    /// `id_rsa.pub` of a 2048-bit key with comment `alice@example`.
    var rsa: String
    /// `ssh-keygen -l -E md5` of `rsa`, without the `MD5:` prefix.
    var rsaMD5: String
    /// `ssh-keygen -e -m PKCS8` (SPKI `PUBLIC KEY`), `-e -m PEM` (PKCS#1) and `-e` (RFC 4716 `SSH2`) of `rsa`.
    var rsaSPKI: String
    var rsaPKCS1: String
    var rsaRFC4716: String
    /// `openssl rsa -pubin -noout -modulus` of `rsa`: the modulus in uppercase hex.
    var rsaModulusHex: String
    /// A 3072-bit key and its MD5 fingerprint.
    var rsa3072: String
    var rsa3072MD5: String
    /// Keys IAM rejects: RSA 1024, Ed25519, ECDSA P-256.
    var rsa1024: String
    var ed25519: String
    var ecdsa: String
    /// openssl-made PEM keys: RSA 2048 with public exponent 3 (accepted), EC and Ed25519 SPKI (not RSA), and an RSA
    /// private key (not a public key).
    var exponent3SPKI: String
    var ecSPKI: String
    var ed25519SPKI: String
    var rsaPrivateKey: String

    static let shared: Result<SSHKeyFixtures, FixtureError> = Result(catching: generate)
        .mapError { $0 as? FixtureError ?? FixtureError(description: "\($0)") }

    static func require() throws -> SSHKeyFixtures { try shared.get() }

    private static func generate() throws -> SSHKeyFixtures {
        let workspace = try Workspace()
        defer { workspace.remove() }
        func keygen(_ name: String, _ options: [String]) throws -> String {
            try workspace.run(.sshKeygen, ["-q", "-N", "", "-C", "alice@example", "-f", name] + options)
            return try workspace.read("\(name).pub")
        }
        func md5(_ name: String) throws -> String {
            let line = try workspace.run(.sshKeygen, ["-l", "-E", "md5", "-f", "\(name).pub"])
            let field = line.split(separator: " ").first { $0.hasPrefix("MD5:") } ?? ""
            return String(field.dropFirst(4))
        }
        func openssl(_ arguments: [String]) throws -> String { try workspace.run(.openssl, arguments) }
        let rsa = try keygen("rsa", ["-t", "rsa", "-b", "2048"])
        let spki = try workspace.run(.sshKeygen, ["-e", "-m", "PKCS8", "-f", "rsa.pub"])
        try workspace.write("rsa-spki.pem", spki)
        let modulus = try openssl(["rsa", "-pubin", "-in", "rsa-spki.pem", "-noout", "-modulus"])
        try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-pkeyopt",
                     "rsa_keygen_pubexp:3", "-out", "e3.key"])
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key"])
        try openssl(["genpkey", "-algorithm", "ed25519", "-out", "ed.key"])
        return SSHKeyFixtures(
            rsa: rsa,
            rsaMD5: try md5("rsa"),
            rsaSPKI: spki,
            rsaPKCS1: try workspace.run(.sshKeygen, ["-e", "-m", "PEM", "-f", "rsa.pub"]),
            rsaRFC4716: try workspace.run(.sshKeygen, ["-e", "-f", "rsa.pub"]),
            rsaModulusHex: modulus.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
                of: "Modulus=", with: ""),
            rsa3072: try keygen("rsa3072", ["-t", "rsa", "-b", "3072"]),
            rsa3072MD5: try md5("rsa3072"),
            rsa1024: try keygen("rsa1024", ["-t", "rsa", "-b", "1024"]),
            ed25519: try keygen("ed25519", ["-t", "ed25519"]),
            ecdsa: try keygen("ecdsa", ["-t", "ecdsa", "-b", "256"]),
            exponent3SPKI: try openssl(["pkey", "-in", "e3.key", "-pubout"]),
            ecSPKI: try openssl(["pkey", "-in", "ec.key", "-pubout"]),
            ed25519SPKI: try openssl(["pkey", "-in", "ed.key", "-pubout"]),
            rsaPrivateKey: try workspace.read("e3.key")
        )
    }
}
