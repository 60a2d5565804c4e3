@testable import IAMConsole
import Testing

@Suite("Console parsing")
struct ConsoleParsingTests {
    @Test("forms keep repeated names in order and decode + and percent escapes")
    func forms() throws {
        let form = try #require(ConsoleForm(encoded: "policy=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FA&name=a+b&policy=second&empty="))
        #expect(form.all("policy") == ["arn:aws:iam::aws:policy/A", "second"])
        #expect(form["name"] == "a b")
        #expect(form["empty"] == "")
        #expect(form["missing"] == nil)
    }

    @Test("malformed or oversized forms are refused", arguments: ["a=%zz", "a=%4", String(repeating: "a=1&", count: 2_001)])
    func refused(_ text: String) {
        #expect(ConsoleForm(encoded: text) == nil)
    }

    @Test("API responses are read as trees: IAM member lists, EC2 item lists, error bodies")
    func xml() throws {
        let iam = """
            <ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users>
            <member><UserName>alice</UserName><Arn>arn:aws:iam::1:user/alice</Arn></member>
            <member><UserName>bob &amp; co</UserName></member></Users><IsTruncated>false</IsTruncated></ListUsersResult>
            </ListUsersResponse>
            """
        let tree = try #require(XMLNode.parse(iam))
        #expect(tree.list("Users").map { $0.text("UserName") } == ["alice", "bob & co"])
        #expect(tree.text("IsTruncated") == "false")
        #expect(tree.first("Nope") == nil)
        let error = try #require(XMLNode.parse("<ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>"))
        #expect(error.text("Code") == "AccessDenied" && error.text("Message") == "no")
        #expect(XMLNode.parse("<unclosed>") == nil)
    }
}
