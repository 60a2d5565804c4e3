/// Error bodies of the Query protocol (IAM, STS) and of EC2. Both start with the XML declaration, like
/// ``QueryResponse``'s bodies. The HTTP status is the caller's to set.
public enum QueryErrorResponse {
    /// IAM/STS: `<ErrorResponse xmlns="{namespace}"><Error><Type>Sender|Receiver</Type><Code>…</Code>`
    /// `<Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`. `Type` is `Sender` for a client
    /// fault (4xx) and `Receiver` for a server fault (5xx).
    public static func query(
        code: String, message: String, isSenderFault: Bool, requestID: String, namespace: String
    ) -> String {
        var writer = XMLWriter()
        writer.raw(QueryResponse.declaration)
        writer.open("ErrorResponse", attributes: [("xmlns", namespace)])
        writer.open("Error")
        writer.element("Type", isSenderFault ? "Sender" : "Receiver")
        writer.element("Code", code)
        writer.element("Message", message)
        writer.close("Error")
        writer.element("RequestId", requestID)
        writer.close("ErrorResponse")
        return writer.text
    }

    /// EC2: `<Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors>`
    /// `<RequestID>…</RequestID></Response>`. Note `RequestID` with a capital D, no namespace and no `Type`.
    public static func ec2(code: String, message: String, requestID: String) -> String {
        var writer = XMLWriter()
        writer.raw(QueryResponse.declaration)
        writer.open("Response")
        writer.open("Errors")
        writer.open("Error")
        writer.element("Code", code)
        writer.element("Message", message)
        writer.close("Error")
        writer.close("Errors")
        writer.element("RequestID", requestID)
        writer.close("Response")
        return writer.text
    }
}
