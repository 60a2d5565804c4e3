import AWSQuery
import IAMModel

/// Recording every API call: each entry point of `WardenAPI` runs its work inside `audited`, which
/// binds an `AuditNote` for the gate to fill and, once the response is ready, hands one
/// CloudTrail-shaped event to the recorder (no database write on the request's path).
extension WardenAPI {
    /// Where a call came in: the event's `eventSource` and how its caller is described.
    enum AuditedCall {
        case signed(source: String, caller: Caller)
        /// AssumeRoleWithSAML / AssumeRoleWithWebIdentity: no signature, the token is the proof.
        case unsigned
    }

    func audited(_ call: AuditedCall, action: String, parameters: QueryParameters, facts: RequestFacts, requestID: String,
                 _ work: () async -> Response) async -> Response {
        // The event's time is when the request arrived (a slow call, say bcrypt, must not sort later).
        let started = AuditRecorder.millis(atSecond: facts.time)
        let note = AuditNote()
        let response = await AuditNote.$current.withValue(note) { await work() }
        var event = AuditEvent(
            eventTimeMillis: started, eventSource: "", eventName: action,
            region: facts.region, sourceIP: facts.sourceIP, userAgent: facts.userAgent, userIdentity: .null,
            errorCode: response.errorCode, errorMessage: response.errorCode == nil ? nil : response.errorMessage,
            requestID: requestID, eventID: AuditEvent.newID(), readOnly: AuditEvent.isReadOnly(action),
            recipientAccountID: "", gate: note.gate)
        event.requestParameters = AuditParameters.json(parameters)
        event.resource = AuditParameters.resource(parameters)
        switch call {
        case .signed(let source, let caller):
            let mfa = note.mfaPresent ?? Self.multiFactorAuthPresent(caller, facts)
            event.eventSource = source
            event.userIdentity = AuditIdentity.json(caller, mfaAuthenticated: mfa)
            event.recipientAccountID = caller.accountID
            event.lookupUserName = AuditIdentity.lookupName(caller)
            event.principalARN = caller.arn
            event.accessKeyID = caller.session?.origin == .console ? nil : caller.accessKeyID
        case .unsigned:
            let account = parameters["RoleArn"].flatMap(RoleARN.init)?.account ?? ""
            event.eventSource = "sts.amazonaws.com"
            event.userIdentity = AuditIdentity.federated(action: action, accountID: account,
                                                         provider: parameters["PrincipalArn"])
            event.recipientAccountID = account
        }
        audit.record(event)
        return response
    }

    /// `aws:MultiFactorAuthPresent` as the gate computes it, for calls that failed before the gate.
    static func multiFactorAuthPresent(_ caller: Caller, _ facts: RequestFacts) -> Bool {
        facts.mfaVerifiedAt != nil || caller.session?.mfaAuthenticatedAt != nil
    }
}
