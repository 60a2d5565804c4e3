/// Success bodies of the Query protocol (IAM, STS) and of EC2's variant of it.
///
/// Every body starts with `<?xml version="1.0" encoding="UTF-8"?>`, directly followed by the root element (no line
/// break), and is otherwise unindented.
public enum QueryResponse {
    /// The XML declaration every body starts with.
    public static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#

    /// EC2's namespace, `http://` and with a trailing slash as EC2 sends it.
    public static let ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

    /// `<{action}Response xmlns="{namespace}"><{action}Result>…</{action}Result><ResponseMetadata><RequestId>{id}`
    /// `</RequestId></ResponseMetadata></{action}Response>`. When `result` is nil (operations without output) there is
    /// no Result element.
    public static func success(
        action: String, namespace: String, requestID: String, result: ((inout XMLWriter) -> Void)?
    ) -> String {
        var writer = XMLWriter()
        writer.raw(declaration)
        writer.open(action + "Response", attributes: [("xmlns", namespace)])
        if let result {
            writer.open(action + "Result")
            result(&writer)
            writer.close(action + "Result")
        }
        writer.open("ResponseMetadata")
        writer.element("RequestId", requestID)
        writer.close("ResponseMetadata")
        writer.close(action + "Response")
        return writer.text
    }

    /// EC2: `<{action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>{id}</requestId>…`
    /// `</{action}Response>`, with no Result wrapper and no ResponseMetadata; `body` writes the fields.
    public static func ec2Success(action: String, requestID: String, body: (inout XMLWriter) -> Void) -> String {
        var writer = XMLWriter()
        writer.raw(declaration)
        writer.open(action + "Response", attributes: [("xmlns", ec2Namespace)])
        writer.element("requestId", requestID)
        body(&writer)
        writer.close(action + "Response")
        return writer.text
    }
}
