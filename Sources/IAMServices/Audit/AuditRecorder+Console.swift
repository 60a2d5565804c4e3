import IAMModel

/// Console sign-in and sign-out events (`eventSource` `signin.amazonaws.com`, event type
/// `AwsConsoleSignIn`). Console pages need nothing here: they call the API, recorded as API calls.
extension AuditRecorder {
    /// A sign-in attempt (`ConsoleLogin`): Success or Failure in `responseElements`, and whether the
    /// MFA step was part of it (`additionalEventData.MFAUsed`).
    func consoleLogin(accountID: String, user: IAMUser?, root: Bool, success: Bool, mfaUsed: Bool,
                      client: ConsoleClientFacts, at time: Int64) {
        var event = AuditEvent(
            eventTimeMillis: Self.millis(atSecond: time), eventSource: "signin.amazonaws.com",
            eventName: "ConsoleLogin", region: ConsoleSignIn.defaultRegion, sourceIP: client.sourceIP,
            userAgent: client.userAgent, userIdentity: AuditIdentity.signIn(accountID: accountID, user: user, root: root),
            errorMessage: success ? nil : "Failed authentication", requestID: nil, eventID: AuditEvent.newID(),
            readOnly: false, eventType: "AwsConsoleSignIn", recipientAccountID: accountID, gate: nil)
        event.responseElements = .object([("ConsoleLogin", .string(success ? "Success" : "Failure"))])
        event.additionalEventData = .object([
            ("LoginTo", .string("/console/home")), ("MobileVersion", .string("No")),
            ("MFAUsed", .string(mfaUsed ? "Yes" : "No")),
        ])
        event.lookupUserName = root ? "root" : user?.name
        event.principalARN = root ? IAMARN.root(accountID) : user?.arn
        record(event)
    }

    /// Signing out (`ConsoleLogout`).
    func consoleLogout(_ caller: Caller, client: ConsoleClientFacts, at time: Int64) {
        let mfa = caller.session?.mfaAuthenticatedAt != nil
        var event = AuditEvent(
            eventTimeMillis: Self.millis(atSecond: time), eventSource: "signin.amazonaws.com",
            eventName: "ConsoleLogout", region: ConsoleSignIn.defaultRegion, sourceIP: client.sourceIP,
            userAgent: client.userAgent, userIdentity: AuditIdentity.json(caller, mfaAuthenticated: mfa), requestID: nil,
            eventID: AuditEvent.newID(), readOnly: false, eventType: "AwsConsoleSignIn", recipientAccountID: caller.accountID,
            gate: nil)
        event.responseElements = .object([("ConsoleLogout", .string("Success"))])
        event.lookupUserName = AuditIdentity.lookupName(caller)
        event.principalARN = caller.arn
        record(event)
    }
}
