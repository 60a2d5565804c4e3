import Testing

@testable import AWSQuery

// Every expected body in this file was fed through botocore 1.43.11's own parsers
// (`botocore.parsers.create_parser(protocol).parse({'body': ..., 'headers': {}, 'status_code': ...}, output_shape)`
// with the IAM, STS and EC2 models) and parsed to the intended values: CreateUser's User with its Tags (the escaped
// `R&D <"core">`, and `\r` from `&#xD;`), CreateDate and a millisecond Expiration as datetimes, DeleteUser's bare
// ResponseMetadata, GetAccountSummary's SummaryMap as a dict, an empty Users list with IsTruncated False,
// DescribeInstances' Reservations/Instances with the RequestId taken from `requestId`, and the Error dicts
// (Type/Code/Message, RequestId into ResponseMetadata) for the IAM and EC2 error envelopes.
@Suite("Success and error envelopes")
struct QueryResponseTests {
    static let iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"
    static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#

    @Test("an IAM success body wraps the result and adds ResponseMetadata")
    func createUser() {
        let body = QueryResponse.success(
            action: "CreateUser", namespace: Self.iamNamespace, requestID: "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"
        ) { writer in
            writer.open("User")
            writer.element("Path", "/")
            writer.element("UserName", "Bob")
            writer.element("UserId", "AIDAEXAMPLEUSERID0001")
            writer.element("Arn", "arn:aws:iam::123456789012:user/Bob")
            writer.element("CreateDate", AWSTimestamp.iso8601(epochSeconds: 1_795_926_240))
            writer.open("Tags")
            for (key, value) in [("Dept", #"R&D <"core">"#), ("Note", "line1\nline2\rtab\there")] {
                writer.open("member")
                writer.element("Key", key)
                writer.element("Value", value)
                writer.close("member")
            }
            writer.close("Tags")
            writer.close("User")
        }
        let expected =
            Self.declaration
            + #"<CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateUserResult><User>"#
            + "<Path>/</Path><UserName>Bob</UserName><UserId>AIDAEXAMPLEUSERID0001</UserId>"
            + "<Arn>arn:aws:iam::123456789012:user/Bob</Arn><CreateDate>2026-11-29T04:24:00Z</CreateDate>"
            + "<Tags><member><Key>Dept</Key><Value>R&amp;D &lt;&quot;core&quot;&gt;</Value></member>"
            + "<member><Key>Note</Key><Value>line1\nline2&#xD;tab\there</Value></member></Tags></User>"
            + "</CreateUserResult><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>"
            + "</ResponseMetadata></CreateUserResponse>"
        #expect(body == expected)
    }

    @Test("an operation without output has no Result element")
    func deleteUser() {
        let body = QueryResponse.success(action: "DeleteUser", namespace: Self.iamNamespace, requestID: "req-1", result: nil)
        #expect(
            body
                == Self.declaration
                + #"<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata>"#
                + "<RequestId>req-1</RequestId></ResponseMetadata></DeleteUserResponse>")
    }

    @Test("maps and empty lists")
    func summaryAndEmptyList() {
        let summary = QueryResponse.success(action: "GetAccountSummary", namespace: Self.iamNamespace, requestID: "req-2") {
            writer in
            writer.open("SummaryMap")
            for (key, value) in [("Users", 3), ("AccessKeysPerUserQuota", 2)] {
                writer.open("entry")
                writer.element("key", key)
                writer.element("value", value)
                writer.close("entry")
            }
            writer.close("SummaryMap")
        }
        #expect(
            summary
                == Self.declaration
                + #"<GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountSummaryResult>"#
                + "<SummaryMap><entry><key>Users</key><value>3</value></entry><entry><key>AccessKeysPerUserQuota</key>"
                + "<value>2</value></entry></SummaryMap></GetAccountSummaryResult><ResponseMetadata>"
                + "<RequestId>req-2</RequestId></ResponseMetadata></GetAccountSummaryResponse>")

