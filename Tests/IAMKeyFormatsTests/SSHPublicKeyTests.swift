import Foundation
import Testing

@testable import IAMKeyFormats

@Suite("SSH public keys")
struct SSHPublicKeyTests {
    func accepted(_ body: String) throws -> SSHPublicKeyInfo { try SSHPublicKey.parse(body).get() }

    func invalidMessage(_ body: String) -> String? {
        if case .failure(.invalid(let message)) = SSHPublicKey.parse(body) { return message }
        return nil
    }

    func isUnrecognized(_ body: String) -> Bool {
        if case .failure(.unrecognizedEncoding) = SSHPublicKey.parse(body) { return true }
        return false
    }

    /// The blob of an OpenSSH public key line.
    func blob(of line: String) throws -> [UInt8] {
        let field = try #require(line.split(separator: " ").dropFirst().first)
        return Array(try #require(Data(base64Encoded: String(field))))
    }

    func sshLine(_ blob: [UInt8]) -> String { "ssh-rsa \(Data(blob).base64EncodedString()) test" }

    @Test("an ssh-keygen RSA 2048 key is accepted with ssh-keygen's MD5 fingerprint")
    func rsaAccepted() throws {
        let fixtures = try SSHKeyFixtures.require()
        let info = try accepted(fixtures.rsa)
        #expect(info.fingerprint == fixtures.rsaMD5)
        #expect(info.modulusBits == 2048)
        let withoutComment = fixtures.rsa.split(separator: " ").prefix(2).joined(separator: " ")
        #expect(info.sshEncoding == withoutComment)
    }

    @Test("the fingerprint is 16 lowercase hex pairs joined by colons, 47 characters")
    func fingerprintShape() throws {
        let fingerprint = try accepted(try SSHKeyFixtures.require().rsa).fingerprint
        #expect(fingerprint.count == 47)
        let pairs = fingerprint.split(separator: ":", omittingEmptySubsequences: false)
        #expect(pairs.count == 16)
        #expect(pairs.allSatisfy { $0.count == 2 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }

    @Test("a 3072-bit key is accepted with ssh-keygen's fingerprint")
    func rsa3072Accepted() throws {
        let fixtures = try SSHKeyFixtures.require()
        let info = try accepted(fixtures.rsa3072)
        #expect(info.fingerprint == fixtures.rsa3072MD5)
        #expect(info.modulusBits == 3072)
    }

    @Test("the SPKI PEM form from ssh-keygen -e -m PKCS8 gives the same key")
    func spkiAccepted() throws {
        let fixtures = try SSHKeyFixtures.require()
        #expect(try accepted(fixtures.rsaSPKI) == accepted(fixtures.rsa))
    }

    @Test("the PKCS#1 PEM form from ssh-keygen -e -m PEM gives the same key")
    func pkcs1Accepted() throws {
        let fixtures = try SSHKeyFixtures.require()
        #expect(try accepted(fixtures.rsaPKCS1) == accepted(fixtures.rsa))
    }

    @Test("pemEncoding is byte-for-byte what ssh-keygen -e -m PKCS8 writes")
    func pemEncodingMatchesSSHKeygen() throws {
        let fixtures = try SSHKeyFixtures.require()
        #expect(try accepted(fixtures.rsa).pemEncoding == fixtures.rsaSPKI)
    }

    @Test("pemEncoding round-trips through openssl rsa -pubin with the same modulus")
    func pemEncodingRoundTrips() throws {
        let fixtures = try SSHKeyFixtures.require()
        let info = try accepted(fixtures.rsa)
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("key.pem", info.pemEncoding)
        let text = try workspace.run(.openssl, ["rsa", "-pubin", "-in", "key.pem", "-noout", "-text"])
        #expect(text.contains("Public-Key: (2048 bit)"))
        #expect(text.contains("Exponent: 65537"))
        let modulus = try workspace.run(.openssl, ["rsa", "-pubin", "-in", "key.pem", "-noout", "-modulus"])
        #expect(modulus.trimmingCharacters(in: .whitespacesAndNewlines) == "Modulus=\(fixtures.rsaModulusHex)")
    }

    @Test("the hand-built PKCS#1 DER matches ssh-keygen's PKCS#1 export")
    func pkcs1DERMatches() throws {
        let fixtures = try SSHKeyFixtures.require()
        let numbers = try SSHPublicKey.numbers(fromBlob: try blob(of: fixtures.rsa)).get()
        let exported = try #require(Data(base64Encoded: PEMBody.base64(of: fixtures.rsaPKCS1)))
        #expect(numbers.pkcs1DER == Array(exported))
        #expect(numbers.sshBlob == (try blob(of: fixtures.rsa)))
    }

    @Test("an RSA key with public exponent 3 is accepted")
    func exponent3Accepted() throws {
        let info = try accepted(try SSHKeyFixtures.require().exponent3SPKI)
        #expect(info.modulusBits == 2048)
        #expect(try blob(of: info.sshEncoding).starts(with: SSHWireFormat.string(Array("ssh-rsa".utf8)) + [0, 0, 0, 1, 3]))
    }

    @Test("a 1024-bit RSA key is invalid")
    func shortKeyInvalid() throws {
        let message = try #require(invalidMessage(try SSHKeyFixtures.require().rsa1024))
        #expect(message.contains("1024 bits"))
    }

    @Test("Ed25519 and ECDSA keys are an unrecognized encoding, in OpenSSH and PEM form")
    func otherKeyTypesUnrecognized() throws {
        let fixtures = try SSHKeyFixtures.require()
        for body in [fixtures.ed25519, fixtures.ecdsa, fixtures.ecSPKI, fixtures.ed25519SPKI] {
            #expect(isUnrecognized(body), "\(body)")
        }
        if case .failure(.unrecognizedEncoding(let message)) = SSHPublicKey.parse(fixtures.ed25519) {
            #expect(message.contains("`ssh-ed25519`"))
        }
    }

    @Test("private keys, RFC 4716 SSH2 blocks, certificates and prose are an unrecognized encoding")
    func otherTextUnrecognized() throws {
        let fixtures = try SSHKeyFixtures.require()
        let encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END RSA PRIVATE KEY-----\n"
        let bodies = [
            fixtures.rsaPrivateKey, fixtures.rsaRFC4716, encrypted, "", "  \n\t ", "hello world",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "ssh-dss AAAAB3NzaC1kc3M=", "command=\"ls\" " + fixtures.rsa,
        ]
        for body in bodies {
            #expect(isUnrecognized(body), "\(body)")
        }
    }

    @Test("comments with spaces, surrounding blank lines and CRLF are accepted")
    func tolerantLayout() throws {
        let fixtures = try SSHKeyFixtures.require()
        let expected = try accepted(fixtures.rsa)
        let line = fixtures.rsa.trimmingCharacters(in: .whitespacesAndNewlines)
        for body in [line, "\n  " + line + " and more words\r\n\n", line.replacingOccurrences(of: " ", with: "\t")] {
            #expect(try accepted(body) == expected)
        }
        let keyOnly = line.split(separator: " ").prefix(2).joined(separator: " ")
        #expect(try accepted(keyOnly) == expected)
        #expect(try accepted(fixtures.rsaSPKI.replacingOccurrences(of: "\n", with: "\r\n")) == expected)
    }

    @Test("corrupted base64 in the key data is invalid")
    func corruptedBase64() throws {
        let line = try SSHKeyFixtures.require().rsa
        let field = String(line.split(separator: " ")[1])
        for corrupted in [field + "!", String(field.dropLast()), "AAAA!!!!", "===="] {
            #expect(invalidMessage("ssh-rsa \(corrupted)") != nil, "\(corrupted)")
        }
        #expect(invalidMessage("ssh-rsa") != nil)
    }

    @Test("every truncation of the key blob is invalid")
    func truncatedBlob() throws {
        let full = try blob(of: try SSHKeyFixtures.require().rsa)
        for length in 0..<full.count {
            #expect(invalidMessage(sshLine(Array(full.prefix(length)))) != nil, "blob cut at \(length)")
        }
        #expect(invalidMessage(sshLine(full + [0])) != nil, "a trailing byte")
    }

    @Test("a blob for another key type, negative numbers and lying lengths are invalid")
    func corruptedBlob() throws {
        let full = try blob(of: try SSHKeyFixtures.require().rsa)
        let other = SSHWireFormat.string(Array("ssh-dss".utf8)) + full.dropFirst(11)
        #expect(invalidMessage(sshLine(other)) != nil)
        #expect(invalidMessage(sshLine([0xFF, 0xFF, 0xFF, 0xFF] + full.dropFirst(4))) != nil)
        let negativeExponent = Array(full.prefix(11)) + SSHWireFormat.string([0x81, 0x00, 0x01])
            + full.dropFirst(18)
        #expect(invalidMessage(sshLine(negativeExponent)) != nil)
    }

    @Test("bad exponents and an even modulus are invalid")
    func badNumbers() throws {
        let numbers = try SSHPublicKey.numbers(fromBlob: try blob(of: try SSHKeyFixtures.require().rsa)).get()
        func line(modulus: [UInt8], exponent: [UInt8]) -> String {
            sshLine(
                SSHWireFormat.string(Array("ssh-rsa".utf8)) + SSHWireFormat.unsignedMPInt(exponent)
                    + SSHWireFormat.unsignedMPInt(modulus))
        }
        for exponent: [UInt8] in [[], [1], [2], [0x01, 0x00, 0x00], [0x02, 0x00, 0x00, 0x00, 0x01]] {
            #expect(invalidMessage(line(modulus: numbers.modulus, exponent: exponent)) != nil, "e = \(exponent)")
        }
        var even = numbers.modulus
        even[even.count - 1] &= 0xFE
        #expect(invalidMessage(line(modulus: even, exponent: numbers.exponent))?.contains("even") == true)
        #expect(invalidMessage(line(modulus: [], exponent: numbers.exponent)) != nil)
    }

    @Test("redundant leading zeros in the blob are tolerated and re-encoded canonically")
    func nonCanonicalBlob() throws {
        let fixtures = try SSHKeyFixtures.require()
        let numbers = try SSHPublicKey.numbers(fromBlob: try blob(of: fixtures.rsa)).get()
        let padded = SSHWireFormat.string(Array("ssh-rsa".utf8)) + SSHWireFormat.string([0, 0] + numbers.exponent)
            + SSHWireFormat.string([0, 0, 0] + numbers.modulus)
        let info = try accepted(sshLine(padded))
        #expect(info == (try accepted(fixtures.rsa)))
        #expect(info.fingerprint == fixtures.rsaMD5)
    }

    @Test("a second key in the body is invalid")
    func twoKeys() throws {
        let fixtures = try SSHKeyFixtures.require()
        #expect(invalidMessage(fixtures.rsa + fixtures.rsa3072) != nil)
        #expect(invalidMessage(fixtures.rsaSPKI + fixtures.rsaPKCS1) != nil)
        #expect(invalidMessage(fixtures.rsa + fixtures.rsaSPKI) != nil, "an OpenSSH line beside a PEM block")
        #expect(invalidMessage("my key:\n" + fixtures.rsaSPKI) != nil, "prose around a PEM key")
    }

    @Test("broken PEM public keys are invalid")
    func brokenPEM() throws {
        let fixtures = try SSHKeyFixtures.require()
        let lines = fixtures.rsaSPKI.split(separator: "\n").map(String.init)
        #expect(invalidMessage(lines.dropLast().joined(separator: "\n")) != nil, "no END line")
        #expect(invalidMessage(fixtures.rsaSPKI.replacingOccurrences(of: lines[1], with: lines[1] + "!")) != nil)
        let swapped = fixtures.rsaSPKI.replacingOccurrences(of: "PUBLIC KEY", with: "RSA PUBLIC KEY")
        #expect(invalidMessage(swapped) != nil, "SPKI DER under the PKCS#1 label")
        let der = try #require(Data(base64Encoded: PEMBody.base64(of: fixtures.rsaSPKI)))
        for length in stride(from: 0, to: der.count, by: 9) {
            #expect(invalidMessage(PEMArmor.encode(label: "PUBLIC KEY", der: der.prefix(length))) != nil)
        }
    }

    @Test("a 20,000-character body is invalid, and random bytes never crash the parser")
    func hostileInput() throws {
        #expect(invalidMessage("ssh-rsa " + String(repeating: "A", count: 20_000)) != nil)
        #expect(invalidMessage(String(repeating: "x", count: 20_000)) != nil)
        var generator = SeededGenerator(state: 0x55_4B_E7)
        for _ in 0..<300 {
            let count = Int.random(in: 0...700, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let results = [
                SSHPublicKey.parse(String(decoding: bytes, as: UTF8.self)),
                SSHPublicKey.parse(sshLine(bytes)),
                SSHPublicKey.parse(PEMArmor.encode(label: "PUBLIC KEY", der: bytes)),
                SSHPublicKey.parse(PEMArmor.encode(label: "RSA PUBLIC KEY", der: bytes)),
            ]
            for result in results {
                if case .success = result { Issue.record("random bytes were accepted as a key") }
            }
        }
    }
}
