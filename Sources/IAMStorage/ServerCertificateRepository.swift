public import IAMModel

/// Server certificates.
public protocol ServerCertificateRepository: Sendable {
    /// `conflict("server-certificate-name")` when the name exists in the account (case-insensitively).
    func createServerCertificate(_ certificate: IAMServerCertificate) async throws
    func serverCertificate(accountID: String, name: String) async throws -> IAMServerCertificate?
    /// Certificates whose path starts with `pathPrefix`, ordered by name.
    func serverCertificates(accountID: String, pathPrefix: String) async throws -> [IAMServerCertificate]
    /// `conflict("server-certificate-name")` when the new name is taken.
    func updateServerCertificate(id: String, name: String, path: String) async throws
    func deleteServerCertificate(id: String) async throws
    func setServerCertificateTags(id: String, tags: [IAMTag]) async throws
}
