import AWSQuery
import IAMModel
import IAMStorage

extension IAMHandlers {
    /// Services that accept service-specific credentials (iam-facts §4.11).
    static let serviceCredentialServices: Set<String> = ["codecommit.amazonaws.com", "cassandra.amazonaws.com"]
    static let serviceCredentialsPerService = 2

    func createServiceSpecificCredential(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let service = try p.required("ServiceName")
        guard Self.serviceCredentialServices.contains(service) else {
            throw AWSServiceError("NotSupportedService", "Service \(service) is not supported for service-specific credentials.", status: 404)
        }
        let existing = try await store.serviceSpecificCredentials(userID: user.id).filter { $0.serviceName == service }
        guard existing.count < Self.serviceCredentialsPerService else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: \(Self.serviceCredentialsPerService)")
        }
        var rng = SystemRandomNumberGenerator()
        let id = IAMIdentifiers.uniqueID("ACCA", using: &rng)
        let password = IAMIdentifiers.secretAccessKey(using: &rng) + IAMIdentifiers.uniqueID("", using: &rng).prefix(4)
        let credential = IAMServiceSpecificCredential(
            id: id, userID: user.id, serviceName: service, serviceUserName: "\(user.name)-at-\(caller.accountID)",
            sealedPassword: try box.seal(password, boundTo: id), status: .active, createdAt: now())
        try await store.createServiceSpecificCredential(credential)
        return write { xml in serviceCredential(&xml, credential, userName: user.name, password: password) }
    }

    func serviceCredential(_ xml: inout XMLWriter, _ credential: IAMServiceSpecificCredential, userName: String, password: String) {
        xml.open("ServiceSpecificCredential")
        xml.timestamp("CreateDate", credential.createdAt)
        xml.element("ServiceName", credential.serviceName)
        xml.element("ServiceUserName", credential.serviceUserName)
        xml.element("ServicePassword", password)
        xml.element("ServiceSpecificCredentialId", credential.id)
        xml.element("UserName", userName)
        xml.element("Status", credential.status.rawValue)
        xml.close("ServiceSpecificCredential")
    }

    func listServiceSpecificCredentials(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await requireUser(p, caller)
        let service = p["ServiceName"]
        let credentials = try await store.serviceSpecificCredentials(userID: user.id).filter { service == nil || $0.serviceName == service }
        return write { xml in
            xml.list("ServiceSpecificCredentials", credentials) { xml, credential in
                xml.element("UserName", user.name)
                xml.element("Status", credential.status.rawValue)
                xml.element("ServiceUserName", credential.serviceUserName)
                xml.timestamp("CreateDate", credential.createdAt)
                xml.element("ServiceSpecificCredentialId", credential.id)
                xml.element("ServiceName", credential.serviceName)
            }
        }
    }

    func ownedServiceCredential(_ p: QueryParameters, _ caller: Caller) async throws -> (IAMServiceSpecificCredential, IAMUser) {
        let user = try await requireUser(p, caller)
        let id = try p.required("ServiceSpecificCredentialId")
        guard let credential = try await store.serviceSpecificCredentials(userID: user.id).first(where: { $0.id == id }) else {
            throw AWSServiceError.noSuchEntity("No such credential \(id) exists")
        }
        return (credential, user)
    }

    func updateServiceSpecificCredential(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        var (credential, _) = try await ownedServiceCredential(p, caller)
        credential.status = try statusParameter(p)
        try await store.updateServiceSpecificCredential(credential)
        return nil
    }

    func resetServiceSpecificCredential(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        var (credential, user) = try await ownedServiceCredential(p, caller)
        var rng = SystemRandomNumberGenerator()
        let password = IAMIdentifiers.secretAccessKey(using: &rng) + IAMIdentifiers.uniqueID("", using: &rng).prefix(4)
        credential.sealedPassword = try box.seal(password, boundTo: credential.id)
        try await store.updateServiceSpecificCredential(credential)
        return write { xml in serviceCredential(&xml, credential, userName: user.name, password: password) }
    }

    func deleteServiceSpecificCredential(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let (credential, _) = try await ownedServiceCredential(p, caller)
        try await store.deleteServiceSpecificCredential(id: credential.id)
        return nil
    }
}
