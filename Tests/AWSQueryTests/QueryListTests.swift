import Testing

@testable import AWSQuery

@Suite("Lists, structures and maps")
struct QueryListTests {
    private func parameters(_ pairs: [(String, String)]) -> QueryParameters {
        QueryParameters(pairs)
    }

    @Test("member lists come back in index order whatever the arrival order")
    func orderedByIndex() throws {
        let list = parameters([
            ("Ids.member.3", "c"), ("Ids.member.1", "a"), ("Ids.member.2", "b"), ("Other.member.1", "x"),
        ])
        #expect(try list.list("Ids") == ["a", "b", "c"])
        #expect(try list.list("Other") == ["x"])
        #expect(try list.list("Id") == nil)
    }

    @Test("ten or more items sort numerically, not as text")
    func numericOrder() throws {
        let pairs = (1...12).map { ("Ids.member.\($0)", "v\($0)") }
        #expect(try parameters(pairs).list("Ids") == (1...12).map { "v\($0)" })
    }

    @Test("bad indices are ValidationErrors", arguments: ["0", "01", "-1", "+1", "1a", "", " 1", "1.5x", "\u{0661}"])
    func badIndex(_ index: String) {
        let list = parameters([("Ids.member.\(index)", "x")])
        let error = #expect(throws: QueryDecodingError.self) { try list.list("Ids") }
        #expect(error?.code == "ValidationError")
        #expect(error?.httpStatus == 400)
        #expect(throws: QueryDecodingError.self) { try parameters([("Ids.\(index)", "x")]).flatList("Ids") }
    }

    @Test("a gap in the numbering is refused")
    func gap() {
        let list = parameters([("Ids.member.1", "a"), ("Ids.member.3", "c")])
        let error = #expect(throws: QueryDecodingError.self) { try list.list("Ids") }
        #expect(error?.code == "ValidationError")
        #expect(error?.message.contains("no item 2") == true)
        #expect(throws: QueryDecodingError.self) { try parameters([("Ids.member.2", "b")]).list("Ids") }
    }

    @Test("a huge index is refused without overflowing")
    func hugeIndex() {
        for index in ["99999999999999999999", "9223372036854775807", "9223372036854775808", "1001"] {
            let list = parameters([("Ids.member.\(index)", "x")])
            let error = #expect(throws: QueryDecodingError.self) { try list.list("Ids") }
            #expect(error?.message.contains("more than 1000 items") == true)
        }
    }

    @Test("the limit counts items")
    func limit() throws {
        let three = parameters([("Ids.member.1", "a"), ("Ids.member.2", "b"), ("Ids.member.3", "c")])
        #expect(try three.list("Ids", limit: 3) == ["a", "b", "c"])
        #expect(throws: QueryDecodingError.self) { try three.list("Ids", limit: 2) }
        #expect(throws: QueryDecodingError.self) { try three.list("Ids", limit: 0) }
    }

    @Test("a scalar list refuses structured items and a structure list refuses bare ones")
    func shapeMismatch() {
        #expect(throws: QueryDecodingError.self) { try parameters([("Tags.member.1.Key", "k")]).list("Tags") }
        #expect(throws: QueryDecodingError.self) { try parameters([("Tags.member.1", "k")]).structureList("Tags") }
        #expect(throws: QueryDecodingError.self) { try parameters([("Tags.member.1.", "k")]).structureList("Tags") }
        #expect(throws: QueryDecodingError.self) { try parameters([("Tags", "oops")]).list("Tags") }
    }

    @Test("structure lists keep nested lists for the caller to read")
    func nestedLists() throws {
        let list = parameters([
            ("Items.member.1.Name", "a"), ("Items.member.1.Values.member.1", "x"),
            ("Items.member.1.Values.member.2", "y"), ("Items.member.2.Name", "b"),
        ])
        let items = try #require(try list.structureList("Items"))
        #expect(items.count == 2)
        #expect(try items[0].list("Values") == ["x", "y"])
        #expect(try items[1].list("Values") == nil)
        #expect(items[1].names == ["Name"])
    }

    @Test("a prefix does not match a longer name that merely starts with it")
    func prefixBoundary() throws {
        let list = parameters([("InstanceIds.1", "a"), ("InstanceId.1", "b")])
        #expect(try list.flatList("InstanceId") == ["b"])
        #expect(try list.flatList("InstanceIds") == ["a"])
    }

    @Test("maps need both halves of every entry and accept renamed members")
    func maps() throws {
        let renamed = parameters([("Attrs.entry.1.Name", "k"), ("Attrs.entry.1.Value", "v")])
        let entries = try #require(try renamed.map("Attrs", keyName: "Name", valueName: "Value"))
        #expect(entries.map(\.key) == ["k"])
        #expect(entries.map(\.value) == ["v"])
        #expect(throws: QueryDecodingError.self) { try renamed.map("Attrs") }
        #expect(throws: QueryDecodingError.self) { try parameters([("M.entry.1.key", "k")]).map("M") }
        #expect(throws: QueryDecodingError.self) { try parameters([("M.entry.1.value", "v")]).map("M") }
        #expect(throws: QueryDecodingError.self) { try parameters([("M.entry.1", "v")]).map("M") }
        #expect(throws: QueryDecodingError.self) {
            try parameters([("M.entry.1.key", "k"), ("M.entry.1.value", "v"), ("M.entry.3.key", "k")]).map("M")
        }
        let empty = try parameters([("M.entry.1.key", ""), ("M.entry.1.value", "")]).map("M")
        #expect(empty?.first?.key == "")
    }

    @Test("a nested structure is read by its prefix")
    func structure() {
        let request = parameters([("Config.A", "1"), ("Config.B.C", "2"), ("Configs.A", "3"), ("Config.", "4")])
        let config = request.structure("Config")
        #expect(config?.names == ["A", "B.C"])
        #expect(config?["B.C"] == "2")
        #expect(request.structure("Missing") == nil)
    }

    @Test("EC2 callers see InvalidParameterValue instead of ValidationError")
    func ec2Equivalent() {
        let validation = QueryDecodingError(code: "ValidationError", message: "m")
        #expect(validation.ec2Equivalent == QueryDecodingError(code: "InvalidParameterValue", message: "m"))
        let malformed = QueryDecodingError(code: "MalformedQueryString", message: "m")
        #expect(malformed.ec2Equivalent == malformed)
    }
}
