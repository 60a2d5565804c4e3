import Hummingbird
import IAMServices

/// First in the chain: gives every request its id (bound to `WardenRequestID.current`, so log lines
/// carry it and the AWS endpoint answers with it) and counts console requests. The AWS endpoint
/// counts its own requests, because only it knows the service and operation.
struct RequestObservationMiddleware: RouterMiddleware {
    typealias Context = WardenRequestContext
    let metrics: WardenMetrics

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = AWSEndpoint.requestID()
        let path = request.uri.path
        guard path == "/console" || path.hasPrefix("/console/") else {
            return try await WardenRequestID.$current.withValue(requestID) { try await next(request, context) }
        }
        let started = ContinuousClock.now
        let response = try await WardenRequestID.$current.withValue(requestID) { try await next(request, context) }
        let section = path.split(separator: "/", omittingEmptySubsequences: true).dropFirst().map(String.init)
        let status = response.status.code
        metrics.recordRequest(service: .console, operation: WardenMetrics.consoleOperation(section), status: status,
                              errorCode: status >= 400 ? "HTTP\(status)" : nil,
                              nanoseconds: Self.nanoseconds(ContinuousClock.now - started))
        return response
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
