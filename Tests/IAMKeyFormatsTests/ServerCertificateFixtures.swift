import Foundation

/// Server certificate bundles made once per test run with `openssl`: a chain root (RSA 2048, self-signed CA) →
/// intermediate (EC P-384 CA, signed sha256WithRSA) → leaf (EC P-256, signed ecdsa-with-SHA256), each with its key,
/// plus a self-signed RSA 1024 certificate and keys in other encodings.
struct ServerCertificateFixtures: Sendable {
    var root: String
    var intermediate: String
    var leaf: String
    /// The leaf's key as PKCS#8 (`PRIVATE KEY`) and as SEC1 preceded by `EC PARAMETERS` (`openssl ecparam -genkey`).
    var leafKey: String
    var leafKeyWithParameters: String
    var rsa1024: String
    var rsa1024Key: String
    /// `rsa1024Key` as PKCS#1 (`RSA PRIVATE KEY`) and encrypted PKCS#8.
    var rsa1024KeyPKCS1: String
    var rsa1024KeyEncrypted: String

    static let shared: Result<ServerCertificateFixtures, FixtureError> = Result(catching: generate)
        .mapError { $0 as? FixtureError ?? FixtureError(description: "\($0)") }

    static func require() throws -> ServerCertificateFixtures { try shared.get() }

    private static func generate() throws -> ServerCertificateFixtures {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("ca.ext", "basicConstraints=critical,CA:TRUE\n")
        try workspace.write("leaf.ext", "basicConstraints=CA:FALSE\n")
        try workspace.run(.openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=Root",
                                     "-addext", "basicConstraints=critical,CA:TRUE", "-keyout", "root.key", "-out", "root.pem"])
        try workspace.run(.openssl, ["ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "inter.key"])
        try workspace.run(.openssl, ["req", "-new", "-key", "inter.key", "-subj", "/CN=Intermediate", "-out", "inter.csr"])
        try workspace.run(.openssl, ["x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key",
                                     "-CAcreateserial", "-days", "30", "-sha256", "-extfile", "ca.ext", "-out", "inter.pem"])
        try workspace.run(.openssl, ["ecparam", "-name", "prime256v1", "-genkey", "-out", "leaf-sec1.key"])
        try workspace.run(.openssl, ["pkcs8", "-topk8", "-nocrypt", "-in", "leaf-sec1.key", "-out", "leaf.key"])
        try workspace.run(.openssl, ["req", "-new", "-key", "leaf.key", "-subj", "/CN=leaf.example.com", "-out", "leaf.csr"])
        try workspace.run(.openssl, ["x509", "-req", "-in", "leaf.csr", "-CA", "inter.pem", "-CAkey", "inter.key",
                                     "-CAcreateserial", "-days", "30", "-sha256", "-extfile", "leaf.ext", "-out", "leaf.pem"])
        try workspace.run(.openssl, ["req", "-x509", "-newkey", "rsa:1024", "-nodes", "-days", "30", "-subj", "/CN=old",
                                     "-keyout", "old.key", "-out", "old.pem"])
        return ServerCertificateFixtures(
            root: try workspace.read("root.pem"), intermediate: try workspace.read("inter.pem"),
            leaf: try workspace.read("leaf.pem"), leafKey: try workspace.read("leaf.key"),
            leafKeyWithParameters: try workspace.read("leaf-sec1.key"),
            rsa1024: try workspace.read("old.pem"), rsa1024Key: try workspace.read("old.key"),
            rsa1024KeyPKCS1: try workspace.run(.openssl, ["rsa", "-in", "old.key", "-traditional"]),
            rsa1024KeyEncrypted: try workspace.run(.openssl, ["pkcs8", "-topk8", "-in", "old.key", "-passout", "pass:secret"]))
    }
}
