/// Generates AWS-style identifiers from a random source the caller provides (the model itself
/// has no randomness).
public enum IAMIdentifiers {
    static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".unicodeScalars)
    static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".unicodeScalars)

    /// Unique ids: prefix (`AIDA`, `AGPA`, `ANPA`, ...) + 17 base32 characters = 21 characters.
    public static func uniqueID(_ prefix: String, using rng: inout some RandomNumberGenerator) -> String {
        prefix + random(17, from: base32, using: &rng)
    }

    /// Access key ids: `AKIA`/`ASIA` + 16 base32 characters = 20 characters.
    public static func accessKeyID(_ prefix: String, using rng: inout some RandomNumberGenerator) -> String {
        prefix + random(16, from: base32, using: &rng)
    }

    /// Secret access keys: 40 characters of the base64 alphabet.
    public static func secretAccessKey(using rng: inout some RandomNumberGenerator) -> String {
        random(40, from: base64, using: &rng)
    }

    /// A 12-digit account id not starting with 0.
    public static func accountID(using rng: inout some RandomNumberGenerator) -> String {
        String(Int.random(in: 100_000_000_000...999_999_999_999, using: &rng))
    }

    static func random(_ count: Int, from alphabet: [Unicode.Scalar], using rng: inout some RandomNumberGenerator) -> String {
        var out = String.UnicodeScalarView()
        for _ in 0..<count {
            out.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
        }
        return String(out)
    }
}
