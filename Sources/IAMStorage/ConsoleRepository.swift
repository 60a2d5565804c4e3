public import IAMModel

/// Web console sessions and the root user's console password.
public protocol ConsoleRepository: Sendable {
    func createConsoleSession(_ session: ConsoleSession) async throws
    func consoleSession(tokenHash: String) async throws -> ConsoleSession?
    /// Saves stage, MFA time, last-seen time and region.
    func updateConsoleSession(_ session: ConsoleSession) async throws
    func deleteConsoleSession(tokenHash: String) async throws
    /// Removes sessions idle since before `idleBefore` or created before `createdBefore`.
    func deleteStaleConsoleSessions(idleBefore: Int64, createdBefore: Int64) async throws

    /// The root user's console password hash, if one was set with `warden root-password`.
    func rootPasswordHash(accountID: String) async throws -> String?
    func setRootPassword(accountID: String, hash: String, at time: Int64) async throws
    func recordRootPasswordUse(accountID: String, at time: Int64) async throws
}
