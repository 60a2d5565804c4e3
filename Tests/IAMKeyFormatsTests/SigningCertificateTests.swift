import Foundation
import Testing

@testable import IAMKeyFormats

@Suite("signing certificates")
struct SigningCertificateTests {
    /// Read when used, not when the suite is made: openssl starts a certificate's validity at the second it is made,
    /// and fixtures are made on first use.
    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    func accepted(_ body: String, now: Int64? = nil) throws -> SigningCertificateInfo {
        try SigningCertificate.parse(body, now: now ?? self.now).get()
    }

    func isMalformed(_ body: String) -> Bool {
        if case .failure(.malformed) = SigningCertificate.parse(body, now: now) { return true }
        return false
    }

    func malformedMessage(_ body: String, now: Int64) -> String? {
        if case .failure(.malformed(let message)) = SigningCertificate.parse(body, now: now) { return message }
        return nil
    }

    func invalidMessage(_ body: String, now: Int64? = nil) -> String? {
        if case .failure(.invalid(let message)) = SigningCertificate.parse(body, now: now ?? self.now) {
            return message
        }
        return nil
    }

    @Test("an RSA 2048 certificate from openssl is accepted and normalized to openssl's own layout")
    func rsaAccepted() throws {
        let fixtures = try CertificateFixtures.require()
        let info = try accepted(fixtures.rsa)
        #expect(info.normalizedPEM == fixtures.rsa)
        #expect(info.derSHA256.hex == fixtures.rsaSHA256)
        #expect(info.derSHA256.count == 32)
        #expect(info.notValidAfter - info.notValidBefore == 30 * 86_400)
        #expect((fixtures.generatedAfter...fixtures.generatedBefore).contains(info.notValidBefore))
    }

    @Test("EC P-256 and P-384 certificates are accepted")
    func ecAccepted() throws {
        let fixtures = try CertificateFixtures.require()
        for body in [fixtures.p256, fixtures.p384] {
            let info = try accepted(body)
            #expect(info.normalizedPEM == body)
        }
    }

    @Test("the validity period is inclusive at both ends")
    func validityBoundaries() throws {
        let body = try CertificateFixtures.require().rsa
        let info = try accepted(body)
        #expect(try accepted(body, now: info.notValidBefore) == info)
        #expect(try accepted(body, now: info.notValidAfter) == info)
    }

    @Test("a certificate used after notValidAfter is malformed, as expired (AWS: \"malformed or expired\")")
    func expired() throws {
        let body = try CertificateFixtures.require().rsa
        let info = try accepted(body)
        let message = try #require(malformedMessage(body, now: info.notValidAfter + 1))
        #expect(message.contains("expired"))
        #expect(malformedMessage(body, now: info.notValidAfter + 10 * 365 * 86_400) != nil)
    }

    @Test("a certificate used before notValidBefore is malformed, as not yet valid")
    func notYetValid() throws {
        let body = try CertificateFixtures.require().rsa
        let info = try accepted(body)
        let message = try #require(malformedMessage(body, now: info.notValidBefore - 1))
        #expect(message.contains("not valid until"))
        #expect(malformedMessage(body, now: 0) != nil)
    }

    @Test("Ed25519 and Ed448 keys are invalid: only RSA and EC keys are supported")
    func edwardsKeysInvalid() throws {
        let fixtures = try CertificateFixtures.require()
        #expect(invalidMessage(fixtures.ed25519)?.contains("only RSA and EC") == true)
        #expect(invalidMessage(fixtures.ed448)?.contains("1.3.101.113") == true)
    }

    @Test("a 1024-bit RSA key is invalid, not malformed")
    func shortRSAInvalid() throws {
        let message = try #require(invalidMessage(try CertificateFixtures.require().rsa1024))
        #expect(message.contains("1024 bits"))
    }

    @Test("an EC key on secp256k1 is invalid")
    func unsupportedCurveInvalid() throws {
        let message = try #require(invalidMessage(try CertificateFixtures.require().secp256k1))
        #expect(message.contains("1.3.132.0.10"))
    }

    @Test("an RSASSA-PSS signature is invalid as an unsupported signature algorithm")
    func pssSignatureInvalid() throws {
        let message = try #require(invalidMessage(try CertificateFixtures.require().rsaPSSSigned))
        #expect(message.contains("signature algorithm"))
    }

    @Test("explanatory text around the block, CRLF line breaks and other line lengths are accepted")
    func tolerantLayout() throws {
        let fixtures = try CertificateFixtures.require()
        let expected = try accepted(fixtures.rsa)
        #expect(fixtures.rsaTextDump.hasPrefix("Certificate:"))
        #expect(try accepted(fixtures.rsaTextDump) == expected)
        #expect(try accepted(fixtures.rsa.replacingOccurrences(of: "\n", with: "\r\n")) == expected)
        let base64 = PEMBody.base64(of: fixtures.rsa)
        let rewrapped = "-----BEGIN CERTIFICATE-----\n" + PEMBody.wrap(base64, width: 76)
            + "\n-----END CERTIFICATE-----"
        #expect(try accepted("  \n" + rewrapped + "\n\n") == expected)
        let oneLine = "-----BEGIN CERTIFICATE-----\(base64)-----END CERTIFICATE-----"
        #expect(isMalformed(oneLine), "boundaries must be on their own lines")
    }

