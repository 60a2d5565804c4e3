

/// Writes a parsed JSON value back as compact text (numbers keep their source form).
package enum JSONRender {
    package static func render(_ node: JSONNode) -> String {
        switch node.kind {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n
        case .string(let s): JSONText.quote(s)
        case .array(let elements): "[" + elements.map(render).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.map { JSONText.quote($0.key) + ":" + render($0.value) }.joined(separator: ",") + "}"
        }
    }
}
