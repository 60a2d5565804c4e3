import AWSQuery
import Foundation
import IAMModel
import IAMPolicyCatalog
@testable import IAMServices
import IAMStorage
import Logging
import Testing

/// Audit events: what `requestParameters` keeps and hides, the CloudTrail shape of a recorded call,
/// and the store's newest-first pages.
@Suite("Audit trail")
struct AuditTrailTests {
    static let hidden = "HIDDEN_DUE_TO_SECURITY_REASONS"

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("secret parameters are hidden, whatever their case or nesting, and the rest is camelCased",
          arguments: [
              ("Password", "password"), ("NewPassword", "newPassword"), ("OldPassword", "oldPassword"),
              ("AuthenticationCode1", "authenticationCode1"), ("AuthenticationCode2", "authenticationCode2"),
              ("TokenCode", "tokenCode"), ("SAMLAssertion", "sAMLAssertion"), ("WebIdentityToken", "webIdentityToken"),
              ("PrivateKey", "privateKey"), ("SecretAccessKey", "secretAccessKey"), ("UserData", "userData"),
          ])
    func redaction(name: String, key: String) throws {
        let secret = "s3cr3t-\(name)-value"
        let parameters = QueryParameters([("Action", "X"), ("Version", "2010-05-08"), ("UserName", "alice"),
                                          (name, secret), ("X-Amz-Security-Token", "token-in-url")])
        let text = AuditParameters.json(parameters).text
        #expect(!text.contains(secret))
        #expect(!text.contains("token-in-url"))
        let decoded = try Self.object(text)
        #expect(decoded[key] as? String == Self.hidden)
        #expect(decoded["userName"] as? String == "alice")
        #expect(decoded["action"] == nil && decoded["version"] == nil)
    }

    @Test("a certificate body is kept and its private key hidden")
    func certificate() throws {
        let parameters = QueryParameters([("ServerCertificateName", "web"), ("CertificateBody", "-----BEGIN CERTIFICATE-----"),
                                          ("privatekey", "-----BEGIN PRIVATE KEY-----")])
        let decoded = try Self.object(AuditParameters.json(parameters).text)
        #expect(decoded["certificateBody"] as? String == "-----BEGIN CERTIFICATE-----")
        #expect(decoded["privatekey"] as? String == Self.hidden)
    }

    @Test("member lists and numbered lists become arrays, structures become objects")
    func nesting() throws {
        let parameters = QueryParameters([
            ("Tags.member.2.Key", "team"), ("Tags.member.2.Value", "blue"), ("Tags.member.1.Key", "env"),
            ("Tags.member.1.Value", "prod"), ("InstanceId.1", "i-1"), ("InstanceId.2", "i-2"),
            ("Credentials.Password", "nested-secret"),
        ])
        let text = AuditParameters.json(parameters).text
        #expect(!text.contains("nested-secret"))
        let decoded = try Self.object(text)
        let tags = try #require(decoded["tags"] as? [[String: String]])
        #expect(tags == [["key": "env", "value": "prod"], ["key": "team", "value": "blue"]])
        #expect(decoded["instanceId"] as? [String] == ["i-1", "i-2"])
        #expect((decoded["credentials"] as? [String: String])?["password"] == Self.hidden)
        #expect(AuditParameters.json(QueryParameters([("Action", "ListUsers")])) == .null)
    }

