/// RFC 6901 JSON pointers for diagnostics.
enum JSONPointer {
    static func escape(_ token: String) -> String {
        token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
