import AWSQuery
import Foundation
import IAMServices

/// Every console action is an API call: the console builds the same Query request the CLI would
/// send and passes it through `WardenAPI`, so the same gate decides with the session's MFA facts.
struct ConsoleClient: Sendable {
    enum Service: Sendable {
        case iam, sts, ec2
    }

    /// A refused call: AWS's code and message, and the deciding statement for denials.
    struct Failure: Error, Sendable {
        var code: String
        var message: String
        var explanation: String?
        var isDenial: Bool { code == "AccessDenied" || code == "UnauthorizedOperation" }
    }

    let api: WardenAPI
    let caller: Caller
    let facts: RequestFacts

    @discardableResult
    func call(_ service: Service, _ action: String, _ parameters: [(String, String)] = []) async throws(Failure) -> XMLNode {
        let query = QueryParameters([("Action", action)] + parameters)
        let requestID = UUID().uuidString.lowercased()
        let response: WardenAPI.Response = switch service {
        case .iam: await api.handle(service: .iam, parameters: query, caller: caller, facts: facts, requestID: requestID)
        case .sts: await api.handle(service: .sts, parameters: query, caller: caller, facts: facts, requestID: requestID)
        case .ec2: await api.handleEC2(parameters: query, caller: caller, facts: facts, requestID: requestID)
        }
        guard let tree = XMLNode.parse(response.body) else {
            throw Failure(code: "InternalFailure", message: "The response could not be read.")
        }
        guard response.status == 200 else {
            var message = tree.text("Message")
            if service == .ec2, tree.text("Code") == "UnauthorizedOperation" {
                // The console shows the decision itself instead of the encoded blob.
                message = response.plainDenial ?? message
            }
            throw Failure(code: tree.text("Code"), message: message, explanation: response.explanation)
        }
        return tree
    }

    /// A service Warden does not implement: the gate's answer for `service:action`.
    func other(service: String, action: String) async -> Failure {
        let response = await api.handleOtherService(service: service, action: action, format: .query, caller: caller,
                                                    facts: facts, requestID: UUID().uuidString.lowercased())
        let tree = XMLNode.parse(response.body)
        return Failure(code: tree?.text("Code") ?? "AccessDenied", message: tree?.text("Message") ?? "",
                       explanation: response.explanation)
    }
}
