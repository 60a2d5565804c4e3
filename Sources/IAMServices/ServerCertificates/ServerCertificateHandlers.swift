import AWSQuery
import IAMKeyFormats
import IAMModel
import IAMPolicyCatalog
import IAMStorage

/// The IAM operations for server certificates. Authorization already happened in `Authorizer`.
struct ServerCertificateHandlers: Sendable {
    let store: any IAMStore
    let box: SecretBox
    let catalog: ManagedPolicyCatalog
    let now: @Sendable () -> Int64

    static let nameLength = 128

    func perform(_ operation: APIOperation, _ p: QueryParameters, _ caller: Caller) async throws -> String? {
        switch operation {
        case .uploadServerCertificate: return try await upload(p, caller)
        case .getServerCertificate: return try await get(p, caller)
        case .listServerCertificates: return try await list(p, caller)
        case .updateServerCertificate: return try await update(p, caller)
        case .deleteServerCertificate: return try await delete(p, caller)
        case .tagServerCertificate: return try await tag(p, caller)
        case .untagServerCertificate: return try await untag(p, caller)
        case .listServerCertificateTags: return try await listTags(p, caller)
        default:
            // Served by the other families (see `OperationFamily`).
            throw AWSServiceError.invalidAction(operation.rawValue)
        }
    }

    // MARK: Operations

    func upload(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let name = try p.name("ServerCertificateName", maxLength: Self.nameLength)
        let path = try p.path()
        let body = try certificateText(p, "CertificateBody", required: true, max: 16_384) ?? ""
        let privateKey = try certificateText(p, "PrivateKey", required: true, max: 16_384, secret: true) ?? ""
        let chain = try certificateText(p, "CertificateChain", required: false, max: 2_097_152)
        let tags = try p.tags()
        let info: ServerCertificateInfo
        switch ServerCertificateBundle.check(body: body, privateKey: privateKey, chain: chain, now: now()) {
        case .success(let checked): info = checked
        case .failure(.malformed(let message)): throw AWSServiceError("MalformedCertificate", message, status: 400)
        case .failure(.keyPairMismatch(let message)): throw AWSServiceError("KeyPairMismatch", message, status: 400)
        }
        if try await store.serverCertificate(accountID: caller.accountID, name: name) != nil {
            throw Self.alreadyExists(name)
        }
        let existing = try await store.serverCertificates(accountID: caller.accountID, pathPrefix: "/")
        guard existing.count < IAMQuotas.serverCertificates else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for ServerCertificatesPerAccount: \(IAMQuotas.serverCertificates)")
        }
        var rng = SystemRandomNumberGenerator()
        let id = IAMIdentifiers.uniqueID("ASCA", using: &rng)
        let certificate = IAMServerCertificate(
            id: id, accountID: caller.accountID, name: name, path: path, body: info.normalizedBody,
            chain: info.normalizedChain, sealedPrivateKey: try box.seal(info.normalizedPrivateKey, boundTo: id),
            expiresAt: info.notValidAfter, uploadedAt: now(), tags: tags)
        do {
            try await store.createServerCertificate(certificate)
        } catch StorageError.conflict {
            throw Self.alreadyExists(name)
        }
        return write { xml in
            xml.serverCertificateMetadata(certificate)
            if !certificate.tags.isEmpty { xml.tags(certificate.tags) }
        }
    }

    func get(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificate = try await existing(p, caller)
        return write { xml in
            xml.open("ServerCertificate")
            xml.serverCertificateMetadata(certificate)
            xml.element("CertificateBody", certificate.body)
            xml.optionalElement("CertificateChain", certificate.chain)
            if !certificate.tags.isEmpty { xml.tags(certificate.tags) }
            xml.close("ServerCertificate")
        }
    }

    func list(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificates = try await store.serverCertificates(accountID: caller.accountID, pathPrefix: try p.pathPrefix())
        let page = try Paginator.page(certificates, marker: p["Marker"], maxItems: try p.int("MaxItems"))
        return write { xml in
            xml.list("ServerCertificateMetadataList", page.items) { $0.serverCertificateMetadataFields($1) }
            xml.pagination(page)
        }
    }

    func update(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificate = try await existing(p, caller)
        let newName = p["NewServerCertificateName"] == nil
            ? certificate.name : try p.name("NewServerCertificateName", maxLength: Self.nameLength)
        let newPath = p["NewPath"] == nil ? certificate.path : try p.path("NewPath")
        if newName.lowercased() != certificate.name.lowercased(),
           try await store.serverCertificate(accountID: caller.accountID, name: newName) != nil {
            throw Self.alreadyExists(newName)
        }
        do {
            try await store.updateServerCertificate(id: certificate.id, name: newName, path: newPath)
        } catch StorageError.conflict {
            throw Self.alreadyExists(newName)
        }
        return nil
    }

    func delete(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificate = try await existing(p, caller)
        try await store.deleteServerCertificate(id: certificate.id)
        return nil
    }

    func tag(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificate = try await existing(p, caller)
        guard p.names.contains(where: { $0 == "Tags" || $0.hasPrefix("Tags.") }) else {
            throw AWSServiceError.missingParameter("Tags")
        }
        let merged = try IAMHandlers.merge(certificate.tags, with: try p.tags())
        try await store.setServerCertificateTags(id: certificate.id, tags: merged)
        return nil
    }

    func untag(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificate = try await existing(p, caller)
        guard let keys = try p.list("TagKeys", limit: 50) else { throw AWSServiceError.missingParameter("TagKeys") }
        try await store.setServerCertificateTags(id: certificate.id, tags: IAMHandlers.removing(keys, from: certificate.tags))
        return nil
    }

    func listTags(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificate = try await existing(p, caller)
        let page = try Paginator.page(certificate.tags, marker: p["Marker"], maxItems: try p.int("MaxItems"))
        return write { xml in
            xml.tags(Array(page.items))
            xml.pagination(page)
        }
    }

    // MARK: Shared

    /// The certificate named by `ServerCertificateName`, or NoSuchEntity.
    func existing(_ p: QueryParameters, _ caller: Caller) async throws -> IAMServerCertificate {
        let name = try p.name("ServerCertificateName", maxLength: Self.nameLength)
        guard let certificate = try await store.serverCertificate(accountID: caller.accountID, name: name) else {
            throw AWSServiceError.noSuchEntity("The Server Certificate with name \(name) cannot be found.")
        }
        return certificate
    }

    /// A PEM text parameter: 1...`max` characters of `[\u0009\u000A\u000D\u0020-\u00FF]`.
    func certificateText(_ p: QueryParameters, _ parameter: String, required: Bool, max: Int,
                         secret: Bool = false) throws -> String? {
        try FieldRules.text(p, parameter, required: required, min: 1, max: max,
                            pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+", secret: secret,
                            allowed: FieldRules.isCertificateText)
    }

    static func alreadyExists(_ name: String) -> AWSServiceError {
        .entityAlreadyExists("The Server Certificate with name \(name) already exists.")
    }

    func write(_ body: (inout XMLWriter) -> Void) -> String {
        var xml = XMLWriter()
        body(&xml)
        return xml.text
    }
}
