import Foundation

/// Certificates made once per test run with `openssl req -x509`, all with subject `/CN=test`.
struct CertificateFixtures: Sendable {
    /// RSA 2048, valid for 30 days from generation.
    var rsa: String
    /// `openssl x509 -fingerprint -sha256` of `rsa`, as lowercase hex without colons.
    var rsaSHA256: String
    /// `openssl x509 -text` of `rsa`: a text dump followed by the PEM block.
    var rsaTextDump: String
    /// The private key of `rsa`, as PKCS#8 PEM (`PRIVATE KEY`).
    var rsaPrivateKey: String
    /// The bare SubjectPublicKeyInfo of `rsa` (`PUBLIC KEY`).
    var rsaPublicKey: String
    /// Epoch seconds just before and after generation, to bound `notValidBefore`.
    var generatedAfter: Int64
    var generatedBefore: Int64
    /// EC P-256 and P-384.
    var p256: String
    var p384: String
    /// Keys IAM does not accept: Ed25519, Ed448, RSA 1024, EC secp256k1.
    var ed25519: String
    var ed448: String
    var rsa1024: String
    var secp256k1: String
    /// RSA 2048 key signed with RSASSA-PSS, a signature algorithm swift-certificates does not support.
    var rsaPSSSigned: String

    /// Generated on first use; a missing tool is reported by every test that needs the fixtures.
    static let shared: Result<CertificateFixtures, FixtureError> = Result(catching: generate)
        .mapError { $0 as? FixtureError ?? FixtureError(description: "\($0)") }

    static func require() throws -> CertificateFixtures { try shared.get() }

    private static func generate() throws -> CertificateFixtures {
        let workspace = try Workspace()
        defer { workspace.remove() }
        func certificate(_ name: String, _ keyOptions: [String], extra: [String] = []) throws -> String {
            try workspace.run(
                .openssl,
                ["req", "-x509", "-nodes", "-days", "30", "-subj", "/CN=test", "-keyout", "\(name).key", "-out",
                 "\(name).pem"] + keyOptions + extra)
            return try workspace.read("\(name).pem")
        }
        let before = Int64(Date().timeIntervalSince1970) - 1
        let rsa = try certificate("rsa", ["-newkey", "rsa:2048"])
        let after = Int64(Date().timeIntervalSince1970) + 1
        let fingerprint = try workspace.run(.openssl, ["x509", "-in", "rsa.pem", "-noout", "-fingerprint", "-sha256"])
        let sha256 = fingerprint.split(separator: "=").last.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ":", with: "").lowercased()
        } ?? ""
        return CertificateFixtures(
            rsa: rsa,
            rsaSHA256: sha256,
            rsaTextDump: try workspace.run(.openssl, ["x509", "-in", "rsa.pem", "-text"]),
            rsaPrivateKey: try workspace.read("rsa.key"),
            rsaPublicKey: try workspace.run(.openssl, ["pkey", "-in", "rsa.key", "-pubout"]),
            generatedAfter: before,
            generatedBefore: after,
            p256: try certificate("p256", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]),
            p384: try certificate("p384", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"]),
            ed25519: try certificate("ed25519", ["-newkey", "ed25519"]),
            ed448: try certificate("ed448", ["-newkey", "ed448"]),
            rsa1024: try certificate("rsa1024", ["-newkey", "rsa:1024"]),
            secp256k1: try certificate("k1", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp256k1"]),
            rsaPSSSigned: try certificate("pss", ["-newkey", "rsa:2048"], extra: ["-sigopt", "rsa_padding_mode:pss"])
        )
    }
}
