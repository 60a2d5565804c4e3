import AWSQuery
import IAMModel
import IAMStorage
import Logging

/// The AWS JSON 1.1 side of the endpoint: `cloudtrail:LookupEvents` over the audit trail. The
/// operation comes from `X-Amz-Target`; the gate authorizes it from `OperationTable` like any other.
extension WardenAPI {
    public static let cloudTrailTargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."

    public func handleCloudTrail(target: String, body: [UInt8], caller: Caller, facts: RequestFacts,
                                 requestID: String) async -> Response {
        let name = target.hasPrefix(Self.cloudTrailTargetPrefix) ? String(target.dropFirst(Self.cloudTrailTargetPrefix.count)) : target
        let request = try? CloudTrailLookup.decode(body)
        return await audited(.signed(source: "cloudtrail.amazonaws.com", caller: caller), action: name,
                             parameters: CloudTrailLookup.auditParameters(request), facts: facts, requestID: requestID) {
            await serveCloudTrail(name, target: target, body: body, caller: caller, facts: facts, requestID: requestID)
        }
    }

    func serveCloudTrail(_ name: String, target: String, body: [UInt8], caller: Caller, facts: RequestFacts,
                         requestID: String) async -> Response {
        do {
            guard target.hasPrefix(Self.cloudTrailTargetPrefix), let operation = APIOperation.named(name, service: .cloudtrail) else {
                throw AWSServiceError("UnknownOperationException", "The operation \(name) is not supported by Warden.", status: 400)
            }
            let request = try CloudTrailLookup.decode(body)
            _ = try await authorizer.authorize(operation, QueryParameters([]), caller: caller, facts: facts)
            guard let query = try CloudTrailLookup.query(request, accountID: caller.accountID) else {
                return Response(status: 200, body: CloudTrailLookup.response([], next: nil))
            }
            let (events, next) = try await store.auditEvents(query)
            return Response(status: 200, body: CloudTrailLookup.response(events, next: next))
        } catch let failure as AWSServiceError {
            return jsonError(failure)
        } catch {
            logger.error("cloudtrail request failed", metadata: ["request-id": "\(requestID)", "error": "\(error)"])
            return jsonError(AWSServiceError("InternalFailure", "An internal error occurred. Request ID: \(requestID)", status: 500))
        }
    }

    /// A JSON error body; the gate's AccessDenied is `AccessDeniedException` on this protocol.
    public func jsonError(_ failure: AWSServiceError) -> Response {
        let type = failure.code == "AccessDenied" ? "AccessDeniedException" : failure.code
        let status = failure.code == "AccessDenied" ? 400 : failure.httpStatus
        return Response(status: status, body: JSONErrorResponse.body(type: type, message: failure.message),
                        explanation: failure.explanation, errorCode: type, errorMessage: failure.message)
    }
}