    @Test("a body of exactly 16,384 characters is accepted, and one more character is malformed")
    func lengthLimit() throws {
        let body = try CertificateFixtures.require().rsa
        let padded = body + String(repeating: " ", count: SigningCertificate.maximumBodyLength - body.count)
        #expect(try accepted(padded).normalizedPEM == body)
        #expect(isMalformed(padded + " "))
        #expect(isMalformed(String(repeating: "A", count: 20_000)))
        #expect(isMalformed(""))
    }

    @Test("text that is not PEM is malformed")
    func notPEM() {
        for body in ["hello", "MIIB", "   \n\t", "-----BEGIN CERTIFICATE", "ssh-rsa AAAAB3NzaC1yc2E"] {
            #expect(isMalformed(body), "\(body)")
        }
    }

    @Test("two certificates in one body are malformed")
    func twoCertificates() throws {
        let fixtures = try CertificateFixtures.require()
        #expect(isMalformed(fixtures.rsa + fixtures.p256))
        #expect(isMalformed(fixtures.rsa + fixtures.rsa))
        #expect(isMalformed(fixtures.rsa + fixtures.rsaPrivateKey), "a key beside the certificate")
    }

    @Test("other PEM blocks are malformed: private keys, public keys, wrong labels")
    func otherBlocks() throws {
        let fixtures = try CertificateFixtures.require()
        #expect(isMalformed(fixtures.rsaPrivateKey))
        #expect(isMalformed(fixtures.rsaPublicKey))
        let relabelled = fixtures.rsa.replacingOccurrences(of: "CERTIFICATE", with: "X509 CERTIFICATE")
        #expect(isMalformed(relabelled))
        let spkiAsCertificate = fixtures.rsaPublicKey.replacingOccurrences(of: "PUBLIC KEY", with: "CERTIFICATE")
        #expect(isMalformed(spkiAsCertificate), "valid DER that is not a certificate")
    }

    @Test("broken armour is malformed: no END, mismatched END, headers, stray END, bad base64")
    func brokenArmour() throws {
        let body = try CertificateFixtures.require().rsa
        let lines = body.split(separator: "\n").map(String.init)
        #expect(isMalformed(lines.dropLast().joined(separator: "\n")))
        #expect(isMalformed(body.replacingOccurrences(of: "END CERTIFICATE", with: "END CERTIFICATES")))
        #expect(isMalformed(lines[0] + "\nProc-Type: 4,ENCRYPTED\n" + lines.dropFirst().joined(separator: "\n")))
        #expect(isMalformed("-----END CERTIFICATE-----\n" + body))
        #expect(isMalformed(body.replacingOccurrences(of: lines[3], with: lines[3] + "!")))
        #expect(isMalformed(lines[0] + "\n" + String(lines[1].dropLast()) + "\n" + lines.dropFirst(2).joined(separator: "\n")))
        #expect(isMalformed("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"))
    }

    @Test("truncated DER inside intact armour is malformed")
    func truncatedDER() throws {
        let body = try CertificateFixtures.require().rsa
        let der = try #require(Data(base64Encoded: PEMBody.base64(of: body)))
        for length in stride(from: 0, to: der.count, by: 23) {
            let truncated = PEMArmor.encode(label: "CERTIFICATE", der: der.prefix(length))
            #expect(isMalformed(truncated), "DER cut at \(length) of \(der.count) bytes")
        }
        let extended = PEMArmor.encode(label: "CERTIFICATE", der: der + [0x00])
        #expect(isMalformed(extended), "trailing byte after the certificate")
    }

    @Test("random bytes and mutated certificates never crash the parser")
    func hostileInput() throws {
        var generator = SeededGenerator(state: 0x5EED_CE27)
        for _ in 0..<300 {
            let count = Int.random(in: 0...600, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(isMalformed(String(decoding: bytes, as: UTF8.self)))
            let armoured = PEMArmor.encode(label: "CERTIFICATE", der: bytes)
            #expect(isMalformed(armoured))
        }
        let body = try CertificateFixtures.require().rsa
        var mutable = Array(body.utf8)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for _ in 0..<300 {
            let index = Int.random(in: 28..<(mutable.count - 26), using: &generator)
            guard mutable[index] != UInt8(ascii: "\n") else { continue }
            let saved = mutable[index]
            mutable[index] = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
            _ = SigningCertificate.parse(String(decoding: mutable, as: UTF8.self), now: now)
            mutable[index] = saved
        }
    }
}

/// Helpers for rebuilding PEM text in tests.
enum PEMBody {
    /// The base64 between the boundaries of the first block, without line breaks.
    static func base64(of pem: String) -> String {
        pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
    }

    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        return lines.joined(separator: "\n")
    }
}
