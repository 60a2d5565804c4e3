/// Error bodies of the AWS JSON 1.1 protocol (CloudTrail): `{"__type":"Code","message":"…"}`, the
/// shape botocore's JSON parser reads. The HTTP status (400 for client faults) is the caller's to set.
public enum JSONErrorResponse {
    public static func body(type: String, message: String) -> String {
        "{\"__type\":" + quoted(type) + ",\"message\":" + quoted(message) + "}"
    }

    /// A JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
