/// Error bodies of the AWS JSON 1.1 protocol (CloudTrail): `{"__type":"Code","message":"…"}`, the
/// shape botocore's JSON parser reads. The HTTP status (400 for client faults) is the caller's to set.
public enum JSONErrorResponse {
    public static func body(type: String, message: String) -> String {
        "{\"__type\":" + quoted(type) + ",\"message\":" + quoted(message) + "}"
    }

    /// A JSON string literal (see `JSONString`).
    public static func quoted(_ text: String) -> String {
        JSONString.quoted(text)
    }
}
