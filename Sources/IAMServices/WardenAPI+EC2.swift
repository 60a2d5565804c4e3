public import AWSQuery
import Foundation
import IAMPolicy
import Logging

extension WardenAPI {
    /// EC2 on the same endpoint: authorize every target, honour DryRun, run, render EC2 XML.
    public func handleEC2(parameters: QueryParameters, caller: Caller, facts: RequestFacts, requestID: String) async -> Response {
        await audited(.signed(source: "ec2.amazonaws.com", caller: caller), action: parameters.action ?? "",
                      parameters: parameters, facts: facts, requestID: requestID) {
            await serveEC2(parameters: parameters, caller: caller, facts: facts, requestID: requestID)
        }
    }

    func serveEC2(parameters: QueryParameters, caller: Caller, facts: RequestFacts, requestID: String) async -> Response {
        await syncCaches()
        guard let action = parameters.action else {
            return ec2Error(.ec2("MissingAction", "The request must contain the parameter Action"), requestID)
        }
        guard let operation = EC2Operation(rawValue: action) else {
            return ec2Error(.ec2("InvalidAction", "The action \(action) is not valid for this web service."), requestID)
        }
        do {
            try await authorizer.authorizeEC2(operation, parameters, caller: caller, facts: facts, ec2: ec2)
            if try parameters.bool("DryRun") == true { throw AWSServiceError.dryRunOperation() }
            let scope = EC2Handlers.Scope(accountID: caller.accountID, region: facts.region)
            let body = try await ec2.perform(operation, parameters, scope)
            await credentials.recordUse(accessKeyID: caller.accessKeyID, at: facts.time, service: "ec2", region: facts.region)
            // Service last accessed (AnalysisHandlers): who used which action.
            await analysis.activity.record(caller: caller, action: operation.action, region: facts.region, at: facts.time)
            return Response(status: 200, body: QueryResponse.ec2Success(action: action, requestID: requestID) { $0.raw(body) })
        } catch let failure as AWSServiceError {
            return ec2Error(failure, requestID)
        } catch let failure as QueryDecodingError {
            let mapped = failure.ec2Equivalent
            return ec2Error(AWSServiceError(mapped.code, mapped.message, status: mapped.httpStatus), requestID)
        } catch {
            logger.error("ec2 request failed", metadata: ["request-id": "\(requestID)", "action": "\(action)", "error": "\(error)"])
            return ec2Error(AWSServiceError("InternalError", "An internal error has occurred", status: 500), requestID)
        }
    }

    public func ec2Error(_ failure: AWSServiceError, _ requestID: String) -> Response {
        Response(status: failure.httpStatus, body: QueryErrorResponse.ec2(code: failure.code, message: failure.message, requestID: requestID),
                 explanation: failure.explanation, plainDenial: failure.plainDenial, errorCode: failure.code,
                 errorMessage: failure.message)
    }

    /// A service Warden does not implement: AccessDenied when policies deny the action (as AWS
    /// would answer), otherwise a clear "not implemented" error. `format` picks the error body.
    public func handleOtherService(service: String, action: String, format: OtherServiceFormat, caller: Caller,
                                   facts: RequestFacts, requestID: String) async -> Response {
        await audited(.signed(source: "\(service).amazonaws.com", caller: caller), action: action,
                      parameters: QueryParameters([]), facts: facts, requestID: requestID) {
            await serveOtherService(service: service, action: action, format: format, caller: caller, facts: facts,
                                    requestID: requestID)
        }
    }

    func serveOtherService(service: String, action: String, format: OtherServiceFormat, caller: Caller,
                           facts: RequestFacts, requestID: String) async -> Response {
        await syncCaches()
        let fullAction = "\(service):\(action)"
        let denied: Bool
        let message: String
        var explanation: String?
        do {
            let decision = try await authorizer.authorizeOther(service: service, action: action, caller: caller, facts: facts)
            denied = !decision.isAllowed
            explanation = decision.explanation
            message = denied
                ? "User: \(caller.arn) is not authorized to perform: \(fullAction) \(decision.denialPhrase(action: fullAction) ?? "")"
                : "Warden does not implement the service \(service) (action \(action))."
        } catch {
            denied = true
            message = "User: \(caller.arn) is not authorized to perform: \(fullAction)"
        }
        let code = denied ? "AccessDenied" : "NotImplemented"
        let status = denied ? 403 : 400
        switch format {
        case .restXML:
            var xml = XMLWriter()
            xml.raw(QueryResponse.declaration)
            xml.open("Error")
            xml.element("Code", code)
            xml.element("Message", message)
            xml.element("RequestId", requestID)
            xml.close("Error")
            return Response(status: status, body: xml.text, explanation: explanation, errorCode: code, errorMessage: message)
        case .json:
            let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return Response(status: denied ? 400 : 400,
                            body: "{\"__type\":\"\(denied ? "AccessDeniedException" : "UnknownOperationException")\",\"message\":\"\(escaped)\"}",
                            explanation: explanation, errorCode: code, errorMessage: message)
        case .query:
            return Response(status: status, body: QueryErrorResponse.query(code: code, message: message, isSenderFault: true,
                                                                           requestID: requestID, namespace: ""),
                            explanation: explanation, errorCode: code, errorMessage: message)
        }
    }

    public enum OtherServiceFormat: Sendable {
        case restXML, json, query
    }
}
