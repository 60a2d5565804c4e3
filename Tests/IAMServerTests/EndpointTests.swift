import AWSSigV4
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IAMServer
import Logging
import Testing

@Suite("AWS endpoint")
struct EndpointTests {
    static let form = "application/x-www-form-urlencoded; charset=utf-8"

    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "warden-test-\(UUID().uuidString)"
    }

    static func credentials(in directory: String) throws -> (String, String) {
        let text = try String(contentsOfFile: directory + "/root-credentials", encoding: .utf8)
        var id = ""
        var secret = ""
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 && parts[0] == "aws_access_key_id" { id = parts[1] }
            if parts.count == 2 && parts[0] == "aws_secret_access_key" { secret = parts[1] }
        }
        return (id, secret)
    }

    /// Headers for a SigV4-signed form POST to `/` (Host is part of the signature).
    static func signedHeaders(body: String, id: String, secret: String, service: String, host: String = "localhost",
                              time: Int64 = Int64(Date().timeIntervalSince1970)) -> HTTPFields {
        let request = SigV4Request(method: "POST", path: "/", query: "", headers: [("Host", host), ("Content-Type", form)])
        let added = SigV4.sign(request, accessKeyID: id, secretAccessKey: secret, sessionToken: nil, region: "us-east-1",
                               service: service, payloadSHA256: SigV4.sha256Hex(Array(body.utf8)), time: time)
        var fields = HTTPFields()
        fields[.contentType] = form
        for (name, value) in added {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return fields
    }

    @Test("an unsigned request gets MissingAuthenticationToken in the Query error envelope")
    func unsigned() async throws {
        let app = try await WardenServer.buildApplication(
            WardenConfiguration(port: 0, dataDirectory: Self.temporaryDirectory()), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .post, headers: [.contentType: Self.form],
                                     body: ByteBuffer(string: "Action=ListUsers&Version=2010-05-08")) { response in
                #expect(response.status == .forbidden)
                let body = String(buffer: response.body)
                #expect(body.contains("<Code>MissingAuthenticationToken</Code>"))
                #expect(body.contains("<Type>Sender</Type>"))
                #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!] != nil)
            }
        }
    }

    @Test("a request signed with the root key is answered, and a tampered one is refused")
    func signedLive() async throws {
        let directory = Self.temporaryDirectory()
        let app = try await WardenServer.buildApplication(
            WardenConfiguration(port: 0, dataDirectory: directory), logger: Logger(label: "test"))
        let (id, secret) = try Self.credentials(in: directory)
        try await app.test(.live) { client in
            let body = "Action=GetCallerIdentity&Version=2011-06-15"
            let host = "localhost"
            let headers = Self.signedHeaders(body: body, id: id, secret: secret, service: "sts", host: host)
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"))
                #expect(text.contains(":root</Arn>"))
            }
            let tampered = "Action=GetCallerIdentity&Version=2011-06-15&X=1"
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: tampered)) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("<Code>SignatureDoesNotMatch</Code>"))
            }
            let stale = Self.signedHeaders(body: body, id: id, secret: secret, service: "sts", host: host,
                                           time: Int64(Date().timeIntervalSince1970) - 20 * 60)
            try await client.execute(uri: "/", method: .post, headers: stale, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("<Code>RequestExpired</Code>"))
            }
        }
    }

    @Test("accept-any-credentials is refused without ephemeral")
    func acceptAnyNeedsEphemeral() async throws {
        await #expect(throws: WardenServer.StartupError.self) {
            _ = try await WardenServer.buildApplication(
                WardenConfiguration(port: 0, dataDirectory: Self.temporaryDirectory(), acceptAnyCredentials: true),
                logger: Logger(label: "test"))
        }
    }

    @Test("with accept-any-credentials an unknown key acts as root of 123456789012, and reset wipes state")
    func acceptAnyAndReset() async throws {
        let app = try await WardenServer.buildApplication(
            WardenConfiguration(port: 0, ephemeral: true, acceptAnyCredentials: true), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let create = "Action=CreateUser&Version=2010-05-08&UserName=temp"
            let headers = Self.signedHeaders(body: create, id: "AKIAANYTHINGATALL000", secret: "whatever", service: "iam")
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: create)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("arn:aws:iam::123456789012:user/temp"))
            }
            try await client.execute(uri: "/moto-api/reset", method: .post) { response in
                #expect(response.status == .ok)
            }
            let get = "Action=GetUser&Version=2010-05-08&UserName=temp"
            let getHeaders = Self.signedHeaders(body: get, id: "AKIAANYTHINGATALL000", secret: "x", service: "iam")
            try await client.execute(uri: "/", method: .post, headers: getHeaders, body: ByteBuffer(string: get)) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("<Code>NoSuchEntity</Code>"))
            }
        }
    }

    @Test("the reset path is an ordinary 404 outside ephemeral mode, and oversized bodies get a 4xx")
    func resetOnlyWhenEphemeral() async throws {
        let app = try await WardenServer.buildApplication(
            WardenConfiguration(port: 0, dataDirectory: Self.temporaryDirectory(), maximumBodyBytes: 1_000),
            logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/moto-api/reset", method: .post) { response in
                #expect(response.status == .notFound)
            }
            let big = String(repeating: "a", count: 5_000)
            try await client.execute(uri: "/", method: .post, headers: [.contentType: Self.form],
                                     body: ByteBuffer(string: "Action=ListUsers&X=" + big)) { response in
                #expect((400..<500).contains(Int(response.status.code)))
                #expect(String(buffer: response.body).contains("<ErrorResponse"))
            }
        }
    }
}
