/// Where a console request came from: the browser's address and user agent (for audit events).
public struct ConsoleClientFacts: Sendable {
    public var sourceIP: String
    public var userAgent: String?
    public init(sourceIP: String, userAgent: String?) {
        self.sourceIP = sourceIP
        self.userAgent = userAgent
    }
}
