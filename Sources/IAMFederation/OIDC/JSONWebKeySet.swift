import Crypto
import CryptoExtras
import IAMPolicy

/// A provider's JSON Web Key Set (RFC 7517), reduced to the signing keys Warden can use: RSA (2048
/// bits or more) and EC on P-256, P-384 and P-521. Other keys are skipped, not errors.
public struct JSONWebKeySet: Sendable {
    public struct Key: Sendable {
        public var keyID: String?
        /// `alg` when the set names one.
        public var algorithm: String?
        public var key: FederationPublicKey
    }

    public var keys: [Key]

    public init(keys: [Key]) { self.keys = keys }

    /// The largest JWKS document accepted.
    public static let maximumBytes = 512 * 1_024

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public static func parse(_ text: String) throws(Failure) -> JSONWebKeySet {
        guard text.utf8.count <= maximumBytes else { throw Failure(reason: "the key set is too large") }
        guard let document = try? JSONParser.parse(text, maximumDepth: 8), let entries = document["keys"]?.arrayValue else {
            throw Failure(reason: "not a JSON object with a keys array")
        }
        var keys: [Key] = []
        for entry in entries {
            if let use = entry["use"]?.stringValue, use != "sig" { continue }
            let key: FederationPublicKey?
            switch entry["kty"]?.stringValue {
            case "RSA": key = rsa(entry)
            case "EC": key = ec(entry)
            default: key = nil
            }
            if let key { keys.append(Key(keyID: entry["kid"]?.stringValue, algorithm: entry["alg"]?.stringValue, key: key)) }
        }
        return JSONWebKeySet(keys: keys)
    }

    static func rsa(_ entry: JSONNode) -> FederationPublicKey? {
        guard let n = entry["n"]?.stringValue.flatMap({ Base64URL.decode($0[...]) }),
              let e = entry["e"]?.stringValue.flatMap({ Base64URL.decode($0[...]) }),
              let key = try? _RSA.Signing.PublicKey(n: n, e: e) else { return nil }
        return .rsa(key)
    }

    static func ec(_ entry: JSONNode) -> FederationPublicKey? {
        guard let x = entry["x"]?.stringValue.flatMap({ Base64URL.decode($0[...]) }),
              let y = entry["y"]?.stringValue.flatMap({ Base64URL.decode($0[...]) }) else { return nil }
        switch entry["crv"]?.stringValue {
        case "P-256": return (try? P256.Signing.PublicKey(rawRepresentation: x + y)).map { .p256($0) }
        case "P-384": return (try? P384.Signing.PublicKey(rawRepresentation: x + y)).map { .p384($0) }
        case "P-521": return (try? P521.Signing.PublicKey(rawRepresentation: x + y)).map { .p521($0) }
        default: return nil
        }
    }
}
