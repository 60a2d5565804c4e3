import AWSQuery
import CryptoExtras
import IAMFederation
import IAMModel
import IAMStorage

extension ProviderHandlers {
    static let unparsableMetadata = "Could not parse metadata."
    static let requiresKey = "Unable to set assertion encryption mode to Required because no private key is provided."

    func createSAMLProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let document = try p.required("SAMLMetadataDocument")
        let name = try ProviderValidation.samlName(p)
        var problems = ProviderValidation.Problems()
        ProviderValidation.metadataDocument(document, &problems)
        let mode = ProviderValidation.encryptionMode(p["AssertionEncryptionMode"], &problems) ?? .allowed
        ProviderValidation.privateKey(p["AddPrivateKey"], &problems)
        try problems.check()
        let tags = try p.tags()
        let metadata = try parseMetadata(document)
        let created = now()
        var provider = IAMSAMLProvider(id: Self.identifier("SAMLP"), accountID: caller.accountID, name: name, metadataDocument: document,
                                       validUntil: metadata.validUntil ?? XMLDateTime.adding(years: 100, to: created),
                                       encryptionMode: mode, createdAt: created, tags: tags)
        if let pem = p["AddPrivateKey"] { provider.privateKeys.append(try sealPrivateKey(pem, at: created)) }
        guard mode == .allowed || !provider.privateKeys.isEmpty else { throw AWSServiceError.invalidInput(Self.requiresKey) }
        do {
            try await store.createSAMLProvider(provider, quota: IAMQuotas.samlProviders)
        } catch StorageError.conflict("quota") {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for SAMLProvidersPerAccount: \(IAMQuotas.samlProviders)")
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("SAMLProvider \(name) already exists.")
        }
        return write { xml in
            xml.element("SAMLProviderArn", provider.arn)
            if !tags.isEmpty { xml.tags(Self.sorted(tags)) }
        }
    }

    func parseMetadata(_ document: String) throws -> SAMLMetadata {
        do {
            return try SAMLMetadata.parse(document)
        } catch {
            throw AWSServiceError.invalidInput(Self.unparsableMetadata)
        }
    }

    /// An RSA private key in PEM (PKCS#1 or PKCS#8, 2048 bits or more), sealed under a new key id.
    func sealPrivateKey(_ pem: String, at time: Int64) throws -> IAMSAMLPrivateKey {
        guard (try? _RSA.Encryption.PrivateKey(pemRepresentation: pem)) != nil else {
            throw AWSServiceError.invalidInput("Invalid private key.")
        }
        let id = Self.identifier("SAMLPK")
        return IAMSAMLPrivateKey(id: id, sealedKey: try box.seal(pem, boundTo: id), createdAt: time)
    }

    func getSAMLProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let provider = try await existingSAMLProvider(p, caller)
        return write { xml in
            xml.element("SAMLProviderUUID", provider.id)
            xml.element("SAMLMetadataDocument", provider.metadataDocument)
            xml.timestamp("CreateDate", provider.createdAt)
            xml.timestamp("ValidUntil", provider.validUntil)
            xml.tags(Self.sorted(provider.tags))
            xml.element("AssertionEncryptionMode", provider.encryptionMode.rawValue)
            xml.list("PrivateKeyList", provider.privateKeys) { xml, key in
                xml.element("KeyId", key.id)
                xml.timestamp("Timestamp", key.createdAt)
            }
        }
    }

    func listSAMLProviders(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let providers = try await store.samlProviders(accountID: caller.accountID)
        return write { xml in
            xml.list("SAMLProviderList", providers) { xml, provider in
                xml.element("Arn", provider.arn)
                xml.timestamp("ValidUntil", provider.validUntil)
                xml.timestamp("CreateDate", provider.createdAt)
            }
        }
    }

    func updateSAMLProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let document = p["SAMLMetadataDocument"]
        let addKey = p["AddPrivateKey"]
        let removeKey = p["RemovePrivateKey"]
        var problems = ProviderValidation.Problems()
        if let document { ProviderValidation.metadataDocument(document, &problems) }
        let mode = ProviderValidation.encryptionMode(p["AssertionEncryptionMode"], &problems)
        ProviderValidation.privateKey(addKey, &problems)
        ProviderValidation.privateKeyID(removeKey, &problems)
        try problems.check()
        var provider = try await existingSAMLProvider(p, caller)
        guard document != nil || addKey != nil || removeKey != nil || mode != nil else {
            throw AWSServiceError.invalidInput("Unable to update identity provider. No updates are defined for metadata or encryption assertion.")
        }
        guard addKey == nil || removeKey == nil else {
            throw AWSServiceError.invalidInput("Unable to add and remove private keys in the same request. Set a value for only one of the two parameters.")
        }
        if let document {
            let metadata = try parseMetadata(document)
            provider.metadataDocument = document
            provider.validUntil = metadata.validUntil ?? XMLDateTime.adding(years: 100, to: provider.createdAt)
        }
        if let mode { provider.encryptionMode = mode }
        if let addKey {
            guard provider.privateKeys.count < IAMQuotas.privateKeysPerSAMLProvider else {
                throw AWSServiceError.limitExceeded("Private key limit of \(IAMQuotas.privateKeysPerSAMLProvider) is reached.")
            }
            provider.privateKeys.append(try sealPrivateKey(addKey, at: now()))
        }
        if let removeKey {
            guard let index = provider.privateKeys.firstIndex(where: { $0.id == removeKey }) else {
                throw AWSServiceError.invalidInput("Failed to remove private key because the Key ID does not match a private key.")
            }
            guard provider.encryptionMode == .allowed || provider.privateKeys.count > 1 else {
                throw AWSServiceError.invalidInput("Failed to remove private key.")
            }
            provider.privateKeys.remove(at: index)
        }
        guard provider.encryptionMode == .allowed || !provider.privateKeys.isEmpty else {
            throw AWSServiceError.invalidInput(Self.requiresKey)
        }
        try await store.updateSAMLProvider(provider)
        return write { $0.element("SAMLProviderArn", provider.arn) }
    }

    func deleteSAMLProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let provider = try await existingSAMLProvider(p, caller)
        try await store.deleteSAMLProvider(id: provider.id)
        return nil
    }

    func tagSAMLProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let tags = try requiredTags(p)
        let provider = try await existingSAMLProvider(p, caller)
        try await store.setSAMLProviderTags(providerID: provider.id, tags: try IAMHandlers.merge(provider.tags, with: tags))
        return nil
    }

    func untagSAMLProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let remove = try requiredTagKeys(p)
        let provider = try await existingSAMLProvider(p, caller)
        try await store.setSAMLProviderTags(providerID: provider.id, tags: IAMHandlers.removing(remove, from: provider.tags))
        return nil
    }

    func listSAMLProviderTags(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        try listTags(try await existingSAMLProvider(p, caller).tags, p)
    }
}
