import Logging

/// How `warden serve` writes its log to standard error.
public enum WardenLogFormat: String, Sendable, CaseIterable {
    /// swift-log's plain text lines (the default).
    case text
    /// One JSON object per line (`JSONLogHandler`).
    case json

    /// Installs the process-wide log handler for this format, with the request-id metadata provider.
    /// Call once, before the first logger is made.
    public func bootstrap() {
        switch self {
        case .text:
            LoggingSystem.bootstrap(
                { label, provider in StreamLogHandler.standardError(label: label, metadataProvider: provider) },
                metadataProvider: WardenRequestID.metadataProvider)
        case .json:
            LoggingSystem.bootstrap({ label, provider in JSONLogHandler.standardError(label: label, metadataProvider: provider) },
                                    metadataProvider: WardenRequestID.metadataProvider)
        }
    }
}
