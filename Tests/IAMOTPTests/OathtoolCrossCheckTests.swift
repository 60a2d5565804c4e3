import Foundation
import Testing

import IAMOTP

@Suite("TOTP agrees with oathtool")
struct OathtoolCrossCheckTests {
    @Test("20 random secrets and times give the codes Debian's oathtool computes")
    func randomSecrets() throws {
        guard let oathtool = ExternalTool.locate("oathtool") else {
            Issue.record("oathtool not found: install it with `apt-get install oathtool` (Debian package oathtool)")
            return
        }
        var generator = SystemRandomNumberGenerator()
        for index in 0..<20 {
            // Mostly AWS-sized 40-byte secrets, plus some lengths that need Base32 padding.
            let length = index % 4 == 0 ? Int.random(in: 10...64, using: &generator) : TOTP.secretByteCount
            let secret = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let time = Int64.random(in: 0...4_102_444_800, using: &generator)
            let base32 = Base32.encode(secret)
            let result = try ExternalTool.run(oathtool, ["--totp", "-b", base32, "-N", "@\(time)"])
            #expect(result.status == 0, "oathtool failed for secret \(base32) at \(time)")
            let expected = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(TOTP(secret: secret).code(at: time) == expected, "secret \(base32) at \(time)")
        }
    }

    @Test("oathtool agrees on a fixed date and the RFC seed")
    func fixedDate() throws {
        guard let oathtool = ExternalTool.locate("oathtool") else {
            Issue.record("oathtool not found: install it with `apt-get install oathtool` (Debian package oathtool)")
            return
        }
        let base32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        let result = try ExternalTool.run(oathtool, ["--totp", "-b", base32, "--now", "2026-01-01 00:00:00 UTC"])
        let totp = try #require(TOTP(base32Secret: base32))
        #expect(totp.code(at: 1_767_225_600) == result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