    @Test("an assumed-role session names its issuer; root and federated users have their own types")
    func identities() throws {
        let session = Caller.Session(issuedAt: 1_800_000_000, expiresAt: 1_800_003_600, mfaAuthenticatedAt: nil)
        let role = Caller(accountID: "123456789012", user: nil, accessKeyID: "ASIAEXAMPLE", session: session,
                          assumed: SessionIdentity(kind: .assumedRole(roleID: "AROAEXAMPLEID", roleName: "Admin", rolePath: "/ops/"),
                                                   name: "deploy"))
        let assumed = try Self.object(AuditIdentity.json(role, mfaAuthenticated: false).text)
        #expect(assumed["type"] as? String == "AssumedRole")
        #expect(assumed["principalId"] as? String == "AROAEXAMPLEID:deploy")
        #expect(assumed["arn"] as? String == "arn:aws:sts::123456789012:assumed-role/Admin/deploy")
        #expect(assumed["accessKeyId"] as? String == "ASIAEXAMPLE")
        let context = try #require(assumed["sessionContext"] as? [String: Any])
        let issuer = try #require(context["sessionIssuer"] as? [String: String])
        #expect(issuer == ["type": "Role", "principalId": "AROAEXAMPLEID", "arn": "arn:aws:iam::123456789012:role/ops/Admin",
                           "accountId": "123456789012", "userName": "Admin"])
        #expect((context["attributes"] as? [String: String])?["mfaAuthenticated"] == "false")
        #expect(AuditIdentity.lookupName(role) == "deploy")

        let root = try Self.object(AuditIdentity.json(Caller(accountID: "123456789012", user: nil, accessKeyID: "AKIAROOT"),
                                                      mfaAuthenticated: false).text)
        #expect(root["type"] as? String == "Root" && root["arn"] as? String == "arn:aws:iam::123456789012:root")
        #expect(root["sessionContext"] == nil)

        let console = Caller(accountID: "123456789012", user: nil, accessKeyID: "console",
                             session: Caller.Session(issuedAt: 1_800_000_000, expiresAt: 1_800_043_200,
                                                     mfaAuthenticatedAt: 1_800_000_010, origin: .console))
        let signedIn = try Self.object(AuditIdentity.json(console, mfaAuthenticated: true).text)
        #expect(signedIn["accessKeyId"] == nil)
        #expect(signedIn["sessionCredentialFromConsole"] as? String == "true")
    }

    @Test("a recorded call is a CloudTrail event with the identity, the decision and no secret")
    func recordedCall() async throws {
        let store = try SQLStorage()
        let box = try #require(SecretBox(keyBytes: SecretBox.generateKeyBytes()))
        let api = WardenAPI(store: store, box: box, catalog: try ManagedPolicyCatalog.shared(), now: { 1_800_000_000 },
                            logger: Logger(label: "test"))
        let account = try await AccountBootstrap.ensureAccount(store: store, box: box, now: 1_800_000_000)
        let root = Caller(accountID: account.accountID, user: nil, accessKeyID: account.accessKeyID)
        var facts = RequestFacts(time: 1_800_000_000, sourceIP: "192.0.2.7", secureTransport: false, region: "eu-west-1")
        facts.userAgent = "test-agent/1.0"
        _ = await api.handle(service: .iam, parameters: QueryParameters([("Action", "CreateUser"), ("UserName", "bob")]),
                             caller: root, facts: facts, requestID: "req-1")
        _ = await api.handle(service: .iam, parameters: QueryParameters([
            ("Action", "CreateLoginProfile"), ("UserName", "bob"), ("Password", "Bob-Secret-Passw0rd!"),
        ]), caller: root, facts: facts, requestID: "req-2")
        let bob = try #require(try await store.user(accountID: account.accountID, name: "bob"))
        let caller = Caller(accountID: account.accountID, user: bob, accessKeyID: "AKIAEXAMPLEEXAMPLE12",
                            session: Caller.Session(issuedAt: 1_799_999_000, expiresAt: 1_800_003_600,
                                                    mfaAuthenticatedAt: 1_799_999_000))
        _ = await api.handle(service: .iam, parameters: QueryParameters([("Action", "ListUsers")]), caller: caller,
                             facts: facts, requestID: "req-3")
        await api.audit.drain()

        let (events, next) = try await store.auditEvents(IAMAuditQuery(maxResults: 10))
        #expect(next == nil)
        #expect(events.map(\.eventName) == ["ListUsers", "CreateLoginProfile", "CreateUser"])
        #expect(!events.contains { $0.data.contains("Bob-Secret-Passw0rd!") })

        let denied = events[0]
        #expect(denied.decision == "Deny" && denied.errorCode == "AccessDenied" && denied.userName == "bob")
        #expect(denied.eventTimeMillis == 1_800_000_000_000)
        let event = try Self.object(denied.data)
        #expect(event["eventVersion"] as? String == "1.08")
        #expect(event["eventTime"] as? String == "2027-01-15T08:00:00Z")
        #expect(event["eventSource"] as? String == "iam.amazonaws.com")
        #expect(event["awsRegion"] as? String == "eu-west-1")
        #expect(event["sourceIPAddress"] as? String == "192.0.2.7")
        #expect(event["userAgent"] as? String == "test-agent/1.0")
        #expect(event["requestID"] as? String == "req-3")
        #expect(event["eventID"] as? String == denied.eventID)
        #expect(event["readOnly"] as? Bool == true)
        #expect(event["eventType"] as? String == "AwsApiCall")
        #expect(event["managementEvent"] as? Bool == true)
        #expect(event["recipientAccountId"] as? String == account.accountID)
        #expect(event["errorCode"] as? String == "AccessDenied")
        #expect(event.keys.contains("requestParameters") && event.keys.contains("responseElements"))
        let identity = try #require(event["userIdentity"] as? [String: Any])
        #expect(identity["type"] as? String == "IAMUser")
        #expect(identity["userName"] as? String == "bob")
        #expect(identity["principalId"] as? String == bob.id)
        #expect(identity["arn"] as? String == bob.arn)
        #expect(identity["accessKeyId"] as? String == "AKIAEXAMPLEEXAMPLE12")
        let attributes = try #require((identity["sessionContext"] as? [String: Any])?["attributes"] as? [String: String])
        #expect(attributes["mfaAuthenticated"] == "true")
        #expect(attributes["creationDate"] == "2027-01-15T07:43:20Z")
        let gate = try #require(event["wardenAuthorization"] as? [String: String])
        #expect(gate["decision"] == "Deny")
        #expect(gate["decidedBy"]?.hasPrefix("Implicitly denied") == true)

        let login = try Self.object(events[1].data)
        #expect((login["requestParameters"] as? [String: String]) == ["userName": "bob", "password": Self.hidden])
        #expect(events[1].resourceType == "AWS::IAM::User" && events[1].resourceName == "bob")
    }

    @Test("pages run newest first without gaps or repeats, also within one millisecond")
    func pages() async throws {
        let store = try SQLStorage()
        var records: [IAMAuditRecord] = []
        for i in 0..<7 {
            let time: Int64 = i < 4 ? 1_000 : 2_000
            let name = i % 2 == 0 ? "ListUsers" : "GetUser"
            let decision = i == 3 ? "Deny" : "Allow"
            records.append(IAMAuditRecord(eventID: "event-\(i)", accountID: "123456789012", eventTimeMillis: time,
                                          sequence: Int64(i), eventSource: "iam.amazonaws.com", eventName: name,
                                          userName: "alice", principalARN: nil, accessKeyID: nil, decision: decision,
                                          errorCode: nil, readOnly: true, data: "{}"))
        }
        try await store.appendAuditEvents(records)
        try await store.appendAuditEvents([records[0]])  // a repeated id is skipped
        var seen: [String] = []
        var cursor: IAMAuditQuery.Cursor?
        repeat {
            let page = try await store.auditEvents(IAMAuditQuery(maxResults: 3, after: cursor))
            seen += page.events.map(\.eventID)
            cursor = page.next
        } while cursor != nil
        #expect(seen == (0..<7).reversed().map { "event-\($0)" })
        #expect(try await store.auditEvents(IAMAuditQuery(eventName: "GetUser")).events.map(\.eventID) == ["event-5", "event-3", "event-1"])
        #expect(try await store.auditEvents(IAMAuditQuery(decision: "Deny")).events.map(\.eventID) == ["event-3"])
        #expect(try await store.auditEvents(IAMAuditQuery(startMillis: 1_500)).events.count == 3)
        #expect(try await store.auditEvents(IAMAuditQuery(endMillis: 1_000)).events.count == 4)
    }
}
