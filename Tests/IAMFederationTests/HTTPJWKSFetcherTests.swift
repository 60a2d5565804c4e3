import Foundation
import Testing

@testable import IAMFederation

/// The real fetcher against a local HTTP server (`python3 -m http.server` on 127.0.0.1, serving files
/// the test writes): discovery, then `jwks_uri`, behind the loopback test switch.
@Suite("Fetching an issuer's keys over HTTP", .serialized)
struct HTTPJWKSFetcherTests {
    /// A static file server on a free loopback port (the kernel picks it), stopped when the test ends.
    final class LocalServer {
        let workspace: ToolWorkspace
        let process = Process()
        var port = 0

        init() throws {
            workspace = try ToolWorkspace()
            guard let python = ToolWorkspace.executable("python3") else { throw FixtureFailure("python3 is not installed") }
            process.executableURL = python
            process.arguments = ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", workspace.directory.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // "Serving HTTP on 127.0.0.1 port 43883 (...)": printed once the socket is listening.
            var banner = ""
            while port == 0 {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                banner += String(decoding: chunk, as: UTF8.self)
                if let range = banner.range(of: " port "), let end = banner[range.upperBound...].firstIndex(of: " ") {
                    port = Int(banner[range.upperBound..<end]) ?? 0
                }
            }
            guard port > 0 else {
                stop()
                throw FixtureFailure("the local HTTP server did not start: \(banner)")
            }
        }

        var base: String { "http://127.0.0.1:\(port)" }

        /// SIGKILL: a parent that ignores SIGTERM (as some job runners do) passes that on to the server.
        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            workspace.remove()
        }
    }

    @Test("Discovery then jwks_uri; keys parsed; the issuer must match")
    func fetches() async throws {
        let server = try LocalServer()
        defer { server.stop() }
        let issuer = server.base + "/tenant"
        try server.workspace.write("tenant/.well-known/openid-configuration",
                                   #"{"issuer":"\#(issuer)","jwks_uri":"\#(server.base)/keys/jwks.json"}"#)
        try server.workspace.write("keys/jwks.json", JWTFixture.shared.jwks)
        let fetcher = HTTPJWKSFetcher(allowLoopbackHTTP: true, timeout: 5)
        let set = try await fetcher.keySet(forIssuer: issuer)
        #expect(set.keys.map(\.keyID) == ["rsa-1", "ec-1"])

        // The keys verify a token from that issuer end to end.
        let provider = OIDCProviderTrust(url: String(issuer.dropFirst("http://".count)), clientIDs: ["sts.amazonaws.com"], scheme: "http")
        let token = try JWTFixture.shared.token(claims: JWTFixture.claims(["iss": "\"\(issuer)\""]))
        #expect(try WebIdentityVerifier().verify(token: token, provider: provider, keys: set, now: JWTFixture.now).subject.hasPrefix("repo:"))

        // Another issuer named in the discovery document, a missing document, an oversized key set.
        try server.workspace.write("liar/.well-known/openid-configuration",
                                   #"{"issuer":"https://elsewhere.example.com","jwks_uri":"\#(server.base)/keys/jwks.json"}"#)
        await #expect(throws: FederationError.self) { try await fetcher.keySet(forIssuer: server.base + "/liar") }
        await #expect(throws: FederationError.self) { try await fetcher.keySet(forIssuer: server.base + "/missing") }
        try server.workspace.write("big/.well-known/openid-configuration",
                                   #"{"issuer":"\#(server.base)/big","jwks_uri":"\#(server.base)/big/jwks.json"}"#)
        try server.workspace.write("big/jwks.json", String(repeating: " ", count: JSONWebKeySet.maximumBytes + 10) + "{}")
        do {
            _ = try await fetcher.keySet(forIssuer: server.base + "/big")
            Issue.record("an oversized key set was accepted")
        } catch {
            #expect(error.code == .invalidIdentityToken && error.detail?.contains("larger than") == true)
        }
    }

    @Test("Without the test switch plain HTTP is refused before any request; unreachable hosts are IDPCommunicationError")
    func refusals() async throws {
        let fetcher = HTTPJWKSFetcher()
        #expect(!fetcher.isAllowed(URL(string: "http://127.0.0.1:1/x")!))
        #expect(!HTTPJWKSFetcher(allowLoopbackHTTP: true).isAllowed(URL(string: "http://example.com/x")!))
        #expect(HTTPJWKSFetcher(allowLoopbackHTTP: true).isAllowed(URL(string: "http://localhost:8080/x")!))
        #expect(fetcher.isAllowed(URL(string: "https://example.com/x")!))
        #expect(!fetcher.isAllowed(URL(string: "https://user@example.com/x")!))
        await #expect(throws: FederationError.self) { try await fetcher.keySet(forIssuer: "http://127.0.0.1:9") }
        do {
            _ = try await HTTPJWKSFetcher(allowLoopbackHTTP: true, timeout: 2).keySet(forIssuer: "http://127.0.0.1:9")
            Issue.record("a closed port answered")
        } catch {
            #expect(error.code == .idpCommunicationError)
        }
    }
}
