/// A value from a policy document together with where it appeared.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation
    /// The JSON pointer of the value (RFC 6901), e.g. `/Statement/0/Action/1`.
    public var pointer: String

    public init(_ value: Value, at location: SourceLocation, pointer: String) {
        self.value = value
        self.location = location
        self.pointer = pointer
    }
}

extension Located: Equatable where Value: Equatable {}
