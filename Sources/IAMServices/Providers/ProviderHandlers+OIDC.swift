import AWSQuery
import IAMModel
import IAMStorage

extension ProviderHandlers {
    func createOIDCProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let url = try p.required("Url")
        let clientIDs = try p.list("ClientIDList") ?? []
        let thumbprints = try p.list("ThumbprintList") ?? []
        var problems = ProviderValidation.Problems()
        if clientIDs.contains(where: { ProviderValidation.length($0, 1...255) != nil }) {
            problems.add("clientIDList", "Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]")
        }
        if thumbprints.contains(where: { $0.count != 40 }) {
            problems.add("thumbprintList", "Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]")
        }
        if let problem = ProviderValidation.length(url, 1...255) { problems.add("url", problem) }
        try problems.check()
        guard let parsed = ProviderValidation.oidcURL(url, allowLoopbackHTTP: allowLoopbackHTTP) else {
            throw AWSServiceError.validationError("Invalid Open ID Connect Provider URL")
        }
        try checkThumbprints(thumbprints)
        var uniqueClientIDs: [String] = []
        for clientID in clientIDs where !uniqueClientIDs.contains(clientID) { uniqueClientIDs.append(clientID) }
        guard uniqueClientIDs.count <= IAMQuotas.clientIDsPerOIDCProvider else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: \(IAMQuotas.clientIDsPerOIDCProvider)")
        }
        let tags = try p.tags()
        let provider = IAMOIDCProvider(id: Self.identifier("AOIDC"), accountID: caller.accountID, url: parsed.rest, scheme: parsed.scheme,
                                       clientIDs: uniqueClientIDs, thumbprints: thumbprints, createdAt: now(), tags: tags)
        do {
            try await store.createOIDCProvider(provider, quota: IAMQuotas.openIDConnectProviders)
        } catch StorageError.conflict("quota") {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for OpenIdConnectProvidersPerAccount: \(IAMQuotas.openIDConnectProviders)")
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("Provider with url \(url) already exists.")
        }
        return write { xml in
            xml.element("OpenIDConnectProviderArn", provider.arn)
            if !tags.isEmpty { xml.tags(Self.sorted(tags)) }
        }
    }

    /// At most five thumbprints of 40 hexadecimal digits.
    func checkThumbprints(_ thumbprints: [String]) throws {
        guard thumbprints.count <= IAMQuotas.thumbprintsPerOIDCProvider else {
            throw AWSServiceError.invalidInput("Thumbprint list must contain fewer than \(IAMQuotas.thumbprintsPerOIDCProvider) entries.")
        }
        guard thumbprints.allSatisfy(ProviderValidation.isThumbprint) else {
            throw AWSServiceError.invalidInput("A thumbprint must be the 40 hexadecimal digits of a certificate's SHA-1 fingerprint.")
        }
    }

    func getOIDCProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let provider = try await existingOIDCProvider(p, caller)
        return write { xml in
            xml.element("Url", provider.url)
            xml.stringList("ClientIDList", provider.clientIDs)
            xml.stringList("ThumbprintList", provider.thumbprints)
            xml.timestamp("CreateDate", provider.createdAt)
            xml.tags(Self.sorted(provider.tags))
        }
    }

    func listOIDCProviders(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let providers = try await store.oidcProviders(accountID: caller.accountID)
        return write { xml in
            xml.list("OpenIDConnectProviderList", providers) { $0.element("Arn", $1.arn) }
        }
    }

    func deleteOIDCProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let provider = try await existingOIDCProvider(p, caller, deleting: true)
        try await store.deleteOIDCProvider(id: provider.id)
        return nil
    }

    func addClientID(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let clientID = try clientIDParameter(p)
        let provider = try await existingOIDCProvider(p, caller)
        do {
            try await store.addOIDCClientID(providerID: provider.id, clientID: clientID, quota: IAMQuotas.clientIDsPerOIDCProvider)
        } catch StorageError.conflict("quota") {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: \(IAMQuotas.clientIDsPerOIDCProvider)")
        }
        return nil
    }

    func removeClientID(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let clientID = try clientIDParameter(p)
        let provider = try await existingOIDCProvider(p, caller)
        try await store.removeOIDCClientID(providerID: provider.id, clientID: clientID)
        return nil
    }

    func clientIDParameter(_ p: QueryParameters) throws -> String {
        let clientID = try p.required("ClientID")
        var problems = ProviderValidation.Problems()
        if let problem = ProviderValidation.length(clientID, 1...255) {
            problems.add("clientID", problem, value: clientID.count > 255 ? nil : clientID)
        }
        try problems.check()
        return clientID
    }

    func updateThumbprints(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard let thumbprints = try p.list("ThumbprintList") else { throw AWSServiceError.missingParameter("ThumbprintList") }
        var problems = ProviderValidation.Problems()
        if thumbprints.contains(where: { $0.count != 40 }) {
            problems.add("thumbprintList", "Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]")
        }
        try problems.check()
        let provider = try await existingOIDCProvider(p, caller)
        try checkThumbprints(thumbprints)
        try await store.setOIDCThumbprints(providerID: provider.id, thumbprints: thumbprints)
        return nil
    }

    func tagOIDCProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let tags = try requiredTags(p)
        let provider = try await existingOIDCProvider(p, caller)
        try await store.setOIDCProviderTags(providerID: provider.id, tags: try IAMHandlers.merge(provider.tags, with: tags))
        return nil
    }

    func untagOIDCProvider(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let remove = try requiredTagKeys(p)
        let provider = try await existingOIDCProvider(p, caller)
        try await store.setOIDCProviderTags(providerID: provider.id, tags: IAMHandlers.removing(remove, from: provider.tags))
        return nil
    }

    func listOIDCProviderTags(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        try listTags(try await existingOIDCProvider(p, caller).tags, p)
    }

    /// Tags sorted by key, as Create/Get responses list them.
    static func sorted(_ tags: [IAMTag]) -> [IAMTag] {
        tags.sorted { $0.key < $1.key }
    }
}
