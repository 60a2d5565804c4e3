import Foundation
import Testing

@testable import IAMKeyFormats

@Suite("server certificate bundles")
struct ServerCertificateBundleTests {
    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    func check(_ body: String, _ key: String, chain: String? = nil, now: Int64? = nil)
        -> Result<ServerCertificateInfo, ServerCertificateError>
    {
        ServerCertificateBundle.check(body: body, privateKey: key, chain: chain, now: now ?? self.now)
    }

    func chainIndex(_ result: Result<ServerCertificateInfo, ServerCertificateError>) -> Int? {
        guard case .failure(.malformed(let message)) = result,
            let range = message.range(of: "The index within the chain of the invalid certificate is: ")
        else { return nil }
        return Int(message[range.upperBound...])
    }

    /// `pem` with the last byte of its DER (inside the signature) flipped.
    func tampered(_ pem: String) throws -> String {
        let block = try #require(try PEMArmor.blocks(in: pem).get().first)
        var der = block.der
        der[der.count - 1] ^= 0x01
        return PEMArmor.encode(label: block.label, der: der)
    }

    @Test("civil dates convert to epoch seconds and back")
    func civilTime() {
        #expect(X509Fields.civilSeconds(year: 1970, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0) == 0)
        #expect(X509Fields.civilSeconds(year: 2000, month: 3, day: 1, hours: 0, minutes: 0, seconds: 0) == 951_868_800)
        #expect(X509Fields.civilSeconds(year: 2038, month: 1, day: 19, hours: 3, minutes: 14, seconds: 8) == 2_147_483_648)
        #expect(X509Fields.civilSeconds(year: 1950, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0) == -631_152_000)
        for seconds: Int64 in [0, 951_868_800, 2_147_483_648, -631_152_000, 4_102_444_799, 1_709_251_199] {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            #expect(ServerCertificateBundle.timestamp(seconds) == formatter.string(from: date))
        }
    }

    @Test("a leaf with its chain (ECDSA and RSA signatures) is accepted and normalized")
    func chainAccepted() throws {
        let f = try ServerCertificateFixtures.require()
        let info = try check(f.leaf, f.leafKey, chain: f.intermediate + "\n" + f.root).get()
        #expect(info.normalizedBody + "\n" == f.leaf)
        #expect(info.normalizedChain == f.intermediate + f.root.dropLast())
        #expect(info.notValidAfter - info.notValidBefore == 30 * 86_400)
        #expect(info.normalizedPrivateKey == f.leafKey)
        // The chain may stop at the intermediate, and may have explanatory text around its blocks.
        #expect(try check(f.leaf, f.leafKey, chain: "intermediate:\n" + f.intermediate).get().normalizedChain
            == String(f.intermediate.dropLast()))
    }

    @Test("a chain that does not lead up from the body names the first certificate that fails")
    func chainRefused() throws {
        let f = try ServerCertificateFixtures.require()
        #expect(chainIndex(check(f.leaf, f.leafKey, chain: f.root)) == 1)
        #expect(chainIndex(check(f.leaf, f.leafKey, chain: f.root + f.intermediate)) == 1)
        #expect(chainIndex(check(f.leaf, f.leafKey, chain: f.leaf + f.intermediate)) == 1)
        #expect(chainIndex(check(f.leaf, f.leafKey, chain: f.intermediate + f.intermediate)) == 2)
        #expect(chainIndex(check(f.leaf, f.leafKey, chain: f.intermediate + f.rsa1024)) == 2)
        #expect(chainIndex(check(f.leaf, f.leafKey, chain: "no certificate here")) == 1)
        #expect(chainIndex(check(f.leaf, f.leafKey, chain: f.intermediate + f.leafKey)) == 2)
        // Names that link but signatures that do not verify: the leaf's ECDSA signature, the intermediate's RSA one.
        #expect(chainIndex(check(try tampered(f.leaf), f.leafKey, chain: f.intermediate)) == 1)
        #expect(chainIndex(check(f.leaf, f.leafKey, chain: try tampered(f.intermediate) + f.root)) == 2)
    }

    @Test("RSA 1024 is accepted, in PKCS#8 and PKCS#1; SEC1 after EC PARAMETERS too")
    func keyEncodings() throws {
        let f = try ServerCertificateFixtures.require()
        #expect(try check(f.rsa1024, f.rsa1024Key).get().normalizedPrivateKey == f.rsa1024Key)
        #expect(try check(f.rsa1024, f.rsa1024KeyPKCS1).get().normalizedPrivateKey == f.rsa1024KeyPKCS1)
        #expect(f.leafKeyWithParameters.contains("BEGIN EC PARAMETERS"))
        #expect(try check(f.leaf, f.leafKeyWithParameters).get().normalizedPrivateKey.hasPrefix("-----BEGIN EC PRIVATE KEY"))
    }

    @Test("keys that are not the certificate's, encrypted or unreadable are refused")
    func keysRefused() throws {
        let f = try ServerCertificateFixtures.require()
        #expect(check(f.leaf, f.rsa1024Key) == .failure(.keyPairMismatch("The public key certificate and the private key do not match.")))
        #expect(check(f.rsa1024, f.leafKey) == .failure(.keyPairMismatch("The public key certificate and the private key do not match.")))
        for key in [f.rsa1024KeyEncrypted, "", "garbage", f.rsa1024, f.rsa1024Key + f.rsa1024Key] {
            guard case .failure(.malformed(let message)) = check(f.rsa1024, key) else {
                Issue.record("accepted a bad key")
                continue
            }
            #expect(message.contains("private key"))
        }
    }

    @Test("the body must be one certificate, valid now")
    func bodyRefused() throws {
        let f = try ServerCertificateFixtures.require()
        let parse = ServerCertificateError.malformed(ServerCertificateBundle.unparseableBody)
        #expect(check("", f.leafKey) == .failure(parse))
        #expect(check(f.leaf + f.leaf, f.leafKey) == .failure(parse))
        #expect(check(f.leafKey, f.leafKey) == .failure(parse))
        #expect(check(String(f.leaf.dropLast(40)), f.leafKey) == .failure(parse))
        let info = try check(f.leaf, f.leafKey).get()
        #expect(try check(f.leaf, f.leafKey, now: info.notValidAfter).get() == info)
        #expect(try check(f.leaf, f.leafKey, now: info.notValidBefore).get() == info)
        guard case .failure(.malformed(let expired)) = check(f.leaf, f.leafKey, now: info.notValidAfter + 1),
            case .failure(.malformed(let early)) = check(f.leaf, f.leafKey, now: info.notValidBefore - 1)
        else {
            Issue.record("a certificate outside its validity period was accepted")
            return
        }
        #expect(expired.contains("expired") && expired.contains(ServerCertificateBundle.timestamp(info.notValidAfter)))
        #expect(early.contains("not yet valid"))
    }
}
