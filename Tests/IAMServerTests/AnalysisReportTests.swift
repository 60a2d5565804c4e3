import AWSQuery
import IAMModel
import IAMPolicy
import IAMPolicyCatalog
@testable import IAMServices
import Testing

/// The credential report's rows, statement spans and context keys (pure parts of `AnalysisHandlers`).
@Suite("Analysis: reports and context keys")
struct AnalysisReportTests {
    static let t0: Int64 = 1_700_000_000  // 2023-11-14T22:13:20Z

    static func key(_ id: String, created: Int64, status: IAMAccessKeyStatus = .active, used: Int64? = nil) -> IAMAccessKey {
        IAMAccessKey(id: id, accountID: "123456789012", userID: "AIDAX", sealedSecret: [], status: status, createdAt: created,
                     lastUsedAt: used, lastUsedService: used == nil ? nil : "iam", lastUsedRegion: used == nil ? nil : "us-east-1")
    }

    @Test func reportDatesUseTheOffsetForm() {
        #expect(CredentialReport.time(Self.t0) == "2023-11-14T22:13:20+00:00")
    }

    @Test func rootRowWritesNotSupportedAndNoInformation() {
        let root = CredentialReport.Entry(user: "<root_account>", arn: "arn:aws:iam::123456789012:root", createdAt: Self.t0,
                                          password: .root(hasPassword: true, lastUsed: nil), mfaActive: true, accessKeys: [],
                                          certificates: [])
        let fields = CredentialReport.fields(root)
        #expect(fields.count == CredentialReport.columns.count)
        #expect(Array(fields[3...7]) == ["not_supported", "no_information", "not_supported", "not_supported", "true"])
        #expect(Array(fields[8...]) == ["false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A",
                                        "false", "N/A", "false", "N/A"])
        let noPassword = CredentialReport.Entry(user: "<root_account>", arn: "arn", createdAt: Self.t0,
                                                password: .root(hasPassword: false, lastUsed: nil), mfaActive: false,
                                                accessKeys: [], certificates: [])
        #expect(CredentialReport.fields(noPassword)[4] == "N/A")
    }

    @Test func userRowOrdersKeysByCreationAndReportsTheirUse() {
        let entry = CredentialReport.Entry(
            user: "carol", arn: "arn:aws:iam::123456789012:user/carol", createdAt: Self.t0,
            password: .set(lastUsed: Self.t0 + 60, changedAt: Self.t0 + 10, nextRotation: Self.t0 + 10 + 90 * 86_400),
            mfaActive: false,
            accessKeys: [Self.key("AKIASECOND", created: Self.t0 + 200, status: .inactive),
                         Self.key("AKIAFIRST", created: Self.t0 + 100, used: Self.t0 + 300)],
            certificates: [])
        let fields = CredentialReport.fields(entry)
        #expect(Array(fields[3...7]) == ["true", "2023-11-14T22:14:20+00:00", "2023-11-14T22:13:30+00:00",
                                         "2024-02-12T22:13:30+00:00", "false"])
        #expect(Array(fields[8...12]) == ["true", "2023-11-14T22:15:00+00:00", "2023-11-14T22:18:20+00:00", "us-east-1", "iam"])
        #expect(Array(fields[13...17]) == ["false", "2023-11-14T22:16:40+00:00", "N/A", "N/A", "N/A"])
        let none = CredentialReport.Entry(user: "dave", arn: "a", createdAt: Self.t0, password: .none, mfaActive: false,
                                          accessKeys: [], certificates: [])
        #expect(Array(CredentialReport.fields(none)[3...6]) == ["false", "N/A", "N/A", "N/A"])
    }

    @Test func csvQuotesFieldsWithCommasAndQuotes() {
        #expect(CredentialReport.quoted("a,b") == "\"a,b\"")
        #expect(CredentialReport.quoted("x\"y") == "\"x\"\"y\"")
        #expect(CredentialReport.quoted("plain") == "plain")
        let report = CredentialReport(entries: [])
        #expect(report.csv == CredentialReport.columns.joined(separator: ","))
    }

    // MARK: Statement spans

    static func document(_ text: String) throws -> PolicyDocument { try PolicyParser.parse(text) }

    @Test func spanOfTheAWSExample() throws {
        let text = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}"#
        let statement = try #require(try Self.document(text).statements.first)
        let span = try #require(StatementSpan(statementAt: statement.location, in: text))
        #expect(span.start == .init(line: 1, column: 38))
        #expect(span.end == .init(line: 1, column: 167))
    }

    @Test func spanSkipsBracesInStringsAndCountsScalars() throws {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/}{\\"é/*"},
                {"Effect": "Deny",
                 "Action": "s3:PutObject", "Resource": "*"}
              ]
            }
            """
        let statements = try Self.document(text).statements
        let first = try #require(StatementSpan(statementAt: statements[0].location, in: text))
        #expect(first.start == .init(line: 4, column: 6))
        // The closing `}` is followed only by `,`: the end column is the line length.
        let line4 = text.split(separator: "\n", omittingEmptySubsequences: false)[3]
        #expect(first.end == .init(line: 4, column: line4.unicodeScalars.count))
        let second = try #require(StatementSpan(statementAt: statements[1].location, in: text))
        #expect(second.start == .init(line: 5, column: 6))
        #expect(second.end == .init(line: 6, column: 48))
    }

    @Test func spanIsNilWhereNoObjectStarts() {
        #expect(StatementSpan(statementAt: SourceLocation(line: 1, column: 1, offset: 0), in: "[1]") == nil)
        #expect(StatementSpan(statementAt: SourceLocation(line: 1, column: 1, offset: 0), in: "{\"a\": [") == nil)
    }

    // MARK: Context keys

    @Test func contextKeysInDocumentOrderOnceEach() throws {
        let text = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:PrincipalTag/team, 'none'}/${*}",
               "Condition": {"StringLike": {"s3:prefix": ["${aws:username}/*", "${?}"]}, "NumericLessThan": {"aws:MultiFactorAuthAge": "${aws:x}"}}},
              {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"AWS:USERNAME": "true"}}}
            ]}
            """
        #expect(ContextKeyCollector.keys([try Self.document(text)]) == [
            "aws:PrincipalTag/team", "s3:prefix", "aws:username", "aws:MultiFactorAuthAge"])
    }

    @Test func noVariablesBefore2012() throws {
        let text = #"{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:username}"}}"#
        #expect(ContextKeyCollector.keys([try Self.document(text)]).isEmpty)
        #expect(ContextKeyCollector.variableKeys(in: "a${ aws:userid }b${$}c${unclosed") == ["aws:userid"])
    }

    // MARK: Service grants

    @Test func serviceGrantsFollowActionAndNotAction() throws {
        let catalog = try ActionCatalog.shared()
        func grants(_ text: String) throws -> ServiceGrants {
            ServiceGrants(catalog: catalog, documents: [try Self.document(text)])
        }
        let reads = try grants(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "*:Describe*"], "Resource": "*"}, {"Effect": "Deny", "Action": "sqs:*", "Resource": "*"}]}"#)
        #expect(reads.grants(service: "s3"))
        #expect(reads.grants(service: "EC2"))
        #expect(!reads.grants(service: "sqs"), "Deny statements grant nothing")
        #expect(!reads.grants(service: "iam"), "IAM has no Describe action: `*:Describe*` does not reach it")
        let allButIAM = try grants(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}"#)
        #expect(!allButIAM.grants(service: "iam"))
        #expect(allButIAM.grants(service: "sqs"))
        #expect(allButIAM.grants(service: "not-in-the-catalog"))
        let allButOne = try grants(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:GetUser", "Resource": "*"}}"#)
        #expect(allButOne.grants(service: "iam"), "NotAction of one IAM action still reaches the others")
        let everything = try grants(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        #expect(everything.services().count == catalog.services.count)
        let sqs = try #require(catalog.service("sqs"))
        let listing = try grants(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:List*", "Resource": "*"}}"#)
        let names = listing.actions(in: sqs).map(\.name)
        #expect(!names.isEmpty && names.allSatisfy { $0.hasPrefix("List") } && names == names.sorted())
        #expect(listing.services().map(\.prefix) == ["sqs"])
        #expect(!listing.grants(service: "s3"))
    }
}