        let users = QueryResponse.success(action: "ListUsers", namespace: Self.iamNamespace, requestID: "req-3") {
            writer in
            writer.open("Users")
            writer.close("Users")
            writer.element("IsTruncated", false)
        }
        #expect(
            users
                == Self.declaration
                + #"<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users></Users>"#
                + "<IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>req-3</RequestId>"
                + "</ResponseMetadata></ListUsersResponse>")
    }

    @Test("an STS success body with a millisecond timestamp")
    func assumeRole() {
        let body = QueryResponse.success(
            action: "AssumeRole", namespace: "https://sts.amazonaws.com/doc/2011-06-15/", requestID: "req-4"
        ) { writer in
            writer.open("Credentials")
            writer.element("AccessKeyId", "ASIAEXAMPLE")
            writer.element("SecretAccessKey", "secret")
            writer.element("SessionToken", "token")
            writer.element("Expiration", AWSTimestamp.iso8601(epochMilliseconds: 1_795_929_840_123))
            writer.close("Credentials")
            writer.open("AssumedRoleUser")
            writer.element("AssumedRoleId", "AROAEXAMPLE:s1")
            writer.element("Arn", "arn:aws:sts::123456789012:assumed-role/demo/s1")
            writer.close("AssumedRoleUser")
            writer.element("PackedPolicySize", 6)
        }
        #expect(
            body
                == Self.declaration
                + #"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>"#
                + "<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>"
                + "<SessionToken>token</SessionToken><Expiration>2026-11-29T05:24:00.123Z</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s1</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/demo/s1</Arn></AssumedRoleUser>"
                + "<PackedPolicySize>6</PackedPolicySize></AssumeRoleResult><ResponseMetadata><RequestId>req-4"
                + "</RequestId></ResponseMetadata></AssumeRoleResponse>")
    }

    @Test("an EC2 success body has requestId first and no Result wrapper")
    func describeInstances() {
        let body = QueryResponse.ec2Success(action: "DescribeInstances", requestID: "req-5") { writer in
            writer.open("reservationSet")
            writer.open("item")
            writer.element("reservationId", "r-1234567890abcdef0")
            writer.element("ownerId", "123456789012")
            writer.open("instancesSet")
            writer.open("item")
            writer.element("instanceId", "i-1234567890abcdef0")
            writer.close("item")
            writer.close("instancesSet")
            writer.close("item")
            writer.close("reservationSet")
        }
        #expect(
            body
                == Self.declaration
                + #"<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-5"#
                + "</requestId><reservationSet><item><reservationId>r-1234567890abcdef0</reservationId>"
                + "<ownerId>123456789012</ownerId><instancesSet><item><instanceId>i-1234567890abcdef0</instanceId>"
                + "</item></instancesSet></item></reservationSet></DescribeInstancesResponse>")
    }

    @Test("the IAM error envelope, sender and receiver")
    func queryErrors() {
        let sender = QueryErrorResponse.query(
            code: "NoSuchEntity", message: "The user with name foobar cannot be found.", isSenderFault: true,
            requestID: "358299bb-b7f8-11e2-8d39-e3a125f625ee", namespace: Self.iamNamespace)
        #expect(
            sender
                == Self.declaration
                + #"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>"#
                + "<Code>NoSuchEntity</Code><Message>The user with name foobar cannot be found.</Message></Error>"
                + "<RequestId>358299bb-b7f8-11e2-8d39-e3a125f625ee</RequestId></ErrorResponse>")

        let receiver = QueryErrorResponse.query(
            code: "ServiceFailure", message: "a < b & c", isSenderFault: false, requestID: "req-6",
            namespace: Self.iamNamespace)
        #expect(
            receiver
                == Self.declaration
                + #"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Receiver</Type>"#
                + "<Code>ServiceFailure</Code><Message>a &lt; b &amp; c</Message></Error><RequestId>req-6</RequestId>"
                + "</ErrorResponse>")
    }

    @Test("the EC2 error envelope uses Response, Errors and RequestID")
    func ec2Error() {
        let body = QueryErrorResponse.ec2(
            code: "UnauthorizedOperation", message: "You are not authorized to perform this operation.",
            requestID: "46002310-0e51-4f21-99ef-100739c97477")
        #expect(
            body
                == Self.declaration
                + "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to "
                + "perform this operation.</Message></Error></Errors><RequestID>46002310-0e51-4f21-99ef-100739c97477"
                + "</RequestID></Response>")
    }

    @Test("a decoding error renders through the envelope with its own code")
    func decodingErrorEnvelope() {
        let error = #expect(throws: QueryDecodingError.self) { try QueryParameters(formEncoded: "a=%ZZ") }
        guard let error else { return }
        let body = QueryErrorResponse.query(
            code: error.code, message: error.message, isSenderFault: error.httpStatus < 500, requestID: "r",
            namespace: Self.iamNamespace)
        #expect(body.contains("<Type>Sender</Type><Code>MalformedQueryString</Code>"))
    }
}
