import Testing

@testable import AWSQuery

@Suite("Form decoding of botocore's request bodies")
struct FormDecodingTests {
    @Test("CreateUser with tags decodes names, values, and its list of structures")
    func createUserWithTags() throws {
        let parameters = try QueryParameters(formEncoded: BotocoreGolden.createUserWithTags)
        #expect(parameters.action == "CreateUser")
        #expect(parameters.version == "2010-05-08")
        #expect(parameters["Path"] == "/division_abc/subdivision_xyz/")
        #expect(parameters["UserName"] == "Bob")
        #expect(parameters["PermissionsBoundary"] == "arn:aws:iam::123456789012:policy/Boundary")
        #expect(
            parameters.names == [
                "Action", "Version", "Path", "UserName", "PermissionsBoundary", "Tags.member.1.Key",
                "Tags.member.1.Value", "Tags.member.2.Key", "Tags.member.2.Value",
            ])
        let tags = try #require(try parameters.structureList("Tags"))
        #expect(tags.count == 2)
        #expect(tags[0]["Key"] == "Dept")
        #expect(tags[0]["Value"] == "Accounting")
        #expect(tags[1]["Key"] == "Cost Center")
        #expect(tags[1]["Value"] == "12345 & more")
        #expect(tags[1].names == ["Key", "Value"])
    }

    @Test("an empty list arrives as `Tags=` and reads as an empty list, not as absent")
    func emptyTags() throws {
        let parameters = try QueryParameters(formEncoded: BotocoreGolden.createUserWithEmptyTags)
        #expect(try parameters.structureList("Tags")?.isEmpty == true)
        #expect(try parameters.list("Tags") == [])
        #expect(try parameters.structureList("Groups") == nil)
    }

    @Test("AttachGroupPolicy decodes percent-encoded ARNs")
    func attachGroupPolicy() throws {
        let parameters = try QueryParameters(formEncoded: BotocoreGolden.attachGroupPolicy)
        #expect(parameters.action == "AttachGroupPolicy")
        #expect(parameters["GroupName"] == "Finance")
        #expect(parameters["PolicyArn"] == "arn:aws:iam::aws:policy/ReadOnlyAccess")
        #expect(parameters.count == 4)
    }

    @Test("a policy document with every special character survives botocore's form encoding")
    func policyDocument() throws {
        let parameters = try QueryParameters(formEncoded: BotocoreGolden.createPolicy)
        #expect(parameters["PolicyDocument"] == BotocoreGolden.policyDocument)
        #expect(parameters["PolicyName"] == "Special")
    }

    @Test("EC2 DescribeInstances decodes flattened lists and filters with nested value lists")
    func describeInstances() throws {
        let parameters = try QueryParameters(formEncoded: BotocoreGolden.describeInstances)
        #expect(parameters.version == "2016-11-15")
        #expect(try parameters.flatList("InstanceId") == ["i-1234567890abcdef0", "i-0598c7d356eba48d7"])
        #expect(try parameters.bool("DryRun") == true)
        let filters = try #require(try parameters.flatStructureList("Filter"))
        #expect(filters.count == 2)
        #expect(filters[0]["Name"] == "instance-type")
        #expect(try filters[0].flatList("Value") == ["t2.micro", "t3.micro"])
        #expect(filters[1]["Name"] == "tag:Owner")
        #expect(try filters[1].flatList("Value") == ["alice"])
        #expect(try parameters.flatList("Owner") == nil)
    }

    @Test("a map arrives as `entry.N.key` / `entry.N.value` pairs, in order")
    func mapParameters() throws {
        let parameters = try QueryParameters(formEncoded: BotocoreGolden.snsCreateTopicWithAttributes)
        let attributes = try #require(try parameters.map("Attributes"))
        #expect(attributes.map(\.key) == ["DisplayName", "Policy"])
        #expect(attributes.map(\.value) == ["My Topic", #"{"a": 1}"#])
        #expect(try parameters.map("Tags") == nil)
    }

    @Test("STS AssumeRole decodes a list of structures with a lowercase member and an integer")
    func assumeRole() throws {
        let parameters = try QueryParameters(formEncoded: BotocoreGolden.stsAssumeRole)
        let policyARNs = try #require(try parameters.structureList("PolicyArns"))
        #expect(policyARNs.map { $0["arn"] } == ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
        #expect(try parameters.int("DurationSeconds") == 900)
        #expect(parameters["RoleSessionName"] == "s1")
    }

    @Test("ListUsers reads MaxItems as an integer")
    func listUsers() throws {
        let parameters = try QueryParameters(formEncoded: BotocoreGolden.listUsers)
        #expect(try parameters.int("MaxItems") == 50)
        #expect(try parameters.int("Marker") == nil)
    }

    @Test("plus is a space, a name without `=` is empty, empty segments are skipped")
    func basicSyntax() throws {
        let parameters = try QueryParameters(formEncoded: "a=1&b=x%20y+z&c&&d=&e=f=g&")
        #expect(parameters.names == ["a", "b", "c", "d", "e"])
        #expect(parameters["a"] == "1")
        #expect(parameters["b"] == "x y z")
        #expect(parameters["c"] == "")
        #expect(parameters["d"] == "")
        #expect(parameters["e"] == "f=g")
        #expect(parameters["A"] == nil)
        #expect(try QueryParameters(formEncoded: "").isEmpty)
        #expect(try QueryParameters(formEncoded: "%41ction=x").action == "x")
    }

    @Test("names are case-sensitive and raw non-ASCII text passes through")
    func caseAndUnicode() throws {
        let parameters = try QueryParameters(formEncoded: "UserName=J\u{FC}rgen&username=other")
        #expect(parameters["UserName"] == "J\u{FC}rgen")
        #expect(parameters["username"] == "other")
    }

    @Test("a repeated parameter is refused, also across merged sources")
    func duplicates() throws {
        let error = #expect(throws: QueryDecodingError.self) {
            try QueryParameters(formEncoded: "Action=ListUsers&Action=DeleteUser")
        }
        #expect(error?.code == "MalformedQueryString")
        #expect(error?.httpStatus == 400)
        #expect(error?.message.contains("'Action'") == true)

        let query = try QueryParameters(formEncoded: "Action=ListUsers")
        let body = try QueryParameters(formEncoded: "Version=2010-05-08")
        let merged = try query.merging(body)
        #expect(merged.names == ["Action", "Version"])
        #expect(throws: QueryDecodingError.self) { try merged.merging(query) }
    }

    @Test("trusted pairs keep the last value of a repeated name at its first position")
    func trustedPairs() {
        let parameters = QueryParameters([("a", "1"), ("b", "2"), ("a", "3")])
        #expect(parameters.names == ["a", "b"])
        #expect(parameters["a"] == "3")
    }
}
