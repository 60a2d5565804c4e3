import Foundation
import Testing

@testable import IAMQRCode

@Suite("QR code PNG")
struct QRCodePNGTests {
    static let uri = "otpauth://totp/Warden:MFAUser@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=Warden"

    @Test("the PNG has a signature, IHDR, IDAT and IEND chunks with valid CRCs")
    func structure() throws {
        let png = try #require(QRCodePNG.png(for: Self.uri))
        #expect(png.starts(with: PNGFile.signature))
        let file = try #require(PNGFile(png))
        #expect(file.chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        for chunk in file.chunks {
            #expect(chunk.storedCRC == chunk.computedCRC, "CRC of \(chunk.type)")
        }
        let header = try #require(file.chunks.first).data
        let symbol = try #require(QRSymbol(encoding: Self.uri))
        let side = UInt32((symbol.width + 8) * 6)
        #expect(PNGFile.uint32(header, at: 0) == side)
        #expect(PNGFile.uint32(header, at: 4) == side)
        #expect(Array(header[8...]) == [8, 0, 0, 0, 0])
        #expect(file.chunks.last?.data.isEmpty == true)
    }

    @Test("the IDAT stream inflates to the rendered scanlines with a valid Adler-32")
    func idatInflates() throws {
        let cases = [(Self.uri, 6, 10), (Self.uri, 1, 1), (String(repeating: "x", count: 2_000), 3, 5)]
        for (text, scale, minimumRatio) in cases {
            let png = try #require(QRCodePNG.png(for: text, scale: scale))
            let idat = try #require(PNGFile(png)?.chunks.first { $0.type == "IDAT" })
            let symbol = try #require(QRSymbol(encoding: text))
            let expected = QRCodePNG.scanlines(for: symbol, scale: scale)
            #expect(ZlibInflater.inflate(idat.data) == expected)
            #expect(idat.data.count * minimumRatio < expected.count, "compressed at least \(minimumRatio)×")
        }
    }

    @Test("the rendering is black on white with a 4-module quiet zone")
    func rendering() throws {
        let symbol = try #require(QRSymbol(encoding: Self.uri))
        let scale = 2
        let side = (symbol.width + 8) * scale
        let scanlines = QRCodePNG.scanlines(for: symbol, scale: scale)
        #expect(scanlines.count == side * (side + 1))
        func pixel(_ x: Int, _ y: Int) -> UInt8 { scanlines[y * (side + 1) + 1 + x] }
        #expect((0..<side).allSatisfy { scanlines[$0 * (side + 1)] == 0 }, "every row uses filter type 0")
        #expect((0..<(4 * scale)).allSatisfy { y in (0..<side).allSatisfy { pixel($0, y) == 255 } })
        // The top-left finder pattern starts right after the quiet zone with a dark module.
        #expect(pixel(4 * scale, 4 * scale) == 0)
        #expect(pixel(4 * scale + 7 * scale - 1, 4 * scale) == 0)
        #expect(pixel(4 * scale + 7 * scale, 4 * scale) == 255)
        #expect(Set(scanlines.enumerated().filter { $0.offset % (side + 1) != 0 }.map(\.element)) == [0, 255])
    }

    @Test("zbarimg decodes exactly the otpauth URI")
    func zbarimgDecodes() throws {
        try expectZbarimgDecodes(Self.uri, scale: 6)
    }

    @Test("a 2,000-character text encodes and decodes")
    func longText() throws {
        let text = String((0..<2_000).map { index in Array("abcdefghijklmnopqrstuvwxyz0123456789")[index % 36] })
        let png = try #require(QRCodePNG.png(for: text, scale: 4))
        #expect(PNGFile(png)?.chunks.allSatisfy { $0.storedCRC == $0.computedCRC } == true)
        try expectZbarimgDecodes(text, scale: 4)
    }

    @Test("text too long for any QR code returns nil")
    func tooLong() {
        #expect(QRCodePNG.png(for: String(repeating: "a", count: 5_000)) == nil)
        #expect(QRCodePNG.png(for: String(repeating: "a", count: 2_332)) == nil)
        #expect(QRCodePNG.png(for: String(repeating: "a", count: 2_331)) != nil)
    }

    @Test("empty text, NUL characters and bad scales return nil")
    func rejectedInput() {
        #expect(QRCodePNG.png(for: "") == nil)
        #expect(QRCodePNG.png(for: "a\u{0}b") == nil)
        #expect(QRCodePNG.png(for: Self.uri, scale: 0) == nil)
        #expect(QRCodePNG.png(for: Self.uri, scale: 33) == nil)
        #expect(QRCodePNG.png(for: Self.uri, scale: 1) != nil)
    }

    private func expectZbarimgDecodes(_ text: String, scale: Int) throws {
        guard let zbarimg = ExternalTool.locate("zbarimg") else {
            Issue.record("zbarimg not found: install it with `apt-get install zbar-tools` (Debian package zbar-tools)")
            return
        }
        let png = try #require(QRCodePNG.png(for: text, scale: scale))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("warden-qr-\(UUID().uuidString).png")
        try Data(png).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try ExternalTool.run(zbarimg, ["--raw", "-q", url.path])
        #expect(result.status == 0)
        var output = result.output
        if output.hasSuffix("\n") { output.removeLast() }
        #expect(output == text)
    }
}
