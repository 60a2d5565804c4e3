/// A parsed JSON value that remembers where it came from. Numbers keep their source text, so a
/// policy's `10.0` stays `10.0`; objects keep their members in document order.
package struct JSONNode: Sendable {
    package enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    package var kind: Kind
    package var location: SourceLocation

    package init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    package var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    package var arrayValue: [JSONNode]? {
        if case .array(let a) = kind { return a }
        return nil
    }

    package var objectValue: [JSONMember]? {
        if case .object(let o) = kind { return o }
        return nil
    }

    /// The member named `key` in an object node (exact, case-sensitive), if any.
    package subscript(key: String) -> JSONNode? {
        objectValue?.first(where: { $0.key == key })?.value
    }

    /// A short name of the JSON type, for messages.
    package var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// One `"key": value` pair of a JSON object.
package struct JSONMember: Sendable {
    package var key: String
    package var keyLocation: SourceLocation
    package var value: JSONNode
}
