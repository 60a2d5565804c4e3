public import Logging

/// The id of the request being served (the one AWS clients see as `x-amzn-RequestId`), bound for
/// the request's task so that every log line written while serving it carries `request-id`.
public enum WardenRequestID {
    @TaskLocal public static var current: String?

    /// Adds `request-id` to every log line written inside a request.
    public static let metadataProvider = Logger.MetadataProvider {
        guard let current else { return [:] }
        return ["request-id": .string(current)]
    }
}
