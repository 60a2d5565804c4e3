/// Why a document is not acceptable XML. The message names the problem and the byte offset; it
/// never quotes the document.
public struct XMLTreeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public var description: String { "\(message) (at byte \(offset))" }
}

/// How much the parser accepts: documents past these bounds are refused, not processed.
public struct XMLTreeLimits: Sendable {
    public var maximumBytes: Int
    public var maximumDepth: Int
    public var maximumElements: Int
    public var maximumAttributesPerElement: Int

    public init(maximumBytes: Int, maximumDepth: Int = 64, maximumElements: Int = 200_000,
                maximumAttributesPerElement: Int = 64) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.maximumElements = maximumElements
        self.maximumAttributesPerElement = maximumAttributesPerElement
    }
}
