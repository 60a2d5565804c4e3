import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IAMServer
import Logging
import Testing

@Suite("Operations endpoints")
struct OperationsEndpointTests {
    static func app(metrics: Bool = true) async throws -> (some ApplicationProtocol, String) {
        let directory = EndpointTests.temporaryDirectory()
        let app = try await WardenServer.buildApplication(
            WardenConfiguration(port: 0, dataDirectory: directory, metricsEnabled: metrics), logger: Logger(label: "test"))
        return (app, directory)
    }

    @Test("/healthz and /readyz answer 200 with JSON, unsigned, and are not AWS requests")
    func health() async throws {
        let (app, _) = try await Self.app()
        try await app.test(.router) { client in
            for path in ["/healthz", "/readyz"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json")
                    #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!] == nil)
                    let body = String(buffer: response.body)
                    #expect(body == (path == "/healthz" ? #"{"status":"ok"}"# : #"{"status":"ready"}"#))
                }
            }
        }
    }

    @Test("/metrics counts a signed call and a refused one by operation and outcome")
    func metricsAfterCalls() async throws {
        let (app, directory) = try await Self.app()
        let (id, secret) = try EndpointTests.credentials(in: directory)
        try await app.test(.router) { client in
            let body = "Action=ListUsers&Version=2010-05-08"
            let headers = EndpointTests.signedHeaders(body: body, id: id, secret: secret, service: "iam")
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
            }
            // Unsigned: refused before any operation is known to be callable.
            try await client.execute(uri: "/", method: .post, headers: [.contentType: EndpointTests.form],
                                     body: ByteBuffer(string: "Action=ListUsers&Version=2010-05-08")) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"warden_requests_total{service="iam",operation="ListUsers",outcome="success",code="none"} 1"#))
                #expect(text.contains(
                    #"warden_requests_total{service="iam",operation="ListUsers",outcome="client_error",code="MissingAuthenticationToken"} 1"#))
                #expect(text.contains(#"warden_request_duration_seconds_bucket{service="iam",operation="ListUsers",le="+Inf"} 2"#))
                // The root user is allowed by the gate without policies: still a decision.
                #expect(text.contains(#"warden_authorization_decisions_total{decision="allow",service="iam"} 1"#))
            }
        }
    }

    @Test("with metrics off, /metrics is not served")
    func metricsOff() async throws {
        let (app, _) = try await Self.app(metrics: false)
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

@Suite("Readiness probe")
struct ReadinessTests {
    struct Unavailable: Error {}

    @Test("ready when the store answers, not ready when it throws")
    func answersAndFailures() async {
        let logger = Logger(label: "test")
        #expect(await OperationsRoutes.ready(ping: {}, timeout: .seconds(5), logger: logger))
        #expect(await OperationsRoutes.ready(ping: { throw Unavailable() }, timeout: .seconds(5), logger: logger) == false)
    }

    @Test("a store that hangs is not ready once the timeout passes, and the probe returns")
    func hangingStore() async {
        // The store hangs until the test lets it go, which it does only after the probe answered: the probe
        // returning at all proves it did not wait for the store (no wall-clock bound, which a loaded CI
        // machine broke: the timer task itself was scheduled 10 s late).
        let (release, hang) = AsyncStream<Void>.makeStream()
        let ready = await OperationsRoutes.ready(ping: { for await _ in release {} }, timeout: .milliseconds(200),
                                                 logger: Logger(label: "test"))
        #expect(ready == false)
        hang.finish()
    }
}
