import Foundation
import AWSQuery
import IAMPolicy

/// Policy document text as the console shows it: pretty-printed with one member or element per
/// line, and decoded from the URL-encoded form in which IAM returns documents.
enum PolicyJSON {
    static let indentUnit = "    "

    /// The document AWS's JSON editor starts with.
    static let starter = pretty(#"{"Version": "2012-10-17", "Statement": [{"Sid": "Statement1", "Effect": "Allow", "Action": [], "Resource": []}]}"#)

    /// `text` re-indented, or `text` unchanged when it is not JSON (the editor then shows the syntax error).
    static func pretty(_ text: String) -> String {
        guard let node = try? JSONParser.parse(text) else { return text }
        return render(node, depth: 0)
    }

    private static func render(_ node: JSONNode, depth: Int) -> String {
        let inner = String(repeating: indentUnit, count: depth + 1)
        let outer = String(repeating: indentUnit, count: depth)
        switch node.kind {
        case .array(let elements) where !elements.isEmpty:
            let lines = elements.map { inner + render($0, depth: depth + 1) }
            return "[\n" + lines.joined(separator: ",\n") + "\n" + outer + "]"
        case .object(let members) where !members.isEmpty:
            let lines = members.map { inner + JSONText.quote($0.key) + ": " + render($0.value, depth: depth + 1) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + outer + "}"
        default:
            return JSONRender.render(node)
        }
    }

    /// A `Document` from GetPolicyVersion, decoded.
    static func decoded(_ encoded: String) -> String {
        PercentEncoding.decode(encoded, plusIsSpace: false) ?? encoded
    }

    /// Browsers send textarea lines ending in CRLF; documents keep plain newlines (line numbers are unchanged).
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// One value as a JSON string, several (or none) as an array, as the visual editor writes `Action` and `Resource`.
    static func strings(_ values: [String]) -> String {
        values.count == 1 ? JSONText.quote(values[0]) : "[" + values.map { JSONText.quote($0) }.joined(separator: ", ") + "]"
    }
}
