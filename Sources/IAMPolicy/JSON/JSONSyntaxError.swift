/// A JSON text that is not well-formed, with where it went wrong.
package struct JSONSyntaxError: Error, Sendable, Equatable {
    package var message: String
    package var location: SourceLocation
}
